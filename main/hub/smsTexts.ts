// What a citizen's phone reads. Written in Vietnamese with its accents, addressing the citizen as
// "Ông/Bà" as an administrative text does; a center that sends GSM-7 has the accents removed on the
// way out (hardware/sms/encoding.ts). Every text is built to fit one message in the center's
// encoding (160 characters without accents, 70 with): each kind has wordings from the fullest to
// the shortest, and the center's name goes first whenever it fits (a citizen must know who writes),
// so a long name or Unicode gets a shorter wording before it loses the name.
import { encodeSms, type EncodedSms, type SmsEncoding } from '../../hardware/sms/encoding.ts';

/** What a message says: its kind and the numbers in it. */
export type SmsFacts =
  { kind: 'ahead'; ticketNumber: number; ahead: number } | { kind: 'called'; ticketNumber: number; counterNumber: number };

/** The wordings of one message, fullest first; the last fits 70 characters with 6-digit numbers. */
export function wordings(f: SmsFacts): string[] {
  const n = f.ticketNumber;
  if (f.kind === 'called') {
    const c = f.counterNumber;
    return [`Đã đến lượt số ${n}. Mời Ông/Bà đến quầy số ${c}.`, `Mời Ông/Bà số ${n} đến quầy số ${c}.`, `Số ${n} mời đến quầy ${c}.`];
  }
  if (f.ahead <= 0)
    return [
      `Số ${n} là lượt tiếp theo. Mời Ông/Bà có mặt tại khu vực chờ.`,
      `Số ${n} là lượt tiếp theo. Mời Ông/Bà về khu vực chờ.`,
      `Số ${n} là lượt tiếp theo.`,
      `Số ${n} sắp được mời.`,
    ];
  const a = f.ahead;
  return [
    `Số ${n} sắp đến lượt, còn ${a} người phía trước. Mời Ông/Bà có mặt tại khu vực chờ.`,
    `Số ${n} sắp đến lượt, còn ${a} người trước. Mời Ông/Bà về khu vực chờ.`,
    `Số ${n} sắp đến lượt, còn ${a} người phía trước.`,
    `Số ${n}: còn ${a} người trước Ông/Bà.`,
    `Số ${n}: còn ${a} người.`,
  ];
}

function fits(text: string, encoding: SmsEncoding): boolean {
  return encodeSms(text, encoding).parts === 1;
}

/**
 * The message as it is queued, for the center's name and encoding: the fullest wording that fits
 * one part with the name before it; failing any, the fullest that fits without the name; failing
 * that (never with numbers of up to six digits), the shortest, which is then not sent (too long).
 */
export function composeSms(f: SmsFacts, centerName: string, encoding: SmsEncoding): string {
  const all = wordings(f);
  const name = centerName.replace(/\s+/g, ' ').trim();
  if (name !== '') {
    for (const w of all) if (fits(`${name}: ${w}`, encoding)) return `${name}: ${w}`;
  }
  return all.find((w) => fits(w, encoding)) ?? all[all.length - 1]!; // wordings() is never empty
}

/**
 * A queued text as it goes out: in the chosen encoding when it is one part. A text queued before
 * the center chose Unicode (built for 160 characters) goes without accents rather than not at all;
 * null when it cannot be one part either way (a permanent failure: never tried again).
 */
export function forSending(text: string, encoding: SmsEncoding): EncodedSms | null {
  const chosen = encodeSms(text, encoding);
  if (chosen.parts === 1) return chosen;
  const plain = encodeSms(text, 'gsm7');
  return plain.parts === 1 ? plain : null;
}

/** "Số 1023 sắp đến lượt, còn 3 người phía trước. …" (0 ahead: it is next): the fullest wording. */
export function aheadText(ticketNumber: number, ahead: number): string {
  return wordings({ kind: 'ahead', ticketNumber, ahead })[0]!; // wordings() is never empty
}

/** "Đã đến lượt số 1023. Mời Ông/Bà đến quầy số 5.": the fullest wording. */
export function calledText(ticketNumber: number, counterNumber: number): string {
  return wordings({ kind: 'called', ticketNumber, counterNumber })[0]!; // wordings() is never empty
}

/**
 * A Vietnamese mobile number as kept: ten digits from 0 (03…, 05…, 07…, 08…, 09…), from what was
 * typed (spaces, dots or dashes between digits, +84 or 84 before it); null if it is not one.
 */
export function normalizePhone(typed: string): string | null {
  const digits = typed.replace(/[\s.-]/g, '');
  const m = /^(?:\+84|84|0)([35789]\d{8})$/.exec(digits);
  return m ? `0${m[1]}` : null;
}

/** The number as the modem dials it: +84 and the nine digits after the 0. */
export function international(phone: string): string {
  return `+84${phone.slice(1)}`;
}

/** What is shown after entry: the last three digits only ("••• ••• 123"). */
export function maskPhone(phone: string): string {
  return `••• ••• ${phone.slice(-3)}`;
}
