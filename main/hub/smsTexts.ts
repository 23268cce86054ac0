// What a citizen's phone reads. Written in Vietnamese with its accents; a center that sends GSM-7
// has them removed on the way out (hardware/sms/encoding.ts). Each fits one message: the center's
// name goes first only when the whole still fits (a citizen must know who writes).
import { encodeSms, type SmsEncoding } from '../../hardware/sms/encoding.ts';

/** "Số 1023 sắp đến lượt, còn 3 người phía trước. …" (0 ahead: it is next). */
export function aheadText(ticketNumber: number, ahead: number): string {
  if (ahead <= 0) return `Số ${ticketNumber} là lượt tiếp theo. Xin mời có mặt tại khu vực chờ.`;
  return `Số ${ticketNumber} sắp đến lượt, còn ${ahead} người phía trước. Xin mời có mặt tại khu vực chờ.`;
}

/** "Đã đến lượt số 1023. Mời đến quầy số 5." */
export function calledText(ticketNumber: number, counterNumber: number): string {
  return `Đã đến lượt số ${ticketNumber}. Mời đến quầy số ${counterNumber}.`;
}

/** The center's name before the text when the whole fits one message. */
export function signed(centerName: string, text: string, encoding: SmsEncoding): string {
  const whole = `${centerName.trim()}: ${text}`;
  return centerName.trim() !== '' && encodeSms(whole, encoding).parts === 1 ? whole : text;
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
