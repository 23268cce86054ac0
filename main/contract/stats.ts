// Statistics for the manager console and the exports: what is asked, and what comes back.
import { z } from 'zod';
import { Id, PauseReason, pauseReasonOf, pauseReasonText, ServiceDay } from './entities.ts';
import type { EventType, JournalEvent } from './events.ts';

export const StatsPreset = z.enum(['today', 'week', 'month', 'quarter', 'year', 'custom']);
export type StatsPreset = z.infer<typeof StatsPreset>;

const queryShape = {
  preset: StatsPreset.default('today'),
  /** Required with `custom`; ignored otherwise. */
  from: ServiceDay.optional(),
  to: ServiceDay.optional(),
  fieldId: z.coerce.number().pipe(Id).optional(),
  counterId: z.coerce.number().pipe(Id).optional(),
  staffId: z.coerce.number().pipe(Id).optional(),
};
const periodIsOrdered: [
  (q: { preset: StatsPreset; from?: string | undefined; to?: string | undefined }) => boolean,
  { message: string; path: string[] },
] = [
  (q) => q.preset !== 'custom' || (q.from !== undefined && q.to !== undefined && q.from <= q.to),
  { message: 'custom needs from ≤ to', path: ['from'] },
];

export const StatsQuery = z.strictObject(queryShape).refine(...periodIsOrdered);
export type StatsQuery = z.input<typeof StatsQuery>;

/**
 * One set of figures. A ticket counts for "issued", waits and the heatmap in the field whose
 * number it got, and for its outcome (served, no-show, service time, rating) in the field, at
 * the counter and with the officer that finished it; transfers between fields are counted apart.
 * Rates are 0…1, times milliseconds; null when there is nothing to divide by.
 */
export interface StatsFigures {
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  /** Of the tickets that were called and ended served or absent. */
  noShowRate: number | null;
  waitAvgMs: number | null;
  waitMedianMs: number | null;
  waitP90Ms: number | null;
  /** Of the called tickets, the share that waited longer than their field's target. */
  overTargetRate: number | null;
  serviceAvgMs: number | null;
  ratings: number;
  /** Ratings per served ticket. */
  responseRate: number | null;
  /** The share of ratings at the two highest levels ("Rất hài lòng" + "Hài lòng"). */
  satisfactionIndex: number | null;
}

export interface StatsFieldRow extends StatsFigures {
  fieldId: number;
  code: string;
  nameVi: string;
  nameEn: string;
  transferredIn: number;
  transferredOut: number;
}
export interface StatsOfficerRow extends StatsFigures {
  staffId: number;
  fullName: string;
  username: string;
}
export interface StatsCounterRow extends StatsFigures {
  counterId: number;
  number: number;
  nameVi: string;
  nameEn: string;
}
export interface StatsDayRow {
  day: string;
  issued: number;
  served: number;
  noShow: number;
  waitAvgMs: number | null;
  ratings: number;
  satisfactionIndex: number | null;
}

/**
 * Text messages to citizens (#26) by outcome. A message counts in the day of its ticket and in
 * the field whose number the ticket got (the number the text names), not per counter or officer.
 */
export interface StatsSmsCounts {
  sent: number;
  /** Not sent, of either kind below (failedRefused + failedNoRetry). */
  failed: number;
  /**
   * Refused by the modem or gateway at each try: given up after the fourth, or still waiting for
   * its next try when its day ended (a fault of the line, the SIM or the provider).
   */
  failedRefused: number;
  /** Never tried again: a text too long for one message (which no try can mend), or an error not retried. */
  failedNoRetry: number;
  /** Handed to the modem or gateway without a verdict: it may have arrived, and is never sent again. */
  unknown: number;
  /** Not sent because it was no longer useful (the ticket moved on, or its day ended before it was first tried). */
  dropped: number;
  /** Waiting or being sent (only in a period that includes today). */
  pending: number;
}
export interface StatsSmsFieldRow extends StatsSmsCounts {
  fieldId: number;
  code: string;
  nameVi: string;
  nameEn: string;
}
export interface StatsSms {
  /** Whether sending is on now. */
  enabled: boolean;
  summary: StatsSmsCounts;
  /** Fields with messages in the period, in the center's order. */
  byField: StatsSmsFieldRow[];
  /** Days with messages in the period. */
  byDay: (StatsSmsCounts & { day: string })[];
}

export interface StatsReport {
  preset: StatsPreset;
  from: string;
  to: string;
  /** The period includes today, whose figures change as the day goes on. */
  live: boolean;
  generatedAt: number;
  filter: { fieldId: number | null; counterId: number | null; staffId: number | null };
  summary: StatsFigures;
  /** Every configured level, highest first, with its count. */
  levels: { value: number; vi: string; en: string; count: number }[];
  reasons: { code: string; vi: string; en: string; count: number }[];
  /** Counter pauses begun in the period (by counter and officer, not by field), per reason. */
  pauses: { reason: PauseReason; vi: string; en: string; count: number; totalMs: number }[];
  /** [weekday 0 = Monday … 6 = Sunday][local hour 0…23]: tickets issued. */
  heatmap: number[][];
  byField: StatsFieldRow[];
  byOfficer: StatsOfficerRow[];
  byCounter: StatsCounterRow[];
  byDay: StatsDayRow[];
  /**
   * Text messages to citizens: present when sending is on or some were queued in the period
   * (a center that does not use them sees no empty block); null under a counter or officer
   * filter, since a message belongs to neither.
   */
  sms: StatsSms | null;
}

export const ExportFormat = z.enum(['xlsx', 'csv', 'pdf']);
export type ExportFormat = z.infer<typeof ExportFormat>;
/** A CSV holds one table; XLSX and PDF hold them all. */
export const ExportTable = z.enum(['summary', 'fields', 'officers', 'counters', 'days', 'hours', 'ratings', 'pauses', 'sms']);
export type ExportTable = z.infer<typeof ExportTable>;

/**
 * `standard`: comma-separated, decimal point (RFC 4180; what most programs read). `excel-vn`:
 * semicolon-separated with a decimal comma, as Excel expects on a computer set to Vietnamese.
 */
export const CsvStyle = z.enum(['standard', 'excel-vn']);
export type CsvStyle = z.infer<typeof CsvStyle>;

const layoutShape = {
  table: ExportTable.default('summary'),
  csvStyle: CsvStyle.default('standard'),
  /** The report's number as the office registers it ("12"); empty leaves it to be written by hand. */
  reportNo: z.string().trim().max(20).default(''),
};
export const ExportRequest = z.strictObject({ ...queryShape, format: ExportFormat, ...layoutShape }).refine(...periodIsOrdered);
export type ExportRequest = z.input<typeof ExportRequest>;
/** How one export is laid out, beside what it counts. */
export interface ExportLayout {
  table: ExportTable;
  csvStyle: CsvStyle;
  reportNo: string;
}

export interface ExportStatus {
  id: number;
  state: 'running' | 'done' | 'failed';
  /** 0…1 */
  progress: number;
  /** Vietnamese, for the progress bar. */
  stage: string;
  fileName: string | null;
  error: string | null;
}

export interface ExportFile {
  fileName: string;
  mime: string;
  base64: string;
}

/** Pauses summed per reason, every reason listed (zero when none), in the order the desk offers them. */
export function pausesByReason(rows: readonly { reason: string | null; ms: number }[]): StatsReport['pauses'] {
  return PauseReason.options.map((reason) => {
    const mine = rows.filter((r) => (pauseReasonOf(r.reason) ?? 'other') === reason);
    return { reason, ...pauseReasonText[reason], count: mine.length, totalMs: mine.reduce((a, r) => a + Math.max(0, r.ms), 0) };
  });
}

// ---- the audit trail ----

/** Kinds of action the audit screen filters by, and the journal events each covers. */
export const AuditKind = z.enum(['all', 'service', 'issued', 'counters', 'config', 'alerts', 'printing', 'ratings']);
export type AuditKind = z.infer<typeof AuditKind>;
export const auditKinds: Record<Exclude<AuditKind, 'all'>, EventType[]> = {
  service: [
    'ticket:called',
    'ticket:recalled',
    'ticket:started',
    'ticket:finished',
    'ticket:no-show',
    'ticket:reactivated',
    'ticket:transferred',
    'ticket:cancelled',
  ],
  issued: ['ticket:issued'],
  counters: ['counter:opened', 'counter:closed', 'counter:paused', 'counter:resumed', 'staff:signed-in', 'staff:signed-out'],
  config: ['config:changed', 'backup:created', 'backup:failed'],
  alerts: ['alert:raised', 'alert:cleared'],
  printing: ['print:printed', 'print:failed', 'printer:status-changed'],
  ratings: ['rating:submitted', 'rating:timed-out'],
};

export const AuditQuery = z
  .strictObject({
    from: ServiceDay.optional(),
    to: ServiceDay.optional(),
    kind: AuditKind.default('all'),
    staffId: z.coerce.number().pipe(Id).optional(),
    ticketNumber: z.coerce.number().int().min(1).max(99_999).optional(),
    /** The next page: entries older than this sequence number. */
    before: z.coerce.number().int().positive().optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'from ≤ to', path: ['from'] });
export type AuditQuery = z.input<typeof AuditQuery>;

export interface AuditEntry {
  event: JournalEvent;
  /** The staff member who acted (or whom it is about), as named now. */
  staffName: string | null;
  counterName: { vi: string; en: string } | null;
  /** The ticket's number, when the event is about one. */
  ticketNumber: number | null;
}
export interface AuditPage {
  from: string;
  to: string;
  generatedAt: number;
  /** Newest first. */
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; null when this is the last. */
  nextBefore: number | null;
}
