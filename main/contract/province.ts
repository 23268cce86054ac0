// The province's wire contract: what a center's hub pushes, what the province console reads, in
// the same style as the hub's own endpoint table (one schema per input, the answer named).
import { z } from 'zod';
import { Id, OneLine, ServiceDay } from './entities.ts';
import { JournalEvent } from './events.ts';
import { clientFor, type ApiClientOptions } from './client.ts';

export const SiteLevel = z.enum(['tinh', 'chi-nhanh', 'xa']);
export type SiteLevel = z.infer<typeof SiteLevel>;
export const siteLevelText: Record<SiteLevel, { vi: string; en: string }> = {
  tinh: { vi: 'Trung tâm tỉnh', en: 'Provincial center' },
  'chi-nhanh': { vi: 'Chi nhánh', en: 'Branch' },
  xa: { vi: 'Cấp xã', en: 'Commune' },
};

export const ProvinceRole = z.enum(['province-admin', 'province-viewer']);
export type ProvinceRole = z.infer<typeof ProvinceRole>;
/** `site`: a center's hub with its site token. */
export type ProvinceAccess = ProvinceRole | 'site' | 'public';

/** What the province needs to name what it shows: sent with a push whenever it changed. */
export const SiteConfig = z.strictObject({
  centerName: z.string().max(200),
  centerNameEn: z.string().max(200),
  timezone: z.string().max(64),
  /** The rating levels counted as satisfied (the two highest the center offers). */
  satisfiedLevels: z.array(z.number().int().min(0).max(10)).max(2),
  fields: z
    .array(
      z.strictObject({
        id: Id,
        code: z.string().max(20),
        nameVi: z.string().max(200),
        nameEn: z.string().max(200),
        targetWaitMin: z.number().int().min(0).max(1440),
        active: z.boolean(),
      }),
    )
    .max(500),
  counters: z
    .array(
      z.strictObject({ id: Id, number: z.number().int(), nameVi: z.string().max(200), nameEn: z.string().max(200), active: z.boolean() }),
    )
    .max(500),
});
export type SiteConfig = z.infer<typeof SiteConfig>;

export const MAX_PUSH_EVENTS = 2000;
export const JournalEpoch = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
export const ChainHash = z.string().regex(/^[0-9a-f]{64}$/);

/** What the province answers a push (and the hub checks against its own journal before it trusts it). */
export interface PushAnswer {
  ackedSeq: number;
  /** The chain at `ackedSeq`; null where the province does not know it (held before chains existed). */
  chain: string | null;
  /** This site holds a journal another site held before (the hub joined again to a new site). */
  journalMove?: JournalMove | null;
}

/** A center's journal found, by its chain, under another site: the new site counts it, the old one no more. */
export interface JournalMove {
  fromSiteId: number;
  fromSiteName: string;
  toSiteId: number;
  toSiteName: string;
  at: number;
  /** The old site's mark: what it held of the journal. */
  fromAckedSeq: number;
}

/** A ticket the province still holds from an epoch the center's journal no longer has. */
export interface LostTicket {
  ticketId: number;
  /** The number the citizen holds. */
  number: number;
  serviceDay: string;
  issuedAt: number;
  status: string;
}
/** How the province took a center's journal that could not continue what it held. */
export interface JournalRecovery {
  /** 2 after the first recovery, and so on. */
  epochNo: number;
  at: number;
  /** The last sequence both journals held alike (0: none known). */
  commonSeq: number;
  /** What the province held before (its mark in the old epoch). */
  provinceHad: number;
  /** Where the center sent its journal again from. */
  resentFrom: number;
  lostCount: number;
  /** The first of them (at most 200), oldest first. */
  lost: LostTicket[];
}

/**
 * One push: the journal range [fromSeq, toSeq] the hub has sent, with the events of it the
 * province keeps (tickets, counters, ratings; the rest stays at the center). `fromSeq` must follow
 * the province's acknowledged sequence exactly: no gap, and a batch sent twice stores once.
 */
export const PushBatch = z
  .strictObject({
    fromSeq: z.number().int().positive(),
    toSeq: z.number().int().positive(),
    events: z.array(JournalEvent).max(MAX_PUSH_EVENTS),
    config: SiteConfig.optional(),
    /** The hub's journal epoch: a new one each time its journal could not continue what the province holds. */
    epoch: JournalEpoch.optional(),
    /** The hub's journal chain at `fromSeq - 1` (main/base/journalChain.ts): what it says the province holds. */
    prevChain: ChainHash.optional(),
  })
  .refine((b) => b.toSeq >= b.fromSeq, { message: 'toSeq < fromSeq', path: ['toSeq'] })
  .refine((b) => b.events.every((e, i) => e.seq >= b.fromSeq && e.seq <= b.toSeq && (i === 0 || e.seq > b.events[i - 1]!.seq)), {
    message: 'events out of the range or out of order',
    path: ['events'],
  })
  .superRefine((b, ctx) => {
    for (let i = 0; i < b.events.length; i++) {
      const problem = outOfBounds(b.events[i], []);
      if (problem) return void ctx.addIssue({ code: 'custom', path: ['events', i, ...problem.path], message: problem.message });
    }
  });
/** The events are the journal's, checked one by one against their own schemas. */
export type PushBatch = Omit<z.infer<typeof PushBatch>, 'events'> & { events: JournalEvent[] };

/** Ids are the hub's SQLite row ids; the province stores them as PostgreSQL `int`. */
export const MAX_PUSHED_ID = 2_147_483_647;
/** 1 January 2100: no time a center sends is later (the province checks the clock more closely on ingest). */
export const MAX_PUSHED_TIME = 4_102_444_800_000;
/** A rating's level: the widest scale a center offers is 0–10. */
export const MAX_RATING_LEVEL = 10;

/**
 * What a valid site token could still send that the province cannot store (a counterId of 2^53−1,
 * a rating level of 3e9): ids, times and levels anywhere in an event, bounded by their names.
 */
function outOfBounds(value: unknown, path: (string | number)[]): { path: (string | number)[]; message: string } | null {
  if (value === null || typeof value !== 'object') return null;
  for (const [key, v] of Object.entries(value)) {
    const at = [...path, key];
    if (typeof v === 'number') {
      if (key === 'level' && !(Number.isInteger(v) && v >= 0 && v <= MAX_RATING_LEVEL))
        return { path: at, message: `0–${MAX_RATING_LEVEL}` };
      if ((key === 'id' || key.endsWith('Id')) && !(Number.isInteger(v) && v >= 0 && v <= MAX_PUSHED_ID))
        return { path: at, message: `an id of 0–${MAX_PUSHED_ID}` };
      if ((key === 'at' || key.endsWith('At')) && !(Number.isInteger(v) && v >= 0 && v <= MAX_PUSHED_TIME))
        return { path: at, message: 'a time before 2100' };
    } else if (typeof v === 'object') {
      const inner = outOfBounds(v, at);
      if (inner) return inner;
    }
  }
  return null;
}

export interface SiteLive {
  id: number;
  name: string;
  level: SiteLevel;
  district: string;
  /** Joined (a hub holds its token) and not revoked. */
  joined: boolean;
  revoked: boolean;
  lastContactAt: number | null;
  ackedSeq: number;
  openCounters: number;
  waiting: number;
  /** Issue time of the longest-waiting ticket now. */
  longestWaitSince: number | null;
  issuedToday: number;
  servedToday: number;
  ratingsToday: number;
  /** Share of today's ratings at the two highest levels; null without ratings. */
  satisfactionToday: number | null;
  /** The latest time the center's journal started a new epoch (restored from a backup), if ever. */
  recovery?: JournalRecovery | null;
  /** Its journal moved to another site (counted there, not here), or came from one. */
  journalMove?: JournalMove | null;
}

export type ProvinceAlertKind = 'site-offline' | 'wait-over-target' | 'low-satisfaction';
export interface ProvinceAlert {
  kind: ProvinceAlertKind;
  siteId: number;
  siteName: string;
  /** The field, for waits over target. */
  fieldName: string | null;
  /** Minutes offline or waited, or the satisfaction share. */
  value: number;
}

export interface ProvinceSettings {
  offlineMin: number;
  satisfactionBelow: number;
  /** Ratings a site needs today before its satisfaction can raise an alert. */
  minRatings: number;
}

export interface ProvinceFloor {
  now: number;
  today: string;
  sites: SiteLive[];
  alerts: ProvinceAlert[];
  settings: ProvinceSettings;
  /** The signed-in account's role: the console offers only what it may do (the server refuses the rest anyway). */
  role?: ProvinceRole;
}

/** Figures of one site (or field, or counter) over a period, from the aggregates only. */
export interface ProvinceFigures {
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  noShowRate: number | null;
  waitAvgMs: number | null;
  /** From the wait histogram: within one bucket (see main/reports/countingRules.ts). */
  waitP90Ms: number | null;
  serviceAvgMs: number | null;
  ratings: number;
  satisfactionIndex: number | null;
}
export interface SiteReportRow extends ProvinceFigures {
  siteId: number;
  name: string;
  level: SiteLevel;
  district: string;
  /** 1 = best satisfaction index (sites without ratings last). */
  rank: number;
}
export interface ProvinceReport {
  from: string;
  to: string;
  generatedAt: number;
  total: ProvinceFigures;
  sites: SiteReportRow[];
}
/**
 * One site's drill-down, counted as the center counts: a field has the tickets it gave numbers to
 * (issued, waits, P90 `waitP90Ms`) and the outcomes of those that ended in it; a counter has all of
 * the tickets it last had (issued, waits with their P90, outcomes).
 */
export interface SiteDetail {
  site: { id: number; name: string; level: SiteLevel; district: string };
  from: string;
  to: string;
  fields: (ProvinceFigures & { fieldId: number; code: string; name: string })[];
  counters: (ProvinceFigures & { counterId: number; name: string })[];
}

/** A procedure group as the province names it for every site: matched to a center's field by code. */
export const CatalogueField = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9_-]{1,20}$/, 'A–Z, 0–9, _ or -'),
  nameVi: OneLine(200).min(1),
  nameEn: OneLine(200),
  targetWaitMin: z.number().int().min(1).max(600),
});
export type CatalogueField = z.infer<typeof CatalogueField>;
export interface Catalogue {
  version: number;
  publishedAt: number;
  fields: CatalogueField[];
}

/** What the province's report says of who issues it (empty: left for the hand, as dots). */
export const ProvinceReportSettings = z.strictObject({
  /** "Quảng Ninh": the center is "Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh". */
  provinceName: OneLine(100),
  /** The governing body above the center, e.g. "UBND tỉnh Quảng Ninh". */
  agency: OneLine(200),
  signerTitle: OneLine(100),
  signerName: OneLine(120),
  /** The place before the date: "Hạ Long, ngày …". */
  place: OneLine(100),
});
export type ProvinceReportSettings = z.infer<typeof ProvinceReportSettings>;

const Period = z.strictObject({ from: ServiceDay, to: ServiceDay }).refine((p) => p.from <= p.to, { message: 'from ≤ to', path: ['from'] });

interface PDef<I extends z.ZodType, O> {
  readonly method: 'GET' | 'POST';
  readonly path: `/api/province/${string}`;
  readonly input: I;
  readonly access: readonly ProvinceAccess[];
  readonly output?: O;
}
function pendpoint<O>() {
  return <I extends z.ZodType>(d: Omit<PDef<I, O>, 'output'>): PDef<I, O> => d;
}
const Empty = z.strictObject({});
const viewers = ['province-admin', 'province-viewer'] as const;

const ProvinceUsername = z
  .string()
  .trim()
  .regex(/^[a-z0-9._-]{3,32}$/i, '3–32 letters, digits, . _ -');
const ProvinceFullName = z.string().trim().min(1).max(120);
const ProvincePassword = z.string().min(10).max(200);

export const provinceEndpoints = {
  'province:join': pendpoint<{ siteId: number; siteName: string; token: string }>()({
    method: 'POST',
    path: '/api/province/join',
    input: z.strictObject({
      code: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z0-9]{6,16}$/),
    }),
    access: ['public'],
  }),
  'province:push': pendpoint<PushAnswer>()({ method: 'POST', path: '/api/province/push', input: PushBatch, access: ['site'] }),
  /**
   * The center's journal cannot continue what the province holds: a new epoch. The province finds
   * the last checkpoint both hold alike, keeps the old epoch's events aside, takes back what they
   * counted from the first day they touch, and answers where the center sends again from.
   */
  'province:epoch': pendpoint<{ ackedSeq: number; recovery: JournalRecovery }>()({
    method: 'POST',
    path: '/api/province/epoch',
    input: z.strictObject({
      epoch: JournalEpoch,
      checkpoints: z.array(z.strictObject({ seq: z.number().int().nonnegative(), chain: ChainHash })).max(1000),
    }),
    access: ['site'],
  }),
  'province:ack': pendpoint<{ ackedSeq: number; siteName: string; chain?: string | null; epoch?: string | null }>()({
    method: 'GET',
    path: '/api/province/ack',
    input: Empty,
    access: ['site'],
  }),
  /** `mustChangePassword`: signed in with the published demo password on a province others reach; only `province:change-password` until then. */
  'province:login': pendpoint<{ token: string; fullName: string; role: ProvinceRole; mustChangePassword: boolean }>()({
    method: 'POST',
    path: '/api/province/login',
    input: z.strictObject({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) }),
    access: ['public'],
  }),
  'province:setup-status': pendpoint<{ needed: boolean }>()({
    method: 'GET',
    path: '/api/province/setup',
    input: Empty,
    access: ['public'],
  }),
  /** First run of a province started without the demo account: the one-time code the server printed creates the first province-admin. */
  'province:setup': pendpoint<{ token: string; fullName: string; role: ProvinceRole; mustChangePassword: boolean }>()({
    method: 'POST',
    path: '/api/province/setup',
    input: z.strictObject({
      code: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z0-9-]{4,32}$/),
      username: ProvinceUsername,
      fullName: ProvinceFullName,
      password: ProvincePassword,
    }),
    access: ['public'],
  }),
  'province:change-password': pendpoint<{ ok: true }>()({
    method: 'POST',
    path: '/api/province/password',
    input: z.strictObject({
      currentPassword: z.string().min(1).max(200),
      newPassword: ProvincePassword,
      /** On a province others reach, the published demo password is replaced only with the code the server printed. */
      setupCode: z.string().max(40).optional(),
    }),
    access: ['province-admin', 'province-viewer'],
  }),
  'province:staff-create': pendpoint<{ ok: true }>()({
    method: 'POST',
    path: '/api/province/staff',
    input: z.strictObject({ username: ProvinceUsername, fullName: ProvinceFullName, role: ProvinceRole, password: ProvincePassword }),
    access: ['province-admin'],
  }),
  'province:floor': pendpoint<ProvinceFloor>()({ method: 'GET', path: '/api/province/floor', input: Empty, access: viewers }),
  'province:site-create': pendpoint<{ site: SiteLive; code: string; expiresAt: number }>()({
    method: 'POST',
    path: '/api/province/sites',
    input: z.strictObject({ name: z.string().trim().min(1).max(200), level: SiteLevel, district: z.string().trim().max(120) }),
    access: ['province-admin'],
  }),
  'province:site-code': pendpoint<{ code: string; expiresAt: number }>()({
    method: 'POST',
    path: '/api/province/sites/:id/code',
    input: z.strictObject({ id: Id }),
    access: ['province-admin'],
  }),
  'province:site-revoke': pendpoint<{ ok: true }>()({
    method: 'POST',
    path: '/api/province/sites/:id/revoke',
    input: z.strictObject({ id: Id }),
    access: ['province-admin'],
  }),
  'province:report': pendpoint<ProvinceReport>()({ method: 'GET', path: '/api/province/report', input: Period, access: viewers }),
  'province:site-report': pendpoint<SiteDetail>()({
    method: 'GET',
    path: '/api/province/sites/:id/report',
    input: z.strictObject({ id: Id, from: ServiceDay, to: ServiceDay }),
    access: viewers,
  }),
  'province:catalogue-publish': pendpoint<{ version: number }>()({
    method: 'POST',
    path: '/api/province/catalogue',
    input: z.strictObject({
      fields: z
        .array(CatalogueField)
        .min(1)
        .max(200)
        .refine((f) => new Set(f.map((x) => x.code)).size === f.length, 'a code is listed twice'),
    }),
    access: ['province-admin'],
  }),
  /** The latest catalogue (null: none published yet), for the province's staff and for sites. */
  'province:catalogue': pendpoint<{ catalogue: Catalogue | null; accepted: Record<string, number | null> }>()({
    method: 'GET',
    path: '/api/province/catalogue',
    input: Empty,
    access: ['province-admin', 'province-viewer', 'site'],
  }),
  /** A center's manager accepted a version: the province sees which sites use which. */
  'province:catalogue-accepted': pendpoint<{ ok: true }>()({
    method: 'POST',
    path: '/api/province/catalogue/accepted',
    input: z.strictObject({ version: z.number().int().positive() }),
    access: ['site'],
  }),
  'province:export': pendpoint<{ fileName: string; mime: string; base64: string }>()({
    method: 'GET',
    path: '/api/province/export',
    input: z.strictObject({ from: ServiceDay, to: ServiceDay, format: z.enum(['xlsx', 'pdf']) }),
    access: viewers,
  }),
  /** The report's heading and signature (Nghị định 30/2020): who issues it, who signs it, where. */
  'province:settings': pendpoint<ProvinceReportSettings>()({
    method: 'GET',
    path: '/api/province/settings',
    input: Empty,
    access: viewers,
  }),
  'province:settings-update': pendpoint<ProvinceReportSettings>()({
    method: 'POST',
    path: '/api/province/settings',
    input: ProvinceReportSettings,
    access: ['province-admin'],
  }),
  'province:site-level': pendpoint<{ ok: true }>()({
    method: 'POST',
    path: '/api/province/sites/:id/level',
    input: z.strictObject({ id: Id, level: SiteLevel }),
    access: ['province-admin'],
  }),
} as const;

export type ProvinceEndpointName = keyof typeof provinceEndpoints;
export type ProvinceInput<N extends ProvinceEndpointName> = z.input<(typeof provinceEndpoints)[N]['input']>;
export type ProvinceParsed<N extends ProvinceEndpointName> = z.output<(typeof provinceEndpoints)[N]['input']>;
export type ProvinceOutput<N extends ProvinceEndpointName> = NonNullable<(typeof provinceEndpoints)[N]['output']>;

/** What the province console's socket receives. */
export type ProvinceServerMessage =
  { type: 'subscribed' } | { type: 'site'; site: SiteLive } | { type: 'error'; code: string; message: string };
export const PROVINCE_WS_PATH = '/api/province/ws';

export type ProvinceClient = <N extends ProvinceEndpointName>(
  name: N,
  input: ProvinceInput<N>,
  token?: string | null,
) => Promise<ProvinceOutput<N>>;

export function createProvinceClient(opts: ApiClientOptions): ProvinceClient {
  return clientFor(provinceEndpoints, opts);
}

// ---- the center's side ----

/** What accepting the province's catalogue would change at this center, field by field (matched by code). */
export interface CatalogueChange {
  code: string;
  /** The center's field with this code; null: the center has no such field (it is not created). */
  fieldId: number | null;
  nameVi: { from: string; to: string } | null;
  nameEn: { from: string; to: string } | null;
  targetWaitMin: { from: number; to: number } | null;
}
export interface CatalogueOffer {
  catalogue: Catalogue | null;
  acceptedVersion: number | null;
  changes: CatalogueChange[];
}

/** What the manager console shows of the link. */
export interface ProvinceLinkStatus {
  linked: boolean;
  url: string | null;
  siteName: string | null;
  ackedSeq: number;
  head: number;
  backlog: number;
  lastPushAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  shareNames: boolean;
  /** The latest time this journal could not continue what the province held, and what the province did. */
  recovery?: JournalRecovery | null;
  /** The province found this journal under another site and counts it under this one only. */
  journalMove?: JournalMove | null;
}
