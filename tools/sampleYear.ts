// A realistic year of a large center, for benchmarks and for trying the statistics: working days
// without public holidays, Mondays and year-end busier, morning and early-afternoon peaks, waits
// that grow with the load, no-shows, cancellations, transfers between fields and ratings that
// fall when the wait was long. Deterministic for a given seed. Each ticket's journal is written with
// it (issued, called, started, transferred, finished, no-show, cancelled, rated), day by day in the
// order things happened, as a center's work writes it: a province linked to the center receives
// the year like any other journal.
import type { Db } from '../db/open.ts';
import { insertField } from '../db/fields.ts';
import { insertCounter, listCounters } from '../db/counters.ts';
import { insertStaff } from '../db/staff.ts';
import { insertTicket, type TicketRecord } from '../db/tickets.ts';
import { appendEvent, type EventRecord } from '../db/events.ts';
import { insertRating, lastRatingHash } from '../db/ratings.ts';
import { writeSettings } from '../db/settings.ts';
import { GENESIS, ratingHash } from '../main/queue/ratings.ts';
import { defaultSettings } from '../main/store/settings.ts';
import { hashPassword } from '../main/base/passwords.ts';
import { instantOf, shiftDay, weekdayIndexOf } from '../main/base/time.ts';
import type { Ticket } from '../main/contract/index.ts';

const TZ = 'Asia/Ho_Chi_Minh';

const FIELDS = [
  { code: 'TP', nameVi: 'Tư pháp – Hộ tịch', nameEn: 'Justice – Civil status', share: 20, serviceMin: 8, targetWaitMin: 20 },
  { code: 'DD', nameVi: 'Đất đai', nameEn: 'Land', share: 17, serviceMin: 15, targetWaitMin: 30 },
  { code: 'DKKD', nameVi: 'Đăng ký kinh doanh', nameEn: 'Business registration', share: 10, serviceMin: 12, targetWaitMin: 30 },
  {
    code: 'LDTBXH',
    nameVi: 'Lao động – Thương binh và Xã hội',
    nameEn: 'Labour, Invalids and Social Affairs',
    share: 9,
    serviceMin: 10,
    targetWaitMin: 30,
  },
  { code: 'XD', nameVi: 'Xây dựng', nameEn: 'Construction', share: 7, serviceMin: 14, targetWaitMin: 30 },
  { code: 'GTVT', nameVi: 'Giao thông vận tải', nameEn: 'Transport', share: 11, serviceMin: 7, targetWaitMin: 20 },
  { code: 'CT', nameVi: 'Công Thương', nameEn: 'Industry and Trade', share: 4, serviceMin: 10, targetWaitMin: 30 },
  { code: 'YT', nameVi: 'Y tế', nameEn: 'Health', share: 4, serviceMin: 10, targetWaitMin: 30 },
  { code: 'TKQ', nameVi: 'Trả kết quả', nameEn: 'Result collection', share: 18, serviceMin: 3, targetWaitMin: 15 },
] as const;

/** Counters per field, in field order; 22 counters in all. */
const COUNTERS_PER_FIELD = [4, 4, 2, 2, 2, 2, 1, 1, 4];

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Thị', 'Văn', 'Minh', 'Thu', 'Quốc', 'Ngọc', 'Đức', 'Thanh', 'Hữu', 'Bảo'];
const GIVEN = [
  'Lan',
  'Minh',
  'Hương',
  'Bảo',
  'Trang',
  'Anh',
  'Hà',
  'Tuấn',
  'Phương',
  'Dũng',
  'Hạnh',
  'Sơn',
  'Yến',
  'Khánh',
  'Thảo',
  'Long',
  'Nhung',
  'Hiếu',
  'Linh',
  'Quân',
  'Mai',
  'Tâm',
  'Vy',
  'Nam',
  'Oanh',
  'Phúc',
  'Giang',
  'Hùng',
  'Ly',
  'Thắng',
];
const OFFICERS = 30;

/** Days the center is closed besides Sundays (Tết, Hùng Kings, 30/4–1/5, National Day). */
const HOLIDAYS = new Set([
  '2025-01-01',
  '2025-01-27',
  '2025-01-28',
  '2025-01-29',
  '2025-01-30',
  '2025-01-31',
  '2025-04-07',
  '2025-04-30',
  '2025-05-01',
  '2025-09-01',
  '2025-09-02',
  '2026-01-01',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-04-27',
  '2026-04-30',
  '2026-05-01',
  '2026-08-31',
  '2026-09-01',
  '2026-09-02',
]);

/** Arrivals per half hour from 07:30 (index 0) to 17:00; Saturdays stop at 11:30. */
const HALF_HOURS = [6, 10, 11, 10, 9, 8, 6, 4, 0, 0, 0, 0, 5, 8, 8, 7, 6, 4, 3];
const WEEKDAY_LOAD = [1.2, 1.05, 1, 1, 0.9, 0.35, 0]; // Monday … Sunday
const MONTH_LOAD = [1.1, 0.9, 1, 1, 1, 1, 1, 0.95, 1, 1, 1.05, 1.15];

export interface SampleYearOptions {
  /** The last day of the year (inclusive), `YYYY-MM-DD`. */
  endDay: string;
  tickets: number;
  seed?: number;
  /** Events later than this are not journaled (default: the wall clock). */
  now?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SampleYearResult {
  tickets: number;
  ratings: number;
  /** Journal events written with them. */
  events: number;
  days: number;
  firstDay: string;
  lastDay: string;
}

/** mulberry32: small, fast and good enough for sample data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(rand: () => number, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rand() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** Log-normal with the given median; spread 0.5 gives a long but plausible tail. */
function logNormal(rand: () => number, median: number, spread: number): number {
  const u = Math.max(rand(), 1e-9);
  const v = rand();
  return median * Math.exp(spread * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}

type Journaled = Omit<EventRecord, 'seq'>;
type Seeded = Omit<TicketRecord, 'counterNumber'>;

/**
 * The journal of one seeded ticket, each event carrying the ticket as it was then (the engine's
 * own transitions, main/queue/engine.ts). `before` is the ticket as first served, for a transfer.
 */
function lifecycle(t: Seeded, before: Seeded, counterNumber: (id: number | null) => number | null): Journaled[] {
  const out: Journaled[] = [];
  const ticket = (x: Seeded): Ticket => ({
    id: x.id,
    serviceDay: x.serviceDay,
    number: x.number,
    fieldId: x.fieldId,
    priority: x.priority,
    source: x.source,
    status: x.status,
    issuedAt: x.issuedAt,
    calledAt: x.calledAt,
    servingAt: x.servingAt,
    finishedAt: x.finishedAt,
    counterId: x.counterId,
    counterNumber: counterNumber(x.counterId),
    targetCounterId: x.targetCounterId,
    callCount: x.callCount,
    transferCount: x.transferCount,
  });
  const add = (type: string, at: number, x: Seeded, counterId = x.counterId) =>
    out.push({
      at,
      type,
      ticketId: x.id,
      counterId,
      fieldId: x.fieldId,
      staffId: type === 'ticket:issued' ? null : x.staffId,
      deviceId: null,
      data: { ticket: ticket(x), waiting: {} },
    });
  const waiting: Seeded = {
    ...before,
    status: 'waiting',
    calledAt: null,
    firstCalledAt: null,
    servingAt: null,
    finishedAt: null,
    counterId: null,
    staffId: null,
    callCount: 0,
  };
  add('ticket:issued', t.issuedAt, waiting);
  if (t.status === 'cancelled') {
    add('ticket:cancelled', t.finishedAt!, t);
    return out;
  }
  const called: Seeded = { ...before, status: 'called', servingAt: null, finishedAt: null, callCount: 1 };
  add('ticket:called', before.firstCalledAt!, called);
  if (t.status === 'no_show') {
    add('ticket:recalled', before.firstCalledAt! + 30_000, { ...called, callCount: 2 });
    add('ticket:recalled', before.firstCalledAt! + 60_000, { ...called, callCount: 3 });
    add('ticket:no-show', t.finishedAt!, t);
    return out;
  }
  add('ticket:started', before.servingAt!, { ...before, status: 'serving', finishedAt: null });
  if (t.transferCount > 0) {
    const moved: Seeded = {
      ...before,
      status: 'waiting',
      fieldId: t.fieldId,
      servingAt: null,
      finishedAt: null,
      counterId: null,
      transferCount: 1,
    };
    add('ticket:transferred', before.finishedAt!, moved, before.counterId);
    add('ticket:called', t.calledAt!, { ...t, status: 'called', servingAt: null, finishedAt: null });
    add('ticket:started', t.servingAt!, { ...t, status: 'serving', finishedAt: null });
  }
  add('ticket:finished', t.finishedAt!, t);
  return out;
}

/** Seeds an empty database: the center, its staff and a year of tickets and ratings. */
export async function seedSampleYear(db: Db, opts: SampleYearOptions): Promise<SampleYearResult> {
  const rand = random(opts.seed ?? 20261122);
  const [adminHash, managerHash, officerHash] = await Promise.all([
    hashPassword('motcua-admin'),
    hashPassword('motcua-quanly'),
    hashPassword('motcua-canbo'),
  ]);
  const days: { day: string; load: number }[] = [];
  for (let i = 364; i >= 0; i--) {
    const day = shiftDay(opts.endDay, -i);
    const load = HOLIDAYS.has(day) ? 0 : WEEKDAY_LOAD[weekdayIndexOf(day)]! * MONTH_LOAD[Number(day.slice(5, 7)) - 1]!;
    if (load > 0) days.push({ day, load });
  }
  const totalLoad = days.reduce((a, d) => a + d.load, 0);

  const setup = db.transaction(() => {
    writeSettings(db, {
      ...defaultSettings,
      centerName: 'Trung tâm Phục vụ hành chính công tỉnh (dữ liệu một năm mẫu)',
      centerNameEn: 'Provincial Public Administration Service Center (sample year)',
      timezone: TZ,
    });
    const fields = FIELDS.map((f, i) =>
      insertField(db, {
        code: f.code,
        nameVi: f.nameVi,
        nameEn: f.nameEn,
        rangeStart: (i + 1) * 1000 + 1,
        rangeEnd: (i + 1) * 1000 + 999,
        dailyLimit: null,
        targetWaitMin: f.targetWaitMin,
        serviceMin: f.serviceMin,
        active: true,
        sortOrder: (i + 1) * 10,
      }),
    );
    let number = 1;
    const counterFields: number[] = [];
    COUNTERS_PER_FIELD.forEach((n, fi) => {
      for (let k = 0; k < n; k++, number++) {
        insertCounter(db, {
          number,
          nameVi: `Quầy số ${number}`,
          nameEn: `Counter ${number}`,
          active: true,
          fields: [{ fieldId: fields[fi]!.id, weight: 1 }],
        });
        counterFields.push(fi);
      }
    });
    insertStaff(db, { username: 'admin', fullName: 'Quản trị hệ thống', role: 'admin', active: true, passwordHash: adminHash }, Date.now());
    insertStaff(db, { username: 'quanly', fullName: 'Đỗ Minh Tuấn', role: 'manager', active: true, passwordHash: managerHash }, Date.now());
    const officers: number[] = [];
    for (let i = 0; i < OFFICERS; i++) {
      const fullName = `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 7) % MIDDLE.length]} ${GIVEN[i % GIVEN.length]}`;
      officers.push(
        insertStaff(
          db,
          { username: `canbo${String(i + 1).padStart(2, '0')}`, fullName, role: 'officer', active: true, passwordHash: officerHash },
          Date.now(),
        ).id,
      );
    }
    return { fields, counters: listCounters(db).map((c, i) => ({ id: c.id, number: c.number, field: counterFields[i]! })), officers };
  });
  const { fields, counters, officers } = setup.immediate();
  const countersOf = fields.map((_, fi) => counters.filter((c) => c.field === fi));
  const numberOf = new Map(counters.map((c) => [c.id, c.number]));
  const counterNumber = (id: number | null) => (id === null ? null : (numberOf.get(id) ?? null));
  const shares = FIELDS.map((f) => f.share);

  let prevHash = lastRatingHash(db) ?? GENESIS;
  let ticketCount = 0;
  let ratingCount = 0;
  let events = 0;
  const now = opts.now ?? Date.now();
  const writeDay = db.transaction((day: string, dayIndex: number, n: number) => {
    const saturday = weekdayIndexOf(day) === 5;
    const halfHours = saturday ? HALF_HOURS.map((w, i) => (i < 8 ? w : 0)) : HALF_HOURS;
    const peak = Math.max(...halfHours);
    const nextNumber = fields.map((f) => f.rangeStart);
    // Officers move to the next counter every week.
    const officerAt = (counter: (typeof counters)[number]) =>
      officers[(counters.indexOf(counter) + Math.floor(dayIndex / 5)) % officers.length]!;
    const journal: Journaled[] = [];
    const arrivals: { minute: number; fi: number }[] = [];
    for (let i = 0; i < n; i++) {
      const slot = pick(rand, halfHours);
      arrivals.push({ minute: 450 + slot * 30 + rand() * 30, fi: pick(rand, shares) });
    }
    arrivals.sort((a, b) => a.minute - b.minute);
    for (const { minute, fi } of arrivals) {
      if (nextNumber[fi]! > fields[fi]!.rangeEnd) continue; // the field's range is used up, as a daily limit would
      const field = fields[fi]!;
      const issuedAt = instantOf(day, Math.floor(minute), TZ) + Math.floor(rand() * 60_000);
      const load = halfHours[Math.floor((minute - 450) / 30)]! / peak;
      const waitMs = Math.round(logNormal(rand, 4 + 14 * load * load, 0.6) * 60_000);
      const serviceMs = Math.round(logNormal(rand, field.serviceMin, 0.45) * 60_000);
      const counterChoice = countersOf[fi]!;
      const counter = counterChoice[Math.floor(rand() * counterChoice.length)]!;
      const staffId = officerAt(counter);
      const r = rand();
      const firstCalledAt = issuedAt + waitMs;
      const base: Omit<TicketRecord, 'id' | 'counterNumber'> = {
        serviceDay: day,
        issueFieldId: field.id,
        number: nextNumber[fi]!++,
        fieldId: field.id,
        priority: rand() < 0.04,
        source: rand() < 0.12 ? 'scan' : 'kiosk',
        status: 'done',
        issuedAt,
        queuedAt: issuedAt,
        calledAt: firstCalledAt,
        firstCalledAt,
        servingAt: firstCalledAt + 40_000,
        finishedAt: firstCalledAt + 40_000 + serviceMs,
        counterId: counter.id,
        staffId,
        targetCounterId: null,
        callCount: 1,
        transferCount: 0,
        deviceId: null,
      };
      let t = base;
      if (r < 0.025) {
        t = {
          ...base,
          status: 'cancelled',
          calledAt: null,
          firstCalledAt: null,
          servingAt: null,
          finishedAt: issuedAt + Math.round(waitMs / 2),
          counterId: null,
          staffId: null,
          callCount: 0,
        };
      } else if (r < 0.085) {
        t = { ...base, status: 'no_show', servingAt: null, finishedAt: firstCalledAt + 90_000, callCount: 3 };
      } else if (r < 0.105 && fi !== FIELDS.length - 1) {
        // Sent on to result collection (or from land to construction) and served there.
        const toFi = fi === 1 ? 4 : FIELDS.length - 1;
        const toCounter = countersOf[toFi]![Math.floor(rand() * countersOf[toFi]!.length)]!;
        const calledAt = base.finishedAt! + Math.round(logNormal(rand, 6, 0.5) * 60_000);
        const servingAt = calledAt + 30_000;
        t = {
          ...base,
          fieldId: fields[toFi]!.id,
          calledAt,
          servingAt,
          counterId: toCounter.id,
          callCount: 2,
          transferCount: 1,
          finishedAt: servingAt + Math.round(logNormal(rand, fields[toFi]!.serviceMin, 0.45) * 60_000),
          staffId: officerAt(toCounter),
        };
      }
      const ticketId = insertTicket(db, t);
      ticketCount++;
      journal.push(...lifecycle({ ...t, id: ticketId }, { ...base, id: ticketId }, counterNumber));
      if (t.status === 'done' && rand() < 0.66) {
        const waitMin = waitMs / 60_000;
        const level = pick(rand, waitMin > 30 ? [30, 35, 20, 15] : waitMin > 15 ? [55, 32, 9, 4] : [74, 21, 4, 1]);
        const content = {
          ticketId,
          counterId: t.counterId,
          staffId: t.staffId,
          fieldId: t.fieldId,
          serviceDay: day,
          at: t.finishedAt! + 5_000 + Math.floor(rand() * 40_000),
          level: 4 - level,
          reasons:
            4 - level <= 2
              ? [['thoi-gian-cho'], ['thai-do'], ['huong-dan'], ['thoi-gian-cho', 'huong-dan'], []][Math.floor(rand() * 5)]!
              : [],
          comment: null,
        };
        const hash = ratingHash(prevHash, content);
        insertRating(db, { ...content, prevHash, hash });
        journal.push({
          at: content.at,
          type: 'rating:submitted',
          ticketId,
          counterId: t.counterId,
          fieldId: t.fieldId,
          staffId: t.staffId,
          deviceId: null,
          data: { ticketId, level: content.level },
        });
        prevHash = hash;
        ratingCount++;
      }
    }
    // The day's journal in the order things happened (a stable sort keeps each ticket's own order).
    // Only what has happened by now: a hub's time never goes below its journal's last event, so a
    // sample ending today leaves today's later events out (its tickets are there, as before).
    journal.sort((a, b) => a.at - b.at);
    for (const e of journal) {
      if (e.at > now) break;
      appendEvent(db, e);
      events++;
    }
  });
  days.forEach((d, i) => {
    writeDay.immediate(d.day, i, Math.round((opts.tickets * d.load) / totalLoad));
    opts.onProgress?.(i + 1, days.length);
  });
  return {
    tickets: ticketCount,
    ratings: ratingCount,
    events,
    days: days.length,
    firstDay: days[0]!.day,
    lastDay: days[days.length - 1]!.day,
  };
}
