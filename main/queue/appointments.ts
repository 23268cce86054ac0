// Appointments made at the center: a field, a day and a time window, and whether the citizen goes
// to the priority line. The citizen gets a code (printed or shown as a QR) and checks in by
// scanning it at the kiosk within the window. Nothing personal is stored: no name, no ID number.
// Codes: `MA2.<nonce>.<signature>` for these; `MA1.…` quick codes (a field and a validity) still work.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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
    const body = `MA2.${randomBytes(6).toString('hex')}`;
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

  /** `MA1.<field>.<expiry, minutes since epoch, base 36>.<nonce>.<signature>`: a field and a validity, no window. */
  createQuick(fieldId: number, validMinutes: number): { code: string; fieldId: number; expiresAt: number } {
    if (!getField(this.db, fieldId)) throw new HubError('FIELD_NOT_FOUND');
    const expiresAt = Math.ceil((this.clock() + validMinutes * 60_000) / 60_000) * 60_000;
    const body = `MA1.${fieldId}.${(expiresAt / 60_000).toString(36)}.${randomBytes(4).toString('hex')}`;
    return { code: `${body}.${this.sign(body)}`, fieldId, expiresAt };
  }

  list(day = this.engine.serviceDay()): Appointment[] {
    return appointmentsOfDay(this.db, day).map((a) => this.toWire(a));
  }

  /** A scanned code: genuine, within its window, for a field taking tickets. Its use is checked by the caller. */
  read(code: string): ReadAppointment {
    const now = this.clock();
    const quick = /^(MA1\.(\d{1,9})\.([0-9a-z]{1,12})\.[0-9a-f]{8})\.([A-Za-z0-9_-]{12})$/.exec(code);
    if (quick) {
      if (!this.genuine(quick[1]!, quick[4]!)) throw new HubError('APPOINTMENT_INVALID');
      const expiresAt = parseInt(quick[3]!, 36) * 60_000;
      if (now > expiresAt) throw new HubError('APPOINTMENT_EXPIRED');
      const fieldId = Number(quick[2]);
      if (!getField(this.db, fieldId)?.active) throw new HubError('FIELD_INACTIVE');
      return { fieldId, priority: this.settings.get().scan.appointmentPriority, expiresAt, codeHash: this.hash(code) };
    }
    const booked = /^(MA2\.[0-9a-f]{12})\.([A-Za-z0-9_-]{12})$/.exec(code);
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

  private genuine(body: string, signature: string): boolean {
    return timingSafeEqual(Buffer.from(this.sign(body)), Buffer.from(signature));
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url').slice(0, 12);
  }

  private hash(code: string): string {
    return createHmac('sha256', this.secret).update(code).digest('base64url');
  }
}
