// Every HTTP endpoint of the hub: method, path, input schema, who may call it, and the shape of
// its answer. The hub registers one handler per entry; the renderer's client is typed from it;
// the role-matrix test walks it. Path parameters (`:id`) are positive integers merged into the
// input; GET inputs come from the query string, the others from a JSON body.
import { z } from 'zod';
import {
  OneLine,
  PauseReason,
  AppointmentInput,
  type Appointment,
  type FloorAlert,
  Counter,
  CounterInput,
  type Device,
  DeviceKind,
  Field,
  FieldBody,
  FieldInput,
  FieldLoad,
  Id,
  type OpeningHours,
  Role,
  ServiceDay,
  Settings,
  Staff,
  StaffInput,
  Ticket,
  TicketLang,
  TicketSource,
  TicketWithWait,
  rangeIsOrdered,
  PrintFault,
  PrinterConfig,
  PaperWidthDots,
  type IssuedTicket,
  type PublicTicket,
  type PrintJob,
  type ListedPrintJob,
  type TicketPrintData,
  VoiceSettings,
  type RatingSettings,
} from './entities.ts';
import type { JournalEvent } from './events.ts';
import type { Access } from './routes.ts';
import type { CatalogueOffer, ProvinceLinkStatus } from './province.ts';
import { AuditQuery, ExportRequest, StatsQuery, type AuditPage, type ExportFile, type ExportStatus, type StatsReport } from './stats.ts';

const staffRoles = ['admin', 'manager', 'officer'] as const satisfies readonly Role[];
const managers = ['admin', 'manager'] as const satisfies readonly Role[];
const everyone = Role.options;

const Empty = z.strictObject({});
const ById = z.strictObject({ id: Id });
const FieldUpdate = FieldBody.extend({ id: Id }).refine(...rangeIsOrdered);
const CounterUpdate = CounterInput.extend({ id: Id });
const StaffUpdate = StaffInput.extend({ id: Id });
const QueryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A recording a few seconds long as 16-bit PCM (48 kHz: 96 KB a second), in base64: ten seconds and room to spare. */
export const VOICE_CLIP_MAX_BASE64 = 2_000_000;
/** Bytes a route's body may hold beyond the 64 KB every other route is held to. */
export const bodyLimits: Partial<Record<string, number>> = { 'voice-clips:save': VOICE_CLIP_MAX_BASE64 + 1024 };

export interface VoiceClip {
  /** The manifest's key (main/voice/clipKey.ts): a phrase of the call, a number word, a field's name, a kiosk phrase. */
  key: string;
  group: 'phrase' | 'number' | 'field' | 'kiosk';
  /** Recorded: the file in the pack's folder; null: the built-in pack says it. */
  file: string | null;
  durationMs: number | null;
}
export interface VoiceClipList {
  /** The pack's folder under /voice/ (the settings' voice.pack to put it in use). */
  pack: string;
  /** The built-in pack that says what is not recorded. */
  fallback: string;
  clips: VoiceClip[];
  recorded: number;
  total: number;
}

export type Me =
  | { kind: 'staff'; staff: Staff; counterId: number | null; expiresAt: number; mustChangePassword: boolean }
  | { kind: 'device'; device: Device };

export interface CenterInfo {
  centerName: string;
  centerNameEn: string;
  address: string;
  timezone: string;
  ticketHeader: string;
  ticketFooter: string;
  kioskIdleSeconds: number;
  kioskTicketSeconds: number;
  voice: VoiceSettings;
  hallNotice: string;
  rating: RatingSettings;
  openNow: boolean;
  /** When it opens next, while closed (null: hours not enforced, or none set). */
  opensAt: number | null;
  openingHours: OpeningHours;
  serviceDay: string;
  fields: Field[];
  /** Fields not taking tickets for now: the kiosk shows them, disabled, so nobody looks for them in vain. */
  pausedFields: Pick<Field, 'id' | 'code' | 'nameVi' | 'nameEn' | 'sortOrder'>[];
  counters: Pick<Counter, 'id' | 'number' | 'nameVi' | 'nameEn' | 'active' | 'state' | 'fields' | 'staffName'>[];
  /** The kiosk offers text messages when the turn comes (#26). */
  smsOptIn?: boolean;
  /**
   * Texts cannot go out now: the hub's SMS transport is in a fault (modem unplugged, no SIM, no
   * signal…). The kiosk then does not offer them: it would promise texts that may never arrive (#26).
   */
  smsDown?: boolean;
}

/** The speaking kiosk's words (#26 part 2), as clip keys of `pack`: the hub composes them, the kiosk plays them. */
export interface KioskVoice {
  pack: string;
  /** The pack can say every field's name, the phrases and any number: the mode is offered. */
  available: boolean;
  offer: string[];
  fields: { fieldId: number; words: string[] }[];
  /** What a touch on a paused or full field says: its name when the pack has it, and that it takes no tickets now. */
  notTaking: { fieldId: number; words: string[] }[];
  /** The ticket's number read back ("số của ông bà là …"), when asked with one. */
  ticket: string[] | null;
  /** What the paging buttons and a page say, on a kiosk whose fields take more than one page. */
  paging: KioskPaging;
  /** What the priority button says: a first touch, as a field's (#26). */
  priority: KioskPriorityWords;
}

/**
 * The priority button's words in voice guidance (#26): a first touch says what it is and what a
 * second does (`touch` while not chosen, `touchChosen` while chosen); the second turns it and says
 * the new state (`chosen`: "đã chọn đối tượng ưu tiên, xin mời chọn lĩnh vực", or `unchosen`).
 */
export interface KioskPriorityWords {
  touch: string[];
  touchChosen: string[];
  chosen: string[];
  unchosen: string[];
}

/**
 * The speaking kiosk's paging words (#26 part 2). The kiosk alone knows its pages, so these hold
 * slots it fills: '{page}' the page it shows, '{pages}' how many, '{count}' the fields on that page,
 * each said as `numbers[n]`.
 */
export interface KioskPaging {
  /** The pack can say these too: a kiosk whose fields take more than one page offers the mode only then. */
  available: boolean;
  /** A first touch of "Trang sau" / "Trang trước": what it does. */
  next: string[];
  previous: string[];
  /** Then where the citizen is ("đang ở trang một trên tổng số ba trang"). */
  where: string[];
  /** Then, when there is a page that way, that a second touch turns to it. */
  again: string[];
  /** On arriving at a page: "trang hai trên tổng số ba trang, có mười hai lĩnh vực". */
  arrive: string[];
  /** n read as a number, from 0 to the fields the kiosk shows. */
  numbers: string[][];
}

export interface FloorCounter {
  counter: Counter;
  current: Ticket | null;
}

export interface Floor {
  head: number;
  serviceDay: string;
  now: number;
  fields: FieldLoad[];
  counters: FloorCounter[];
  /** Open alerts, oldest first (managers only; empty for other screens). */
  alerts: FloorAlert[];
  /** The newest calls first (called, recalled), at most ten. */
  recentCalls: Ticket[];
}

export interface CounterDesk {
  counter: Counter;
  current: Ticket | null;
  fields: FieldLoad[];
  /** The first tickets this counter will call, in that order (at most 200). */
  waiting: Ticket[];
  /** Every ticket this counter could call now: more than `waiting` holds when the line is long. */
  waitingTotal: number;
  noShows: Ticket[];
  /** The current and waiting tickets that were transferred: from which counter, with the sender's note. */
  transfers: DeskTransfer[];
  /**
   * The phone number kept for texts about the current ticket (#26), masked ("••• ••• 321"), or
   * null / absent when none: the full number never goes to a screen.
   */
  currentSms?: string | null;
}

export interface DeskTransfer {
  ticketId: number;
  /** The counter that sent it, or null (a manager moved a whole line). */
  fromCounterNumber: number | null;
  note: string | null;
  at: number;
}

export interface PairingCreated {
  device: Device;
  code: string;
  expiresAt: number;
}

export type ScanResult =
  | { kind: 'cccd'; age: number; offerPriority: boolean; remainingToday: number | null }
  | { kind: 'dossier'; fieldId: number }
  | { kind: 'appointment'; fieldId: number; priority: boolean; expiresAt: number }
  | { kind: 'ticket'; status: TicketWithWait; lastPrintJobId: number | null };

export type PrintClaim = { job: PrintJob; ticket: TicketPrintData; printer: PrinterConfig } | { job: null };

export interface BackupInfo {
  file: string;
  bytes: number;
  createdAt: number;
}

/** A device is "not seen" after this long without contact (screens touch the hub at least every minute). */
export const DEVICE_STALE_MS = 3 * 60_000;

/**
 * What an operator needs to know at a glance. `ok` is false when the database cannot be
 * written, the latest backup failed or a print agent of the hub stopped. The details are given
 * to managers and admins only (the endpoint itself is public, for monitoring).
 */
export interface HubHealth {
  ok: boolean;
  version: string;
  head: number;
  now: number;
  detail?: {
    database: {
      writable: boolean;
      lastCommitAt: number;
      lastError: { at: number; message: string } | null;
      freeBytes: number | null;
      /** Why the data folder takes no writes now (full disk, read-only, failing), since when; null when it does. */
      fault: { kind: 'full' | 'readonly' | 'io'; since: number; message: string } | null;
    };
    backup: BackupList['lastAttempt'];
    printAgents: { deviceId: number; alive: boolean; lastActiveAt: number }[];
    ledBoards: { configured: boolean; recentFailures: number; lastFailure: { address: number; result: string; at: number } | null };
    devices: { id: number; kind: DeviceKind; name: string; lastSeenAt: number | null; stale: boolean }[];
    /** Text messages (#26): the modem's state and today's messages by state (sent, failed, unknown…). */
    sms?: {
      enabled: boolean;
      transport: 'modem' | 'gateway';
      fault: 'no-sim' | 'sim-locked' | 'no-signal' | 'not-responding' | 'unplugged' | null;
      faultSince: number | null;
      signal: number | null;
      checkedAt: number | null;
      today: Record<'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | 'dropped', number>;
    };
  };
}

/** The backups on disk and how the latest attempt (on demand or scheduled) ended. */
export interface BackupList {
  backups: BackupInfo[];
  lastAttempt: { at: number; ok: boolean; error: string | null } | null;
}

const NewPassword = z.string().min(8).max(200);

interface Def<I extends z.ZodType, O> {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: `/api/${string}`;
  readonly input: I;
  readonly access: readonly Access[];
  /** Phantom: the answer's type. */
  readonly output?: O;
}

/** `endpoint<Answer>()({ method, path, input, access })`: the answer is named, the input's type is
 * inferred from its schema (written once). */
function endpoint<O>() {
  return <I extends z.ZodType>(d: Omit<Def<I, O>, 'output'>): Def<I, O> => d;
}

export const endpoints = {
  'hub:health': endpoint<HubHealth>()({
    method: 'GET',
    path: '/api/health',
    input: Empty,
    access: ['public'],
  }),
  'auth:login': endpoint<{ token: string; me: Me }>()({
    method: 'POST',
    path: '/api/auth/login',
    input: z.strictObject({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) }),
    access: ['public'],
  }),
  'device:pair': endpoint<{ token: string; me: Me }>()({
    method: 'POST',
    path: '/api/devices/pair',
    input: z.strictObject({
      code: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z0-9]{4,16}$/),
    }),
    access: ['public'],
  }),
  'setup:status': endpoint<{ needed: boolean }>()({ method: 'GET', path: '/api/setup', input: Empty, access: ['public'] }),
  /** First run of a real installation: the one-time code the hub printed creates the first admin. */
  'setup:complete': endpoint<{ token: string; me: Me }>()({
    method: 'POST',
    path: '/api/setup',
    input: z.strictObject({
      code: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z0-9-]{4,32}$/),
      username: StaffInput.shape.username,
      fullName: StaffInput.shape.fullName,
      password: NewPassword,
    }),
    access: ['public'],
  }),
  'auth:change-password': endpoint<{ ok: true; me: Me }>()({
    method: 'POST',
    path: '/api/auth/password',
    input: z.strictObject({
      currentPassword: z.string().min(1).max(200),
      newPassword: NewPassword,
      /** On a hub the LAN reaches, a published demo password is replaced only with the code the hub printed. */
      setupCode: z.string().max(40).optional(),
    }),
    access: staffRoles,
  }),
  'auth:me': endpoint<Me>()({ method: 'GET', path: '/api/auth/me', input: Empty, access: everyone }),
  'auth:logout': endpoint<{ ok: true }>()({
    method: 'POST',
    path: '/api/auth/logout',
    input: Empty,
    access: staffRoles,
  }),
  'center:get': endpoint<CenterInfo>()({ method: 'GET', path: '/api/center', input: Empty, access: everyone }),
  'kiosk:voice': endpoint<KioskVoice>()({
    method: 'GET',
    path: '/api/kiosk/voice',
    input: z.strictObject({ number: QueryInt(1, 999_999).optional() }),
    access: ['kiosk', 'admin', 'manager'],
  }),
  'floor:get': endpoint<Floor>()({ method: 'GET', path: '/api/floor', input: Empty, access: everyone }),
  /** A counter its officer left open: a ticket there goes back to its line, the counter closes. */
  'floor:close-counter': endpoint<{ ok: true }>()({
    method: 'POST',
    path: '/api/floor/counters/:id/close',
    input: ById,
    access: managers,
  }),
  /** A field's whole waiting line moved to another field, each ticket keeping its number and place. */
  'floor:move-waiting': endpoint<{ moved: number }>()({
    method: 'POST',
    path: '/api/floor/move-waiting',
    input: z.strictObject({ fromFieldId: Id, toFieldId: Id }).refine((m) => m.fromFieldId !== m.toFieldId, {
      message: 'choose another field',
      path: ['toFieldId'],
    }),
    access: managers,
  }),
  /** Today's ticket with this number, for a manager who types it. */
  'floor:find-ticket': endpoint<Ticket>()({
    method: 'GET',
    path: '/api/floor/tickets',
    input: z.strictObject({ number: QueryInt(1, 99_999) }),
    access: managers,
  }),

  'ticket:issue': endpoint<IssuedTicket>()({
    method: 'POST',
    path: '/api/tickets',
    input: z.strictObject({ fieldId: Id, priority: z.boolean(), source: TicketSource.optional(), lang: TicketLang.optional() }),
    access: ['kiosk', 'officer', 'manager', 'admin'],
  }),
  /** The citizen's phone: one ticket by its signed code, valid on its own service day. */
  'ticket:public': endpoint<PublicTicket>()({
    method: 'GET',
    path: '/api/public-ticket',
    input: z.strictObject({ code: z.string().trim().min(1).max(300) }),
    access: ['public'],
  }),
  /** A rating from the citizen's phone, the signed code as proof of the ticket. */
  'rating:phone': endpoint<{ ok: true }>()({
    method: 'POST',
    path: '/api/public-rating',
    input: z.strictObject({ code: z.string().trim().min(1).max(300), level: z.number().int().min(1).max(10) }),
    access: ['public'],
  }),
  'ticket:get': endpoint<TicketWithWait>()({
    method: 'GET',
    path: '/api/tickets/:id',
    input: ById,
    access: ['kiosk', 'officer', 'manager', 'admin'],
  }),

  'counter:open': endpoint<CounterDesk>()({
    method: 'POST',
    path: '/api/counter/open',
    input: z.strictObject({ counterId: Id }),
    access: ['officer'],
  }),
  'counter:close': endpoint<{ ok: true }>()({ method: 'POST', path: '/api/counter/close', input: Empty, access: ['officer'] }),
  'counter:pause': endpoint<CounterDesk>()({
    method: 'POST',
    path: '/api/counter/pause',
    input: z.strictObject({ reason: PauseReason.default('other') }),
    access: ['officer'],
  }),
  'counter:resume': endpoint<CounterDesk>()({ method: 'POST', path: '/api/counter/resume', input: Empty, access: ['officer'] }),
  'counter:get': endpoint<CounterDesk>()({ method: 'GET', path: '/api/counter', input: Empty, access: ['officer'] }),
  'counter:call-next': endpoint<Ticket>()({ method: 'POST', path: '/api/counter/call-next', input: Empty, access: ['officer'] }),
  'counter:call': endpoint<Ticket>()({
    method: 'POST',
    path: '/api/counter/call',
    input: z.strictObject({ ticketId: Id }),
    access: ['officer'],
  }),
  'ticket:recall': endpoint<Ticket>()({ method: 'POST', path: '/api/tickets/:id/recall', input: ById, access: ['officer'] }),
  /**
   * A citizen's phone number for text messages about this ticket (#26): the kiosk that issued it, or its officer. Answered
   * masked, with whether texts can go out now (false: the modem or gateway has a fault; the number is kept and the texts
   * go once it works again, the same day).
   */
  'ticket:sms': endpoint<{ masked: string; sendsNow: boolean }>()({
    method: 'POST',
    path: '/api/tickets/:id/sms',
    input: z.strictObject({ id: Id, phone: z.string().trim().min(1).max(20) }),
    access: ['kiosk', 'officer'],
  }),
  'ticket:start': endpoint<Ticket>()({ method: 'POST', path: '/api/tickets/:id/start', input: ById, access: ['officer'] }),
  'ticket:finish': endpoint<Ticket>()({ method: 'POST', path: '/api/tickets/:id/finish', input: ById, access: ['officer'] }),
  'ticket:no-show': endpoint<Ticket>()({ method: 'POST', path: '/api/tickets/:id/no-show', input: ById, access: ['officer'] }),
  'ticket:reactivate': endpoint<Ticket>()({
    method: 'POST',
    path: '/api/tickets/:id/reactivate',
    input: ById,
    access: ['officer', 'manager', 'admin'],
  }),
  'ticket:transfer': endpoint<Ticket>()({
    method: 'POST',
    path: '/api/tickets/:id/transfer',
    input: z.strictObject({
      id: Id,
      fieldId: Id.optional(),
      counterId: Id.optional(),
      /** A short word for the next officer ("cần bổ sung giấy tờ"); journaled with the transfer. */
      note: OneLine(100).optional(),
    }),
    access: ['officer'],
  }),
  'ticket:cancel': endpoint<Ticket>()({
    method: 'POST',
    path: '/api/tickets/:id/cancel',
    input: ById,
    access: ['officer', 'manager', 'admin'],
  }),

  'print:claim': endpoint<PrintClaim>()({
    method: 'POST',
    path: '/api/print-jobs/claim',
    input: z.strictObject({ waitMs: z.number().int().min(0).max(30_000).default(0) }),
    access: ['kiosk'],
  }),
  'print:report': endpoint<PrintJob>()({
    method: 'POST',
    path: '/api/print-jobs/:id/result',
    input: z.strictObject({
      id: Id,
      /** `uncertain`: the spooler still holds the job and may print it; the agent reports again when it knows. */
      status: z.enum(['printed', 'failed', 'uncertain']),
      reason: PrintFault.optional(),
      confirmed: z.boolean().optional(),
      /** The printer said its roll is nearly used up. */
      paperLow: z.boolean().optional(),
    }),
    access: ['kiosk'],
  }),
  'print:get': endpoint<PrintJob>()({
    method: 'GET',
    path: '/api/print-jobs/:id',
    input: z.strictObject({ id: Id, waitMs: QueryInt(0, 30_000).default(0) }),
    access: ['kiosk', 'manager', 'admin'],
  }),
  'print:reprint': endpoint<PrintJob>()({
    method: 'POST',
    path: '/api/print-jobs/:id/reprint',
    input: ById,
    access: ['kiosk', 'manager', 'admin'],
  }),
  /** The sample ticket, marked as a test, on a printer as set up in the form (saved or not). */
  /** `speedMmPerSec`: how fast the printer printed the test, when its answers were spread enough to tell. */
  'print:test': endpoint<{ printed: boolean; fault: PrintFault | null; paperLow: boolean; speedMmPerSec: number | null }>()({
    method: 'POST',
    path: '/api/print-test',
    input: z.strictObject({ printer: PrinterConfig }),
    access: managers,
  }),
  'print:jobs': endpoint<ListedPrintJob[]>()({
    method: 'GET',
    path: '/api/print-jobs',
    input: z.strictObject({ deviceId: QueryInt(1, Number.MAX_SAFE_INTEGER).optional() }),
    access: managers,
  }),
  'print:preview': endpoint<{ png: string; lengthMm: number }>()({
    method: 'GET',
    path: '/api/print-preview',
    input: z.strictObject({
      widthDots: z.coerce.number().pipe(PaperWidthDots).default(576),
    }),
    access: managers,
  }),
  'printer:report-status': endpoint<{ ok: true }>()({
    method: 'POST',
    path: '/api/devices/printer-status',
    input: z.strictObject({ ok: z.boolean(), fault: PrintFault.nullable(), paperLow: z.boolean().optional() }),
    access: ['kiosk'],
  }),

  'scan:read': endpoint<ScanResult>()({
    method: 'POST',
    path: '/api/scan',
    input: z.strictObject({ text: z.string().min(1).max(4096) }),
    access: ['kiosk'],
  }),
  'scan:issue': endpoint<IssuedTicket>()({
    method: 'POST',
    path: '/api/scan/issue',
    input: z.strictObject({
      text: z.string().min(1).max(4096),
      fieldId: Id.optional(),
      priority: z.boolean().optional(),
      lang: TicketLang.optional(),
    }),
    access: ['kiosk'],
  }),
  /** A quick code: a field and how long it stays valid (no time window, not listed). */
  'appointments:create': endpoint<{ code: string; fieldId: number; expiresAt: number }>()({
    method: 'POST',
    path: '/api/appointments/quick',
    input: z.strictObject({
      fieldId: Id,
      validMinutes: z
        .number()
        .int()
        .min(5)
        .max(60 * 24 * 60),
    }),
    access: ['officer', 'manager', 'admin'],
  }),
  /** An appointment for a day and a time window; its code is shown or printed for the citizen. */
  'appointments:book': endpoint<Appointment>()({
    method: 'POST',
    path: '/api/appointments',
    input: AppointmentInput,
    access: ['officer', 'manager', 'admin'],
  }),
  'appointments:list': endpoint<Appointment[]>()({
    method: 'GET',
    path: '/api/appointments',
    input: z.strictObject({ day: ServiceDay.optional() }),
    access: ['officer', 'manager', 'admin'],
  }),

  'rating:submit': endpoint<{ ok: true }>()({
    method: 'POST',
    path: '/api/ratings',
    input: z.strictObject({
      ticketId: Id,
      level: z.number().int().min(1).max(10),
      reasons: z.array(z.string().max(30)).max(20),
      /** Optional, typed on the tablet's keyboard; no control characters. */
      comment: z
        .string()
        .max(200)
        .refine((c) => !/[\u0000-\u001f\u007f]/.test(c), 'no control characters')
        .optional(),
    }),
    access: ['rating'],
  }),
  'rating:timeout': endpoint<{ ok: true }>()({
    method: 'POST',
    path: '/api/ratings/timeout',
    input: z.strictObject({ ticketId: Id }),
    access: ['rating'],
  }),
  'ratings:verify': endpoint<{ ok: boolean; count: number; firstBrokenId: number | null }>()({
    method: 'GET',
    path: '/api/ratings/verify',
    input: Empty,
    access: managers,
  }),

  'stats:report': endpoint<StatsReport>()({ method: 'GET', path: '/api/stats', input: StatsQuery, access: managers }),
  'stats:export': endpoint<ExportStatus>()({
    method: 'POST',
    path: '/api/stats/exports',
    input: ExportRequest,
    access: managers,
  }),
  'stats:export-status': endpoint<ExportStatus>()({ method: 'GET', path: '/api/stats/exports/:id', input: ById, access: managers }),
  'stats:export-file': endpoint<ExportFile>()({ method: 'GET', path: '/api/stats/exports/:id/file', input: ById, access: managers }),

  'fields:list': endpoint<Field[]>()({ method: 'GET', path: '/api/config/fields', input: Empty, access: managers }),
  'fields:create': endpoint<Field>()({ method: 'POST', path: '/api/config/fields', input: FieldInput, access: managers }),
  'fields:update': endpoint<Field>()({
    method: 'PUT',
    path: '/api/config/fields/:id',
    input: FieldUpdate,
    access: managers,
  }),
  'counters:list': endpoint<Counter[]>()({ method: 'GET', path: '/api/config/counters', input: Empty, access: managers }),
  'counters:create': endpoint<Counter>()({
    method: 'POST',
    path: '/api/config/counters',
    input: CounterInput,
    access: managers,
  }),
  'counters:update': endpoint<Counter>()({
    method: 'PUT',
    path: '/api/config/counters/:id',
    input: CounterUpdate,
    access: managers,
  }),
  'staff:list': endpoint<Staff[]>()({ method: 'GET', path: '/api/config/staff', input: Empty, access: managers }),
  'staff:create': endpoint<Staff>()({
    method: 'POST',
    path: '/api/config/staff',
    input: StaffInput.refine((s) => s.password !== undefined, { message: 'password required', path: ['password'] }),
    access: ['admin'],
  }),
  'staff:update': endpoint<Staff>()({
    method: 'PUT',
    path: '/api/config/staff/:id',
    input: StaffUpdate,
    access: ['admin'],
  }),
  'devices:list': endpoint<Device[]>()({ method: 'GET', path: '/api/config/devices', input: Empty, access: managers }),
  'devices:create': endpoint<PairingCreated>()({
    method: 'POST',
    path: '/api/config/devices',
    input: z.strictObject({ kind: DeviceKind, name: OneLine(80).min(1), counterId: Id.nullable() }),
    access: managers,
  }),
  'devices:new-code': endpoint<PairingCreated>()({
    method: 'POST',
    path: '/api/config/devices/:id/pairing-code',
    input: ById,
    access: managers,
  }),
  'devices:set-printer': endpoint<Device>()({
    method: 'PUT',
    path: '/api/config/devices/:id/printer',
    input: z.strictObject({ id: Id, printer: PrinterConfig.nullable() }),
    access: managers,
  }),
  'devices:revoke': endpoint<Device>()({ method: 'POST', path: '/api/config/devices/:id/revoke', input: ById, access: managers }),
  'settings:get': endpoint<Settings>()({ method: 'GET', path: '/api/config/settings', input: Empty, access: managers }),
  'settings:update': endpoint<Settings>()({ method: 'PUT', path: '/api/config/settings', input: Settings, access: managers }),
  /**
   * This hub's own LAN addresses as phone addresses (http://ADDRESS:PORT), for the manager to pick
   * as phoneBaseUrl; `loopbackOnly`: the hub listens on its own PC only, no phone can reach it.
   */
  'settings:phone-addresses': endpoint<{ candidates: string[]; loopbackOnly: boolean }>()({
    method: 'GET',
    path: '/api/config/phone-addresses',
    input: Empty,
    access: managers,
  }),
  /** How a sentence would be spoken (a sample call), and which of its words the pack cannot say: before saving it. */
  'voice:preview': endpoint<{ words: string[]; text: string; missing: string[] }>()({
    method: 'POST',
    path: '/api/config/voice-preview',
    input: VoiceSettings,
    access: managers,
  }),

  /** The center's own voice pack: every clip its call and its kiosk need, recorded or missing (issue #26). */
  'voice-clips:list': endpoint<VoiceClipList>()({ method: 'GET', path: '/api/config/voice-clips', input: Empty, access: managers }),
  /** One clip recorded: a 16-bit PCM WAV (base64), trimmed and levelled by the hub, replacing the last take. */
  'voice-clips:save': endpoint<VoiceClipList>()({
    method: 'POST',
    path: '/api/config/voice-clips',
    input: z.strictObject({ key: OneLine(200).min(1), wav: z.base64().max(VOICE_CLIP_MAX_BASE64) }),
    access: managers,
  }),
  /** A whole call with any numbers, as the hall would say it now ("Nghe thử" before the pack is put in use). */
  'voice-clips:call': endpoint<{ words: string[]; text: string }>()({
    method: 'GET',
    path: '/api/config/voice-clips/call',
    input: z.strictObject({ so: QueryInt(0, 999_999), quay: QueryInt(0, 9999) }),
    access: managers,
  }),
  /** A clip taken away: the call says it from the built-in pack again. */
  'voice-clips:delete': endpoint<VoiceClipList>()({
    method: 'POST',
    path: '/api/config/voice-clips/delete',
    input: z.strictObject({ key: OneLine(200).min(1) }),
    access: managers,
  }),

  'journal:list': endpoint<{ events: JournalEvent[]; head: number }>()({
    method: 'GET',
    path: '/api/journal',
    input: z.strictObject({ since: QueryInt(0, Number.MAX_SAFE_INTEGER).default(0), limit: QueryInt(1, 1000).default(200) }),
    access: managers,
  }),
  'province-link:get': endpoint<ProvinceLinkStatus>()({ method: 'GET', path: '/api/province-link', input: Empty, access: managers }),
  /** Joins the province with the code its staff gave: the hub then pushes its journal there. */
  'province-link:join': endpoint<ProvinceLinkStatus>()({
    method: 'POST',
    path: '/api/province-link',
    input: z.strictObject({
      url: z
        .string()
        .trim()
        .max(200)
        .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/, 'http://ADDRESS[:PORT]'),
      code: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z0-9]{6,16}$/),
      shareNames: z.boolean().default(false),
    }),
    access: ['admin'],
  }),
  'province-link:share-names': endpoint<ProvinceLinkStatus>()({
    method: 'POST',
    path: '/api/province-link/share-names',
    input: z.strictObject({ shareNames: z.boolean() }),
    access: ['admin'],
  }),
  'province-link:catalogue': endpoint<CatalogueOffer>()({
    method: 'GET',
    path: '/api/province-link/catalogue',
    input: Empty,
    access: managers,
  }),
  /** The center takes the province's names and target waits for its fields with the same codes. */
  'province-link:catalogue-accept': endpoint<CatalogueOffer>()({
    method: 'POST',
    path: '/api/province-link/catalogue/accept',
    input: z.strictObject({ version: z.number().int().positive() }),
    access: ['admin', 'manager'],
  }),
  'province-link:remove': endpoint<ProvinceLinkStatus>()({
    method: 'POST',
    path: '/api/province-link/remove',
    input: Empty,
    access: ['admin'],
  }),
  'audit:list': endpoint<AuditPage>()({ method: 'GET', path: '/api/audit', input: AuditQuery, access: managers }),
  'backups:list': endpoint<BackupList>()({ method: 'GET', path: '/api/backups', input: Empty, access: managers }),
  'backups:create': endpoint<BackupInfo>()({ method: 'POST', path: '/api/backups', input: Empty, access: managers }),
} as const;

export type EndpointName = keyof typeof endpoints;
export type EndpointInput<N extends EndpointName> = z.input<(typeof endpoints)[N]['input']>;
export type EndpointParsed<N extends EndpointName> = z.output<(typeof endpoints)[N]['input']>;
export type EndpointOutput<N extends EndpointName> = NonNullable<(typeof endpoints)[N]['output']>;

export { ServiceDay };
