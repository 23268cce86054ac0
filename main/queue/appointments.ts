// Appointments made at the center: a field, a day and a time window, and whether the citizen goes
// to the priority line. The citizen gets a code (printed or shown as a QR) and checks in by
// scanning it at the kiosk within the window. Nothing personal is stored: no name, no ID number.
// Codes, in the safe alphabet a wedge scanner types unchanged through UniKey (Telex or VNI):
// `MH1.<nonce>.<signature>` for these, `MHN1.…` quick codes (a field and a validity). Codes
// printed before #23 (`MA2.…`, `MA1.…`) still read, also when Telex or VNI rewrote them on the way.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { randomSafe, safeDigits } from '../../hardware/scanner/safeCodes.ts';
import { typedFrom, untypedCandidates, type SegmentShape } from '../../hardware/scanner/inputMethods.ts';
import { scanBudget } from './ticketCode.ts';
import type { Appointment, AppointmentInput } from '../contract/index.ts';
import type { Db } from '../../db/open.ts';
import { getField } from '../../db/fields.ts';
import { appointmentByHash, appointmentsOfDay, insertAppointment, type AppointmentRecord } from '../../db/scans.ts';
import { HubError } from '../base/errors.ts';
import { instantOf, type Clock } from '../base/time.ts';
import type { SettingsStore } from '../store/settings.ts';
import type { QueueEngine } from './engine.ts';

/** A citizen may check in this long before the window opens (early is normal; the ticket waits its turn). */
export const CHECK_IN_EARLY_MS = 60 * 60_000;

/** What a valid code allows, and the key its use is recorded under. */
export interface ReadAppointment {
  fieldId: number;
  priority: boolean;
  expiresAt: number;
  codeHash: string;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const SIG = /[A-Za-z0-9_-]/;
/** The shapes of the codes printed before #23, for undoing an input method's rewriting. */
export const V1_SHAPES: SegmentShape[][] = [
  [
    { chars: /[MA2]/, min: 3, max: 3 },
    { chars: /[0-9a-f]/, min: 12, max: 12 },
    { chars: SIG, min: 12, max: 12 },
  ],
  [
    { chars: /[MA1]/, min: 3, max: 3 },
    { chars: /\d/, min: 1, max: 9 },
    { chars: /[0-9a-z]/, min: 1, max: 12 },
    { chars: /[0-9a-f]/, min: 8, max: 8 },
    { chars: SIG, min: 12, max: 12 },
  ],
];
// VNI eats the digit of the prefix: `MA2.` arrives as `MÀ.`, `MA1.` as `MÁ.`.
const LOOKS_V1 = /^M[AÀÁẢÃẠÂẦẤẨẪẬĂẰẮẲẴẶ][12]?\./iu;

export class Appointments {
  constructor(
    private readonly db: Db,
    private readonly engine: QueueEngine,
    private readonly settings: SettingsStore,
    private readonly secret: string,
    private readonly clock: Clock,
  ) {}

  create(input: AppointmentInput, staffId: number | null): Appointment {
    const field = getField(this.db, input.fieldId);
    if (!field) throw new HubError('FIELD_NOT_FOUND');
    if (!field.active) throw new HubError('FIELD_INACTIVE');
    const tz = this.settings.get().timezone;
    const startsAt = instantOf(input.day, minutesOf(input.from), tz);
    const endsAt = instantOf(input.day, minutesOf(input.to), tz);
    if (endsAt <= this.clock()) throw new HubError('APPOINTMENT_IN_PAST');
    const body = `MH1.${randomSafe(11)}`;
    const code = `${body}.${this.sign(body)}`;
    const stored = insertAppointment(this.db, {
      code,
      codeHash: this.hash(code),
      fieldId: input.fieldId,
      serviceDay: input.day,
      startsAt,
      endsAt,
      priority: input.priority,
      createdAt: this.clock(),
      createdBy: staffId,
    });
    return this.toWire(stored);
  }

  /** `MHN1.<field>.<expiry, minutes since epoch>.<nonce>.<signature>`: a field and a validity, no window. */
  createQuick(fieldId: number, validMinutes: number): { code: string; fieldId: number; expiresAt: number } {
    if (!getField(this.db, fieldId)) throw new HubError('FIELD_NOT_FOUND');
    const expiresAt = Math.ceil((this.clock() + validMinutes * 60_000) / 60_000) * 60_000;
    const body = `MHN1.${fieldId}.${expiresAt / 60_000}.${randomSafe(8)}`;
    return { code: `${body}.${this.sign(body)}`, fieldId, expiresAt };
  }

  list(day = this.engine.serviceDay()): Appointment[] {
    return appointmentsOfDay(this.db, day).map((a) => this.toWire(a));
  }

  /** A scanned code: genuine, within its window, for a field taking tickets. Its use is checked by the caller. */
  read(scanned: string): ReadAppointment {
    const now = this.clock();
    const code = this.recover(scanned.trim());
    const quick =
      /^(MHN1\.(\d{1,9})\.(\d{1,12})\.[0-9BCGHKLMNPQTV]{8})\.([0-9BCGHKLMNPQTV]{17})$/.exec(code) ??
      /^(MA1\.(\d{1,9})\.([0-9a-z]{1,12})\.[0-9a-f]{8})\.([A-Za-z0-9_-]{12})$/.exec(code);
    if (quick) {
      // groups 1–4 take part in every match of either pattern
      if (!this.genuine(quick[1]!, quick[4]!)) throw new HubError('APPOINTMENT_INVALID');
      // group 3 takes part in every match of either pattern
      const expiresAt = parseInt(quick[3]!, code.startsWith('MHN1.') ? 10 : 36) * 60_000;
      if (now > expiresAt) throw new HubError('APPOINTMENT_EXPIRED');
      const fieldId = Number(quick[2]);
      if (!getField(this.db, fieldId)?.active) throw new HubError('FIELD_INACTIVE');
      return { fieldId, priority: this.settings.get().scan.appointmentPriority, expiresAt, codeHash: this.hash(code) };
    }
    const booked =
      /^(MH1\.[0-9BCGHKLMNPQTV]{11})\.([0-9BCGHKLMNPQTV]{17})$/.exec(code) ?? /^(MA2\.[0-9a-f]{12})\.([A-Za-z0-9_-]{12})$/.exec(code);
    // groups 1 and 2 take part in every match of either pattern
    if (!booked || !this.genuine(booked[1]!, booked[2]!)) throw new HubError('APPOINTMENT_INVALID');
    const a = appointmentByHash(this.db, this.hash(code));
    if (!a) throw new HubError('APPOINTMENT_INVALID');
    if (now > a.endsAt) throw new HubError('APPOINTMENT_EXPIRED');
    if (now < a.startsAt - CHECK_IN_EARLY_MS) throw new HubError('APPOINTMENT_TOO_EARLY', { startsAt: a.startsAt });
    if (!getField(this.db, a.fieldId)?.active) throw new HubError('FIELD_INACTIVE');
    return { fieldId: a.fieldId, priority: a.priority, expiresAt: a.endsAt, codeHash: a.codeHash };
  }

  private toWire(a: AppointmentRecord): Appointment {
    const status = a.ticketId !== null ? 'checked-in' : this.clock() > a.endsAt ? 'missed' : 'booked';
    return {
      id: a.id,
      code: a.code,
      fieldId: a.fieldId,
      serviceDay: a.serviceDay,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      priority: a.priority,
      createdAt: a.createdAt,
      status,
      ticketNumber: a.ticketNumber,
      checkedInAt: a.usedAt,
    };
  }

  /**
   * The code as printed: a new code read case-blind; an old one rewritten by Telex or VNI on the
   * way undone, keeping only a way of undoing it whose signature verifies. Else the text as scanned.
   */
  private recover(text: string): string {
    if (/^MHN?1\./i.test(text)) return text.toUpperCase();
    if (/^MA[12]\.[0-9a-f]/.test(text) && this.genuineCode(text)) return text;
    if (!LOOKS_V1.test(text.normalize('NFC'))) return text;
    // One scan's steps for both shapes: the hub's event loop waits for this. Today's old booked
    // codes are known, and testing whether the scan is one of them typed is cheap.
    const budget = scanBudget();
    for (const a of appointmentsOfDay(this.db, this.engine.serviceDay()))
      if (a.code.startsWith('MA2.') && typedFrom(text, a.code, budget)) return a.code;
    for (const shape of V1_SHAPES)
      for (const candidate of untypedCandidates(text, shape, budget, (body) => this.sign(body)))
        if (this.genuineCode(candidate)) return candidate;
    return text;
  }

  private genuineCode(code: string): boolean {
    const dot = code.lastIndexOf('.');
    return dot > 0 && /^MA[12]\./.test(code) && this.genuine(code.slice(0, dot), code.slice(dot + 1));
  }

  private genuine(body: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** Old codes (`MA…`) carry 12 base64url characters, new ones 17 of the safe alphabet (73 bits). */
  private sign(body: string): string {
    const mac = createHmac('sha256', this.secret).update(body).digest();
    return body.startsWith('MA') ? mac.toString('base64url').slice(0, 12) : safeDigits(mac.subarray(0, 12), 17);
  }

  private hash(code: string): string {
    return createHmac('sha256', this.secret).update(code).digest('base64url');
  }
}
