// Shapes of the things that cross the LAN. JSON-compatible only: epoch milliseconds, plain
// objects and arrays, ids as integers.
import { z } from 'zod';
import { pauseReasons, printFaults, roles } from './enums.ts';

export { pauseReasonOf, pauseReasonText, printFaultLabel, printFaultOf, printFaultText } from './enums.ts';

export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const EpochMs = z.number().int().nonnegative();
/** A center-local calendar day, `YYYY-MM-DD`, that exists (no 2026-13-45, no 2026-02-30). */
export const ServiceDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => {
    const [y, m, day] = d.split('-').map(Number);
    if (y === undefined || m === undefined || day === undefined) return false;
    const t = new Date(Date.UTC(y, m - 1, day));
    return y >= 2000 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
  }, 'not a calendar day');
/**
 * One line a person typed, possibly empty: no control characters (a NUL in a center's name breaks
 * every push to the province, a line break breaks a printed heading).
 */
export const OneLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters');
/** Lines a person typed (recipients, a ticket's header): line breaks, but no other control character. */
export const Lines = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^(?:[^\p{Cc}]|\r?\n)*$/u, 'no control characters but line breaks');
/** A name: one line, not empty. */
const Text = (max: number) => OneLine(max).min(1);
const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');

export const StaffRole = z.enum(['admin', 'manager', 'officer']);
export type StaffRole = z.infer<typeof StaffRole>;
export const DeviceKind = z.enum(['kiosk', 'display', 'rating', 'counter_board']);
export type DeviceKind = z.infer<typeof DeviceKind>;
/** Every kind of caller, for the access lists of the endpoints. */
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const TicketStatus = z.enum(['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled']);
export type TicketStatus = z.infer<typeof TicketStatus>;
export const TicketSource = z.enum(['kiosk', 'scan', 'appointment', 'staff']);
export type TicketSource = z.infer<typeof TicketSource>;
export const CounterState = z.enum(['closed', 'open', 'paused']);
export type CounterState = z.infer<typeof CounterState>;

/** Why an officer paused the counter: recorded with the pause and counted in statistics. */
export const PauseReason = z.enum(pauseReasons);
export type PauseReason = z.infer<typeof PauseReason>;

export const FieldBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9_-]{1,16}$/, 'A–Z, 0–9, _ or -'),
  nameVi: Text(120),
  nameEn: Text(120),
  // Numbers start at 1: a ticket "0" reads as no ticket at all.
  rangeStart: z.number().int().min(1).max(999_999),
  rangeEnd: z.number().int().min(1).max(999_999),
  dailyLimit: z.number().int().positive().max(999_999).nullable(),
  targetWaitMin: z.number().int().min(1).max(600),
  serviceMin: z.number().int().min(1).max(600),
  active: z.boolean(),
  sortOrder: z.number().int().min(0).max(10_000),
});
export const rangeIsOrdered: [(f: { rangeStart: number; rangeEnd: number }) => boolean, { message: string; path: string[] }] = [
  (f) => f.rangeEnd >= f.rangeStart,
  { message: 'rangeEnd < rangeStart', path: ['rangeEnd'] },
];
export const FieldInput = FieldBody.refine(...rangeIsOrdered);
export type FieldInput = z.infer<typeof FieldInput>;
export const Field = z.object({
  id: Id,
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  rangeStart: z.number().int(),
  rangeEnd: z.number().int(),
  dailyLimit: z.number().int().nullable(),
  targetWaitMin: z.number().int(),
  serviceMin: z.number().int(),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type Field = z.infer<typeof Field>;

export const CounterFieldLink = z.strictObject({
  fieldId: Id,
  /** Relative share of calls among the counter's fields; 0 = only when the others are empty. */
  weight: z.number().int().min(0).max(100),
});
export type CounterFieldLink = z.infer<typeof CounterFieldLink>;
export const CounterInput = z
  .strictObject({
    number: z.number().int().min(1).max(9999),
    nameVi: Text(80),
    nameEn: Text(80),
    active: z.boolean(),
    /** In order of preference. */
    fields: z
      .array(CounterFieldLink)
      .max(50)
      .refine((links) => new Set(links.map((l) => l.fieldId)).size === links.length, 'a field is listed twice'),
  })
  .refine((c) => !c.active || c.fields.length > 0, { message: 'a counter in use serves at least one field', path: ['fields'] });
export type CounterInput = z.infer<typeof CounterInput>;
export const Counter = z.object({
  id: Id,
  number: z.number().int(),
  nameVi: z.string(),
  nameEn: z.string(),
  active: z.boolean(),
  state: CounterState,
  staffId: Id.nullable(),
  staffName: z.string().nullable(),
  /** While paused: since when and why. */
  pausedAt: EpochMs.nullable(),
  pauseReason: PauseReason.nullable(),
  fields: z.array(z.object({ fieldId: Id, weight: z.number().int() })),
});
export type Counter = z.infer<typeof Counter>;

export const StaffInput = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9._-]{3,32}$/i, '3–32 letters, digits, . _ -'),
  fullName: Text(120),
  role: StaffRole,
  active: z.boolean(),
  password: z.string().min(8).max(200).optional(),
});
export type StaffInput = z.infer<typeof StaffInput>;
export const Staff = z.object({
  id: Id,
  username: z.string(),
  fullName: z.string(),
  role: StaffRole,
  active: z.boolean(),
});
export type Staff = z.infer<typeof Staff>;

export interface Device {
  id: number;
  kind: DeviceKind;
  name: string;
  counterId: number | null;
  paired: boolean;
  pairedAt: number | null;
  lastSeenAt: number | null;
  revoked: boolean;
  printer: PrinterConfig | null;
  printerStatus: { ok: boolean; fault: string | null; paperLow?: boolean; at: number } | null;
}

/** Opening hours per ISO weekday (1 = Monday … 7 = Sunday), each a list of [open, close). */
export const OpeningHours = z.strictObject({
  enforced: z.boolean(),
  week: z.partialRecord(
    z.enum(['1', '2', '3', '4', '5', '6', '7']),
    z.array(z.tuple([HhMm, HhMm]).refine(([open, close]) => open < close, 'a session must open before it closes')).max(6),
  ),
});
export type OpeningHours = z.infer<typeof OpeningHours>;

/** How calls are spoken in the hall. */
export const VoiceSettings = z.strictObject({
  enabled: z.boolean(),
  /** {so} is the ticket number, {quay} the counter number. */
  template: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((t) => t.includes('{so}'), 'the template needs {so}'),
  numberStyle: z.enum(['number', 'digits']),
  dialect: z.enum(['north', 'south']),
  tuAfterMuoi: z.boolean(),
  repeat: z.number().int().min(1).max(3),
  volume: z.number().min(0).max(1),
  chime: z.boolean(),
  /** The one hall display that speaks; null = every hall display. */
  speakerDeviceId: Id.nullable(),
  /** Folder under /voice/ holding manifest.json and the clips. */
  pack: z.string().regex(/^[a-z0-9-]{1,40}$/),
});
export type VoiceSettings = z.infer<typeof VoiceSettings>;

/** The RS-485 line of LED boards above the counters (through a serial port or a TCP serial server). */
export const LedBus = z
  .strictObject({
    transport: z.enum(['tcp', 'serial']),
    host: z.string().trim().min(1).max(255).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    path: z.string().trim().min(1).max(255).optional(),
    baudRate: z.number().int().min(1200).max(921600).optional(),
  })
  .refine((b) => (b.transport === 'tcp' ? b.host !== undefined && b.port !== undefined : b.path !== undefined), {
    message: 'tcp needs host and port; serial needs path',
    path: ['transport'],
  })
  .refine((b) => b.path === undefined || serialPortPath.test(b.path), {
    message: 'serial: /dev/ttyUSBN, /dev/ttySN, /dev/ttyACMN, /dev/serial/by-id/… or COMN',
    path: ['path'],
  });
export type LedBus = z.infer<typeof LedBus>;

export const DossierRoute = z
  .strictObject({
    match: z.enum(['unit', 'prefix']),
    value: z
      .string()
      .trim()
      .max(60)
      .regex(/^[0-9A-Za-z.\-_/:#]*$/, 'letters, digits and . - _ / : # only'),
    fieldId: Id,
  })
  .refine((r) => r.match === 'unit' || r.value.length > 0, { message: 'a prefix cannot be empty', path: ['value'] });
export type DossierRoute = z.infer<typeof DossierRoute>;

/** What scanning at the kiosk does. */
export const ScanSettings = z.strictObject({
  /** Citizens at or above this age (from their CCCD) are offered the priority queue. */
  priorityAge: z.number().int().min(0).max(120),
  /** Tickets one CCCD may take per day through scanning; 0 = no limit. */
  dailyLimitPerPerson: z.number().int().min(0).max(50),
  /**
   * Dossier receipt codes → the field they are served in (e.g. result collection), first match
   * wins. `unit`: national dossier codes (`000.00.12.H34-231123-0001`) whose receiving-unit code
   * starts with `value` (empty = every national code); `prefix`: any code that starts with `value`.
   */
  dossierRoutes: z.array(DossierRoute).max(50),
  /** Appointments go to the priority queue. */
  appointmentPriority: z.boolean(),
});
export type ScanSettings = z.infer<typeof ScanSettings>;

/** The rating screen at each counter. */
export const RatingSettings = z.strictObject({
  /** Highest first; `value` is what statistics count (4 = very satisfied … 1 = dissatisfied). */
  levels: z
    .array(z.strictObject({ value: z.number().int().min(1).max(10), vi: z.string().min(1).max(60), en: z.string().min(1).max(60) }))
    .min(2)
    .max(10),
  reasons: z
    .array(z.strictObject({ code: z.string().regex(/^[a-z0-9-]{1,30}$/), vi: z.string().min(1).max(60), en: z.string().min(1).max(60) }))
    .max(20),
  /** Levels at or below this one ask for reasons. */
  askReasonsAtOrBelow: z.number().int().min(0).max(10),
  /** Seconds the rating stays offered before the screen goes back to idle. */
  timeoutSec: z.number().int().min(5).max(300),
  /** After service, the ticket's page on the citizen's phone offers the rating too (until the day ends). */
  onPhone: z.boolean().default(false),
});
export type RatingSettings = z.infer<typeof RatingSettings>;

/** The official report's heading and signature block (Nghị định 30/2020/NĐ-CP on administrative documents). */
export const ReportSettings = z.strictObject({
  /** The governing body, above the center's name ("UBND TỈNH QUẢNG NINH"); empty = none. */
  agency: OneLine(120),
  /** The place on the date line ("Hạ Long, ngày … tháng … năm …"); empty = dots to fill by hand. */
  place: OneLine(60),
  /** The abbreviation after the number ("Số: 12/BC-TTPVHCC"). */
  symbol: z
    .string()
    .trim()
    .max(30)
    .regex(/^[A-Za-zĐđ0-9-]*$/, 'letters, digits and - only'),
  preparedBy: OneLine(80),
  /** The signer's title ("GIÁM ĐỐC") and name. */
  headTitle: OneLine(80),
  headName: OneLine(80),
  /** "Nơi nhận" lines, one per line. */
  recipients: Lines(400),
});
export type ReportSettings = z.infer<typeof ReportSettings>;

/** What the floor watches for. Thresholds in minutes or tickets. */
export const AlertSettings = z.strictObject({
  /** A paired device (kiosk, display, tablet) not heard from this long, while the center is open. */
  deviceUnseenMin: z.number().int().min(1).max(1440),
  /** A counter paused longer than this. */
  counterPausedMin: z.number().int().min(1).max(480),
  /** An officer signed in to the counter console with no counter open this long, while the center is open. */
  officerIdleMin: z.number().int().min(1).max(480),
  /** A field with at least this many waiting… */
  queueLength: z.number().int().min(1).max(9999),
  /** …and at most this many counters open for it. */
  fewCounters: z.number().int().min(0).max(50),
  /** Per-field thresholds; a field not listed (or null) uses its target wait and `queueLength`. */
  fields: z
    .array(
      z.strictObject({
        fieldId: Id,
        waitMin: z.number().int().min(1).max(600).nullable(),
        queueLength: z.number().int().min(1).max(9999).nullable(),
      }),
    )
    .max(200)
    .refine((rows) => new Set(rows.map((r) => r.fieldId)).size === rows.length, 'a field is listed twice'),
});
export type AlertSettings = z.infer<typeof AlertSettings>;

export const AlertKind = z.enum([
  'printer-fault',
  'paper-low',
  'device-unseen',
  'wait-over-target',
  'long-queue',
  'counter-paused-long',
  'officer-idle',
  /** Someone waits in a field no active counter serves: nobody will ever call them (#24). */
  'field-unserved',
  /** The hub PC's clock jumped; `value` is the jump in minutes (negative: set back), `since` hub time then. */
  'clock-jump',
  /** The data folder's disk is nearly full (value: free MB): act before tickets stop. */
  'disk-low',
  /** The data folder takes no writes (value: 'full', 'readonly' or 'io'): new tickets are refused. */
  'disk-fault',
  /** The journals of hub and province parted and were put right (value: tickets the hub lost), a day long. */
  'province-recovered',
  /** The link stays refused as JOURNAL_DIVERGED (parted again at once): someone must look. */
  'province-diverged',
  /** Text messages cannot go out (value: 'no-sim', 'no-signal', 'unplugged'…): citizens who left a number get none (#26). */
  'sms-fault',
]);
export type AlertKind = z.infer<typeof AlertKind>;

/** Something on the floor that needs a manager; raised and cleared by the hub, as journal events. */
export const FloorAlert = z.object({
  /** One alert per kind and subject: `wait-over-target:field:3`. */
  key: z.string(),
  kind: AlertKind,
  since: EpochMs,
  fieldId: Id.nullable(),
  counterId: Id.nullable(),
  deviceId: Id.nullable(),
  staffId: Id.nullable(),
  /** The subject's name when raised (a counter, a field, a device, an officer). */
  subject: z.string(),
  /** Minutes or tickets, as the kind says; the fault code for printers. */
  value: z.union([z.number(), z.string()]).nullable(),
});
export type FloorAlert = z.infer<typeof FloorAlert>;

/** A GSM modem's serial port: a real one, or a pseudo-terminal (a virtual port bridged to one). */
export const smsModemPath =
  /^(\/dev\/tty(S|USB|ACM|AMA|XRUSB)\d{1,3}|\/dev\/pts\/\d{1,4}|\/dev\/serial\/by-(id|path)\/[A-Za-z0-9._:+-]{1,200}|(\\\\\.\\)?COM\d{1,3})$/;

/** Text messages to citizens who leave a phone number (#26): how they are sent and when. */
export const SmsSettings = z
  .strictObject({
    enabled: z.boolean(),
    /** A USB GSM modem on the hub, or a provider's HTTP gateway. */
    transport: z.enum(['modem', 'gateway']),
    modemPath: z
      .string()
      .trim()
      .max(255)
      .refine((p) => p === '' || smsModemPath.test(p), 'serial: /dev/ttyUSBN, /dev/ttyACMN, /dev/serial/by-id/… or COMN'),
    /** {to} (or {to84}, {to0}) and {text} are filled in URL-encoded (hardware/sms/httpGateway.ts). */
    gatewayUrl: z
      .string()
      .trim()
      .max(500)
      .refine(
        (u) => u === '' || (/^https?:\/\/[^\s]+$/.test(u) && /\{to(?:84|0)?\}/.test(u) && u.includes('{text}')),
        'http(s)://… with {to} and {text}',
      ),
    gatewayMethod: z.enum(['GET', 'POST']),
    /** The first message goes when this many people or fewer are ahead. */
    aheadCount: z.number().int().min(1).max(20),
    /** gsm7: without accents, 160 characters a message; ucs2: with accents, 70. */
    encoding: z.enum(['gsm7', 'ucs2']),
    /** At least this long between two messages (the modem's pace, a provider's limit). */
    minIntervalSec: z.number().int().min(0).max(600),
  })
  .refine((s) => !s.enabled || (s.transport === 'modem' ? s.modemPath !== '' : s.gatewayUrl !== ''), {
    message: 'a modem port or a gateway URL is needed to send',
    path: ['transport'],
  });
export type SmsSettings = z.infer<typeof SmsSettings>;

export const defaultSmsSettings: SmsSettings = {
  enabled: false,
  transport: 'modem',
  modemPath: '',
  gatewayUrl: '',
  gatewayMethod: 'GET',
  aheadCount: 3,
  encoding: 'gsm7',
  minIntervalSec: 3,
};

export const Settings = z.strictObject({
  centerName: Text(200),
  centerNameEn: Text(200),
  address: OneLine(300),
  timezone: z.string().min(1).max(64).refine(isTimeZone, 'unknown IANA time zone'),
  openingHours: OpeningHours,
  ticketHeader: Lines(300),
  ticketFooter: Lines(300),
  /** Minutes between automatic backups; 0 turns the schedule off. */
  backupIntervalMin: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
  backupKeep: z.number().int().min(1).max(1000),
  /** Transfers keep the ticket's place in line (its original issue time) or go to the back. */
  transferKeepsPlace: z.boolean(),
  /**
   * Priority citizens go first, but after this many priority calls in a row a counter calls one
   * citizen without priority, if one waits, so the others still move (#24). 0 = priority always first.
   */
  priorityMaxInRow: z.number().int().min(0).max(20).default(3),
  /** A kiosk left alone this long goes back to its home screen. */
  kioskIdleSeconds: z.number().int().min(5).max(600),
  /** How long the kiosk shows a citizen's new number before the next citizen's home screen. */
  kioskTicketSeconds: z.number().int().min(3).max(120),
  /**
   * The hub's address as phones on the center's Wi-Fi reach it (http://192.168.1.10:8686): the
   * ticket's QR then opens the ticket on the citizen's phone. Empty: the QR is for the kiosk only.
   */
  phoneBaseUrl: z
    .string()
    .trim()
    .max(200)
    .refine((u) => u === '' || /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/.test(u), 'http://ADDRESS[:PORT]'),
  voice: VoiceSettings,
  /** Scrolls along the bottom of the hall display; empty = none. */
  hallNotice: Lines(500),
  /** LED boards above the counters, addressed by counter number; null = none. */
  ledBus: LedBus.nullable(),
  scan: ScanSettings,
  rating: RatingSettings,
  alerts: AlertSettings,
  report: ReportSettings,
  sms: SmsSettings.default(defaultSmsSettings),
});
export type Settings = z.infer<typeof Settings>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const Ticket = z.object({
  id: Id,
  serviceDay: ServiceDay,
  number: z.number().int(),
  fieldId: Id,
  priority: z.boolean(),
  source: TicketSource,
  status: TicketStatus,
  issuedAt: EpochMs,
  calledAt: EpochMs.nullable(),
  servingAt: EpochMs.nullable(),
  finishedAt: EpochMs.nullable(),
  counterId: Id.nullable(),
  counterNumber: z.number().int().nullable(),
  targetCounterId: Id.nullable(),
  callCount: z.number().int(),
  transferCount: z.number().int(),
});
export type Ticket = z.infer<typeof Ticket>;

export const TicketWithWait = z.object({
  ticket: Ticket,
  peopleAhead: z.number().int().nonnegative(),
  /** Minutes (engine.ts waitMinutes); null when no counter serving the field is open: no estimate. */
  estimatedWaitMin: z.number().int().nonnegative().nullable(),
});
export type TicketWithWait = z.infer<typeof TicketWithWait>;

export const FieldLoad = z.object({
  fieldId: Id,
  waiting: z.number().int().nonnegative(),
  /** Issue time of the longest-waiting ticket, or null. */
  oldestWaitingSince: EpochMs.nullable(),
  /** Minutes for the last in line (engine.ts waitMinutes); null when no counter serving the field is open. */
  estimatedWaitMin: z.number().int().nonnegative().nullable(),
  openCounters: z.number().int().nonnegative(),
  /** No number left today: the range is used up or the daily limit reached. */
  full: z.boolean(),
});
export type FieldLoad = z.infer<typeof FieldLoad>;

// ---- printing ----

/** `interrupted`: the job was being printed when the hub or the kiosk app stopped, or its agent went silent. */
export const PrintFault = z.enum(printFaults);
export type PrintFault = z.infer<typeof PrintFault>;

/**
 * Device paths a manager may name: printer-class USB devices and serial ports only. The hub opens
 * the path read/write, so free text would let a manager overwrite any file (even the database).
 */
export const usbPrinterPath = /^\/dev\/usb\/lp\d{1,3}$/;
export const serialPortPath =
  /^(\/dev\/tty(S|USB|ACM|AMA|XRUSB)\d{1,3}|\/dev\/serial\/by-(id|path)\/[A-Za-z0-9._:+-]{1,200}|(\\\\\.\\)?COM\d{1,3})$/;

/** Printable width in dots: 58 mm paper (384), 80 mm on 72 mm heads (512), 80 mm (576). */
export const PaperWidthDots = z.union([z.literal(384), z.literal(512), z.literal(576)]);
export type PaperWidthDots = z.infer<typeof PaperWidthDots>;

/** How a kiosk reaches its printer, chosen per device by a manager. */

export const PrinterConfig = z
  .strictObject({
    /** `spooler`: RAW through the OS (a CUPS queue, a Windows printer installed with its driver). */
    transport: z.enum(['tcp', 'usb', 'serial', 'spooler', 'usb-raw']),
    /** usb-raw (libusb, no kernel driver: WinUSB on Windows): the printer's USB vendor and product ids. */
    usbVendorId: z.number().int().min(1).max(0xffff).optional(),
    usbProductId: z.number().int().min(0).max(0xffff).optional(),
    /** spooler: the CUPS queue or Windows printer name (host and port, if set, name the CUPS server). */
    queue: z
      .string()
      .trim()
      .regex(/^[\p{L}\p{N} _.()-]{1,127}$/u, 'a printer or queue name')
      .optional(),
    /** tcp */
    host: z.string().trim().min(1).max(255).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    /** usb: the printer-class device (/dev/usb/lp0); serial: the port (/dev/ttyUSB0, COM3). */
    path: z.string().trim().min(1).max(255).optional(),
    baudRate: z.number().int().min(1200).max(921600).optional(),
    /** Who drives it: the hub (network printer, or USB on the hub PC) or the kiosk's own app. */
    attachedTo: z.enum(['hub', 'device']),
    widthDots: PaperWidthDots,
    mode: z.enum(['raster', 'text']),
    codePage: z.number().int().min(0).max(255),
    textEncoding: z.enum(['cp1258', 'tcvn']),
    cancelKanji: z.boolean(),
    maxBandHeight: z.number().int().min(8).max(2400),
    cutFeedDots: z.number().int().min(0).max(255),
    /**
     * How fast it prints, mm/s (In thử measures it): a printer still printing is given that long
     * to answer. Unset: a speed slower than any kiosk printer's (hardware/printer/pacing.ts).
     */
    speedMmPerSec: z.number().int().min(20).max(500).optional(),
  })
  .refine(
    (p) =>
      ({
        tcp: p.host !== undefined,
        spooler: p.queue !== undefined,
        'usb-raw': p.usbVendorId !== undefined && p.usbProductId !== undefined,
        usb: p.path !== undefined,
        serial: p.path !== undefined,
      })[p.transport],
    {
      message: 'tcp needs host; usb and serial need path; spooler needs queue; usb-raw needs usbVendorId and usbProductId',
      path: ['transport'],
    },
  )
  .refine((p) => p.path === undefined || (p.transport === 'usb' ? usbPrinterPath : serialPortPath).test(p.path), {
    message: 'usb: /dev/usb/lpN; serial: /dev/ttyUSBN, /dev/ttySN, /dev/ttyACMN, /dev/serial/by-id/… or COMN',
    path: ['path'],
  });
export type PrinterConfig = z.infer<typeof PrinterConfig>;

export const defaultPrinterConfig: PrinterConfig = {
  transport: 'tcp',
  host: '127.0.0.1',
  port: 9100,
  attachedTo: 'hub',
  widthDots: 576,
  mode: 'raster',
  codePage: 52,
  textEncoding: 'cp1258',
  cancelKanji: false,
  maxBandHeight: 128,
  cutFeedDots: 96,
};

export const PrintJob = z.object({
  id: Id,
  ticketId: Id,
  deviceId: Id.nullable(),
  /** `uncertain`: a spooler still holds it and may print it; never called failed, reprinted only once it is settled. */
  status: z.enum(['pending', 'printing', 'printed', 'failed', 'uncertain']),
  attempts: z.number().int(),
  errorCode: z.string().nullable(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  /** False when printed through the operating system's spooler: sent, not confirmed by the printer. */
  confirmed: z.boolean(),
});
export type PrintJob = z.infer<typeof PrintJob>;

/** A job as the manager's list shows it: with its ticket's number and state (reprint only what still waits). */
export interface ListedPrintJob extends PrintJob {
  ticketNumber: number;
  ticketStatus: TicketStatus;
}

/** What goes on a ticket, composed by the hub in the center's language. */
export interface TicketPrintData {
  centerName: string;
  header: string;
  fieldName: string;
  fieldNameEn: string | null;
  number: number;
  priorityLabel: string | null;
  details: string[];
  qrPayload: string;
  footer: string;
  reprintLabel: string | null;
}

/** An appointment made at the center: a field, a day and a time window (center time), priority or not. */
export const AppointmentInput = z
  .strictObject({
    fieldId: Id,
    day: ServiceDay,
    from: HhMm,
    to: HhMm,
    priority: z.boolean(),
  })
  .refine((a) => a.from < a.to, { message: 'a session must open before it closes', path: ['to'] });
export type AppointmentInput = z.infer<typeof AppointmentInput>;

export interface Appointment {
  id: number;
  /** What the citizen's QR holds. */
  code: string;
  fieldId: number;
  serviceDay: string;
  startsAt: number;
  endsAt: number;
  priority: boolean;
  createdAt: number;
  /** booked: not yet used; checked-in: a ticket was taken with it; missed: its window has passed. */
  status: 'booked' | 'checked-in' | 'missed';
  ticketNumber: number | null;
  checkedInAt: number | null;
}

/** The language a citizen chose at the kiosk: 'en' prints the ticket in both languages. */
export const TicketLang = z.enum(['vi', 'en']);
export type TicketLang = z.infer<typeof TicketLang>;

export interface IssuedTicket extends TicketWithWait {
  /** The print job born with the ticket, when the kiosk has a printer. */
  printJobId: number | null;
  /** The ticket on the citizen's phone (the printed QR's link), when the center has set its address. */
  phoneUrl?: string | null;
  /** What the printed ticket's QR holds, for a ticket issued at a counter: the officer shows it on a slip (#24). */
  qrPayload?: string;
}

/** A ticket as its own page on the citizen's phone shows it: only that ticket, nothing else. */
export interface PublicTicket {
  ticketId: number;
  fieldId: number;
  centerName: string;
  number: number;
  fieldVi: string;
  fieldEn: string;
  priority: boolean;
  status: TicketStatus;
  peopleAhead: number;
  /** Null when no counter serving its field is open (noCounterOpen). */
  estimatedWaitMin: number | null;
  /** No counter serves its field yet: no estimate. */
  noCounterOpen: boolean;
  /** Served, not yet rated, and the center asks for ratings on phones: the levels to offer. */
  rateWith: { value: number; vi: string; en: string }[] | null;
  counterNumber: number | null;
  /** The journal head the answer reflects: the page's live stream continues after it. */
  head: number;
}
