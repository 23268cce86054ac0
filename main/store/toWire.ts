// Stored rows as they leave the hub: the one place a db record becomes a contract type, so a column
// added to a table reaches the wire (or is kept off it) by a change here only.
import { FloorAlert, PrinterConfig, pauseReasonOf, type Counter, type Device, type PrintJob, type Ticket } from '../contract/index.ts';
import type { CounterRecord } from '../../db/counters.ts';
import type { DeviceRecord } from '../../db/devices.ts';
import type { PrintJobRecord } from '../../db/printJobs.ts';
import type { TicketRecord } from '../../db/tickets.ts';

export function ticketToWire(t: TicketRecord): Ticket {
  return {
    id: t.id,
    serviceDay: t.serviceDay,
    number: t.number,
    fieldId: t.fieldId,
    priority: t.priority,
    source: t.source,
    status: t.status,
    issuedAt: t.issuedAt,
    calledAt: t.calledAt,
    servingAt: t.servingAt,
    finishedAt: t.finishedAt,
    counterId: t.counterId,
    counterNumber: t.counterNumber,
    targetCounterId: t.targetCounterId,
    callCount: t.callCount,
    transferCount: t.transferCount,
  };
}

export function counterToWire(c: CounterRecord): Counter {
  return {
    id: c.id,
    number: c.number,
    nameVi: c.nameVi,
    nameEn: c.nameEn,
    active: c.active,
    state: c.state,
    staffId: c.staffId,
    staffName: c.staffName,
    pausedAt: c.pausedAt,
    pauseReason: pauseReasonOf(c.pauseReason),
    fields: c.fields,
  };
}

/** Printer settings are checked against the contract: a row written by an older hub cannot break a screen. */
export function deviceToWire(d: DeviceRecord): Device {
  const printer = d.printer === null ? null : PrinterConfig.safeParse(d.printer);
  return { ...d, printer: printer?.success ? printer.data : null };
}

export function printJobToWire(j: PrintJobRecord): PrintJob {
  return {
    id: j.id,
    ticketId: j.ticketId,
    deviceId: j.deviceId,
    status: j.status,
    attempts: j.attempts,
    errorCode: j.errorCode,
    createdAt: j.createdAt,
    updatedAt: j.updatedAt,
    confirmed: j.confirmed,
  };
}

/** A stored alert checked against the contract: one written by a newer hub is skipped, not shown wrong. */
export function alertToWire(stored: unknown): FloorAlert[] {
  const parsed = FloorAlert.safeParse(stored);
  return parsed.success ? [parsed.data] : [];
}
