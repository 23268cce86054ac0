// The event journal as it crosses the wire, and the WebSocket messages that carry it.
import { z } from 'zod';
import {
  CounterState,
  EpochMs,
  FieldLoad,
  FloorAlert,
  Id,
  PauseReason,
  PrintFault,
  PrintJob,
  Ticket,
  type PublicTicket,
} from './entities.ts';
import { isEventOf, isPrintEvent, isPrinterEvent, isTicketEvent } from './eventGuards.ts';

/** Waiting counts of the fields an event touched, keyed by field id. */
const WaitingCounts = z.record(z.string().regex(/^\d+$/), z.number().int().nonnegative());

/** The waiting lines an event changed, as screens show them (absent from events journaled before they were added). */
const Loads = z.array(FieldLoad).optional();

const TicketChange = z.object({
  ticket: Ticket,
  waiting: WaitingCounts,
  loads: Loads,
  /** On transfers: the officer's short note for the next counter. */
  note: z.string().max(100).optional(),
  /** On calls and recalls: what the hall speaks, as phrases and words of the voice pack. */
  announce: z.object({ words: z.array(z.string()), text: z.string() }).optional(),
});
const CounterChange = z.object({
  counter: z.object({
    id: Id,
    number: z.number().int(),
    state: CounterState,
    staffName: z.string().nullable(),
    /** Absent from events journaled before it was added. */
    staffId: Id.nullable().optional(),
    /** On pauses (absent from events journaled before it was added). */
    pauseReason: PauseReason.nullable().optional(),
    pausedAt: EpochMs.nullable().optional(),
  }),
  loads: Loads,
});
const StaffChange = z.object({ staffId: Id, username: z.string() });
const ConfigChange = z.object({
  entity: z.enum(['field', 'counter', 'staff', 'device', 'settings']),
  id: Id.nullable(),
  action: z.enum(['created', 'updated', 'pairing-created', 'paired', 'revoked', 'password-changed']),
});
const BackupChange = z.object({ file: z.string(), bytes: z.number().int().nonnegative() });
/** A backup that did not complete: the manager's screen shows it, the log has the cause. */
const BackupFailure = z.object({ error: z.string() });
const RatingChange = z.object({ ticketId: Id, level: z.number().int().optional() });
/** A print job that ended: the kiosk that printed it and the manager's screens follow it. */
const PrintResult = z.object({ job: PrintJob });
/** A printer whose state changed (a fault, or ready again). */
const PrinterStatus = z.object({
  deviceId: Id,
  ok: z.boolean(),
  fault: PrintFault.nullable(),
  /** The roll is nearly used up (absent from events journaled before it was added). */
  paperLow: z.boolean().optional(),
});
/** A floor alert raised or cleared: the whole alert, so the audit reads it without the state. */
const AlertChange = z.object({ alert: FloorAlert });

export const eventDataSchemas = {
  'ticket:issued': TicketChange,
  'ticket:called': TicketChange,
  'ticket:recalled': TicketChange,
  'ticket:started': TicketChange,
  'ticket:finished': TicketChange,
  'ticket:no-show': TicketChange,
  'ticket:reactivated': TicketChange,
  'ticket:transferred': TicketChange,
  'ticket:cancelled': TicketChange,
  'counter:opened': CounterChange,
  'counter:closed': CounterChange,
  'counter:paused': CounterChange,
  'counter:resumed': CounterChange,
  'staff:signed-in': StaffChange,
  'staff:signed-out': StaffChange,
  'config:changed': ConfigChange,
  'backup:created': BackupChange,
  'backup:failed': BackupFailure,
  'rating:submitted': RatingChange,
  'rating:timed-out': RatingChange,
  'print:printed': PrintResult,
  'print:failed': PrintResult,
  'printer:status-changed': PrinterStatus,
  'alert:raised': AlertChange,
  'alert:cleared': AlertChange,
} as const;

export type EventType = keyof typeof eventDataSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventDataSchemas)[T]>;
// Object.keys of a constant object: exactly its keys
export const eventTypes = Object.keys(eventDataSchemas) as EventType[];

/** Events any authenticated screen in the hall may see; the rest go to managers only. */
export function isPublicEvent(type: EventType): boolean {
  return type.startsWith('ticket:') || type.startsWith('counter:');
}

/**
 * A configuration change the hall's screens show (a field, a counter, the center's settings, an
 * officer's name): hall and counter topics receive it too, and a screen takes a fresh snapshot on it.
 * Devices and passwords stay with managers.
 */
export function isPublicConfig(event: Pick<JournalEvent, 'type' | 'data'>): boolean {
  if (!isEventOf('config:')(event)) return false;
  const { entity, action } = event.data;
  return entity === 'field' || entity === 'counter' || entity === 'settings' || (entity === 'staff' && action === 'updated');
}

const eventHead = {
  seq: z.number().int().positive(),
  at: EpochMs,
  ticketId: Id.nullable(),
  counterId: Id.nullable(),
  fieldId: Id.nullable(),
  staffId: Id.nullable(),
};

// zod wants the union's members as a tuple type, which a list mapped from the event table is not
export const JournalEvent = z.discriminatedUnion(
  'type',
  eventTypes.map((type) => z.object({ ...eventHead, type: z.literal(type), data: eventDataSchemas[type] })) as unknown as [
    z.ZodObject<typeof eventHead & { type: z.ZodLiteral<EventType>; data: z.ZodTypeAny }>,
  ],
);
export type JournalEvent = {
  [T in EventType]: {
    seq: number;
    at: number;
    type: T;
    ticketId: number | null;
    counterId: number | null;
    fieldId: number | null;
    staffId: number | null;
    data: EventData<T>;
  };
}[EventType];

// ---- WebSocket ----

export const Topic = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('hall') }),
  z.strictObject({ kind: z.literal('counter'), counterId: Id }),
  z.strictObject({ kind: z.literal('manager') }),
  /** One kiosk's printer: its print results and status (the kiosk itself, or a manager). */
  z.strictObject({ kind: z.literal('printer'), deviceId: Id }),
  /** One ticket, followed from the citizen's phone with its signed code (the code is also the token). */
  z.strictObject({ kind: z.literal('ticket'), code: z.string().min(1).max(120) }),
]);
export type Topic = z.infer<typeof Topic>;

export const ClientMessage = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('subscribe'),
    token: z.string().min(1).max(200),
    topics: z.array(Topic).min(1).max(20),
    /** Last sequence number this client has seen; omitted = only new events. */
    since: z.number().int().nonnegative().optional(),
  }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** At most this many missed events are replayed; past it the client gets `reset` and refetches. */
export const MAX_REPLAY = 5000;

export type ServerMessage =
  | { type: 'subscribed'; head: number; replayed: number }
  | { type: 'event'; event: JournalEvent }
  /** The events of one committed batch that match the client's topics, in sequence order. */
  | { type: 'events'; events: JournalEvent[] }
  /** Too much was missed (or the journal is behind `since`): fetch a fresh snapshot, then subscribe from `head`. */
  | { type: 'reset'; head: number }
  /**
   * What a phone following one ticket receives, instead of journal events: that ticket's state and
   * its line's anonymous figures (people ahead, estimate) — never another citizen's ticket, a
   * transfer note, a name or history (Nghị định 13/2023).
   */
  | { type: 'ticket'; ticket: PublicTicket }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string; messageEn: string };

/** Whether an event changed a waiting line (it then carries the new waiting counts). */
export function changesQueue(event: Pick<JournalEvent, 'type' | 'data'>): boolean {
  return isTicketEvent(event) && Object.keys(event.data.waiting).length > 0;
}

/** The device whose printer an event is about, or null. */
export function printerOf(e: Pick<JournalEvent, 'type' | 'data'>): number | null {
  if (isPrintEvent(e)) return e.data.job.deviceId;
  if (isPrinterEvent(e)) return e.data.deviceId;
  return null;
}

/** Which topics an event is delivered to. */
export function eventMatchesTopic(event: Pick<JournalEvent, 'type' | 'counterId' | 'data'>, topic: Topic): boolean {
  switch (topic.kind) {
    case 'manager':
      return true;
    case 'hall':
      return isPublicEvent(event.type) || isPublicConfig(event);
    case 'printer':
      return printerOf(event) === topic.deviceId;
    case 'ticket':
      return false; // a phone is sent its ticket's state, never events (main/hub/api/phoneFollowers.ts)
    case 'counter':
      // A counter follows its own tickets, and every change to the waiting lines — a ticket
      // transferred from another counter or issued at a kiosk names no counter of its own.
      if (isPublicConfig(event)) return true;
      return isPublicEvent(event.type) && (event.counterId === null || event.counterId === topic.counterId || changesQueue(event));
  }
}
