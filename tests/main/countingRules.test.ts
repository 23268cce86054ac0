// One set of counting rules for the center and the province (main/reports/countingRules.ts),
// checked without a database: any day of ticket events, counted the center's way (each ticket's
// final state summed by rollupDay and buildReport) and the province's way (each batch of events
// moving cells by applyBatch, the cells summed by the province's figures), gives the same figures
// in total, per field and per counter; the province's P90 is within one bucket of the exact one.
// And the sample year (npm run seed:year) goes through the journal: counted from its journal the
// province's way, it gives the center's own statistics.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JournalEvent as JournalEventSchema } from '../../main/contract/index.ts';
import { openDatabase } from '../../db/open.ts';
import { eventsAfter } from '../../db/events.ts';
import { seedSampleYear } from '../../tools/sampleYear.ts';
import { Journal } from '../../main/store/journal.ts';
import { SettingsStore } from '../../main/store/settings.ts';
import { journalSummaryStore, StatsService } from '../../main/reports/stats.ts';
import type { JournalEvent, StatsFigures, Ticket, ProvinceFigures } from '../../main/contract/index.ts';
import type { StatsTicketRow } from '../../db/stats.ts';
import { rollupDay } from '../../main/reports/rollup.ts';
import { buildReport } from '../../main/reports/figures.ts';
import {
  addContribution,
  bucketWidthMs,
  contributionOf,
  histQuantile,
  WAIT_EDGES_MIN,
  zeroCounts,
  type Counts,
  type TicketState,
} from '../../main/reports/countingRules.ts';
import { applyBatch } from '../../province/apply.ts';
import { addRow, breakdown, emptySum, figures } from '../../province/figures.ts';
import type { AggRow } from '../../province/db/reports.ts';

const DAY = '2026-11-23';
const MIDNIGHT = Date.parse('2026-11-22T17:00:00Z');
const MIN = 60_000;
const FIELDS = [1, 2, 3];
const COUNTERS = [1, 2];
const LEVELS = [0, 1, 2, 3, 4];
const SATISFIED = [4, 3];

type Op =
  | { op: 'issue'; field: number; dt: number }
  | { op: 'call'; t: number; counter: number; dt: number }
  | { op: 'recall' | 'start' | 'finish' | 'no-show' | 'reactivate' | 'cancel' | 'abandon'; t: number; dt: number }
  | { op: 'transfer'; t: number; field: number; dt: number }
  | { op: 'rate'; t: number; level: number; dt: number };

const dt = fc.integer({ min: 0, max: 25 * MIN });
const idx = fc.nat({ max: 40 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('issue' as const), field: fc.constantFrom(...FIELDS), dt }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('call' as const), t: idx, counter: fc.constantFrom(...COUNTERS), dt }) },
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constantFrom(
        'recall' as const,
        'start' as const,
        'finish' as const,
        'no-show' as const,
        'reactivate' as const,
        'cancel' as const,
        'abandon' as const,
      ),
      t: idx,
      dt,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('transfer' as const), t: idx, field: fc.constantFrom(...FIELDS), dt }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('rate' as const), t: idx, level: fc.constantFrom(...LEVELS), dt }) },
);

interface HubTicket extends Ticket {
  issueFieldId: number;
  firstCalledAt: number | null;
  staffId: number | null;
  level: number | null;
}

/**
 * A center's day as its engine runs it (main/queue/engine.ts): each operation allowed only in the
 * states the engine allows it, the journal event carrying the ticket as it went out.
 */
function simulate(ops: readonly Op[]): { events: JournalEvent[]; rows: StatsTicketRow[] } {
  const tickets: HubTicket[] = [];
  const events: JournalEvent[] = [];
  let now = MIDNIGHT + 7.5 * 60 * MIN;
  let seq = 0;
  const wire = (t: HubTicket): Ticket => {
    const { issueFieldId: _i, firstCalledAt: _f, staffId: _s, level: _l, ...ticket } = t;
    return ticket;
  };
  const journal = (type: string, t: HubTicket, counterId = t.counterId) =>
    events.push({
      seq: ++seq,
      at: now,
      type,
      ticketId: t.id,
      counterId,
      fieldId: t.fieldId,
      staffId: t.staffId,
      data: { ticket: wire(t), waiting: {} },
    } as JournalEvent);
  for (const o of ops) {
    now += o.dt;
    if (o.op === 'issue') {
      const id = tickets.length + 1;
      tickets.push({
        id,
        serviceDay: DAY,
        number: 1000 + id,
        fieldId: o.field,
        issueFieldId: o.field,
        priority: false,
        source: 'kiosk',
        status: 'waiting',
        issuedAt: now,
        calledAt: null,
        firstCalledAt: null,
        servingAt: null,
        finishedAt: null,
        counterId: null,
        counterNumber: null,
        targetCounterId: null,
        callCount: 0,
        transferCount: 0,
        staffId: null,
        level: null,
      });
      journal('ticket:issued', tickets[id - 1]!);
      continue;
    }
    const t = tickets[o.t % Math.max(1, tickets.length)];
    if (!t) continue;
    const s = t.status;
    switch (o.op) {
      case 'call':
        if (s !== 'waiting' && s !== 'no_show') continue;
        Object.assign(t, {
          status: 'called',
          calledAt: now,
          firstCalledAt: t.firstCalledAt ?? now,
          servingAt: null,
          counterId: o.counter,
          counterNumber: o.counter,
          staffId: 10 + o.counter,
          callCount: t.callCount + 1,
        });
        journal('ticket:called', t);
        break;
      case 'recall':
        if (s !== 'called') continue;
        t.callCount++;
        journal('ticket:recalled', t);
        break;
      case 'start':
        if (s !== 'called') continue;
        Object.assign(t, { status: 'serving', servingAt: now });
        journal('ticket:started', t);
        break;
      case 'finish':
        if (s !== 'called' && s !== 'serving') continue;
        Object.assign(t, { status: 'done', finishedAt: now });
        journal('ticket:finished', t);
        break;
      case 'no-show':
        if (s !== 'called') continue;
        Object.assign(t, { status: 'no_show', finishedAt: now });
        journal('ticket:no-show', t);
        break;
      case 'reactivate':
        if (s !== 'no_show') continue;
        Object.assign(t, { status: 'waiting', counterId: null, counterNumber: null, finishedAt: null });
        journal('ticket:reactivated', t);
        break;
      case 'abandon': {
        // The manager closes a counter its officer left: the ticket there goes back to its line.
        if (s !== 'called' && s !== 'serving') continue;
        const counterId = t.counterId;
        Object.assign(t, { status: 'waiting', counterId: null, counterNumber: null, servingAt: null });
        journal('ticket:reactivated', t, counterId);
        break;
      }
      case 'transfer': {
        if ((s !== 'called' && s !== 'serving') || o.field === t.fieldId) continue;
        const counterId = t.counterId;
        Object.assign(t, { status: 'waiting', fieldId: o.field, counterId: null, counterNumber: null, servingAt: null });
        t.transferCount++;
        journal('ticket:transferred', t, counterId);
        break;
      }
      case 'cancel':
        if (!['waiting', 'called', 'serving', 'no_show'].includes(s)) continue;
        Object.assign(t, { status: 'cancelled', finishedAt: now });
        journal('ticket:cancelled', t);
        break;
      case 'rate':
        if (s !== 'done' || t.level !== null) continue;
        t.level = o.level;
        events.push({
          seq: ++seq,
          at: now,
          type: 'rating:submitted',
          ticketId: t.id,
          counterId: t.counterId,
          fieldId: t.fieldId,
          staffId: null,
          data: { ticketId: t.id, level: o.level },
        });
        break;
    }
  }
  const rows: StatsTicketRow[] = tickets.map((t) => ({
    issueFieldId: t.issueFieldId,
    fieldId: t.fieldId,
    counterId: t.counterId,
    staffId: t.staffId,
    status: t.status,
    issuedAt: t.issuedAt,
    firstCalledAt: t.firstCalledAt,
    servingAt: t.servingAt,
    calledAt: t.calledAt,
    finishedAt: t.finishedAt,
    level: t.level,
    reasons: null,
  }));
  return { events, rows };
}

/** The center's way: final states, summed by the statistics' own functions. */
function centerReport(rows: StatsTicketRow[]) {
  return buildReport(
    rollupDay(DAY, MIDNIGHT, rows),
    {
      fields: FIELDS.map((id) => ({ id, code: `F${id}`, nameVi: `F${id}`, nameEn: `F${id}`, targetWaitMin: 15 })),
      staff: [],
      counters: COUNTERS.map((id) => ({ id, number: id, nameVi: `Q${id}`, nameEn: `C${id}` })),
      rating: { levels: LEVELS.map((value) => ({ value, vi: `${value}`, en: `${value}` })), reasons: [] },
      filter: {},
    },
    { preset: 'today', from: DAY, to: DAY, live: true, generatedAt: 0 },
  );
}

/** The province's way: batches of events move cells in memory, as ingest moves its aggregate rows. */
function provinceCells(events: JournalEvent[], cuts: readonly number[]) {
  const known = new Map<number, TicketState>();
  const groups = new Map<string, Counts>();
  const days = new Map<string, Counts>();
  const addInto = (m: Map<string, Counts>, k: string, d: Counts) => {
    const c = m.get(k) ?? zeroCounts();
    addRow(c, { ...d, siteId: 1, issueField: 0, fieldId: 0, counterId: 0 });
    m.set(k, c);
  };
  let from = 0;
  for (const to of [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b).concat(events.length)) {
    if (to <= from) continue;
    // Between batches the province has only what it stored: states re-read, as from the database.
    const stored = new Map([...known].map(([id, t]) => [id, { ...t }]));
    const { deltas } = applyBatch(stored, events.slice(from, to));
    for (const [id, t] of stored) known.set(id, t);
    for (const [k, d] of deltas.groups) addInto(groups, k, d);
    for (const [k, d] of deltas.days) addInto(days, k, d);
    from = to;
  }
  const rows: AggRow[] = [...groups].map(([k, c]) => {
    const [, issueField, fieldId, counterId] = k.split('|').map(Number);
    return { ...c, siteId: 1, issueField: issueField!, fieldId: fieldId!, counterId: counterId! };
  });
  return { rows, days, known };
}

function expectSame(p: ProvinceFigures, h: StatsFigures): void {
  expect({ issued: p.issued, served: p.served, noShow: p.noShow, cancelled: p.cancelled, ratings: p.ratings }).toEqual({
    issued: h.issued,
    served: h.served,
    noShow: h.noShow,
    cancelled: h.cancelled,
    ratings: h.ratings,
  });
  // The center rounds its averages to the millisecond.
  expect(p.waitAvgMs === null ? null : Math.round(p.waitAvgMs)).toBe(h.waitAvgMs);
  expect(p.serviceAvgMs === null ? null : Math.round(p.serviceAvgMs)).toBe(h.serviceAvgMs);
  expect(p.noShowRate === null).toBe(h.noShowRate === null);
  if (p.noShowRate !== null) expect(p.noShowRate).toBeCloseTo(h.noShowRate!, 12);
  expect(p.satisfactionIndex === null).toBe(h.satisfactionIndex === null);
  if (p.satisfactionIndex !== null) expect(p.satisfactionIndex).toBeCloseTo(h.satisfactionIndex!, 12);
  // P90 from the histogram: within the bucket of the exact one (the open last bucket reads as its edge).
  expect(p.waitP90Ms === null).toBe(h.waitP90Ms === null);
  if (h.waitP90Ms !== null) {
    const last = WAIT_EDGES_MIN[WAIT_EDGES_MIN.length - 1]! * MIN;
    if (h.waitP90Ms >= last) expect(p.waitP90Ms).toBe(last);
    else expect(Math.abs(p.waitP90Ms! - h.waitP90Ms)).toBeLessThanOrEqual(bucketWidthMs(h.waitP90Ms));
  }
}

const day = fc.record({ ops: fc.array(opArb, { minLength: 1, maxLength: 160 }), cuts: fc.array(fc.nat(), { maxLength: 12 }) });

describe('one set of counting rules', () => {
  it('any day of ticket events gives the same figures counted by the center and by the province, in total, per field and per counter', () => {
    fc.assert(
      fc.property(day, ({ ops, cuts }) => {
        const { events, rows } = simulate(ops);
        const center = centerReport(rows);
        const { rows: cells, days } = provinceCells(events, cuts);

        const total = emptySum();
        for (const c of days.values()) addRow(total, { ...c, siteId: 1, issueField: 0, fieldId: 0, counterId: 0 });
        expectSame(figures(total, SATISFIED), center.summary);
        // The per-day cells and the per-group cells hold the same tickets.
        const fromGroups = emptySum();
        for (const r of cells) addRow(fromGroups, r);
        expect(fromGroups).toEqual(total);

        const { byField, byCounter } = breakdown(cells);
        for (const f of center.byField) expectSame(figures(byField.get(f.fieldId) ?? emptySum(), SATISFIED), f);
        expect([...byField.keys()].filter((id) => (byField.get(id)?.issued ?? 0) > 0 || byField.get(id)!.served > 0).sort()).toEqual(
          center.byField
            .filter((f) => f.issued > 0 || f.served > 0)
            .map((f) => f.fieldId)
            .sort(),
        );
        for (const c of center.byCounter) expectSame(figures(byCounter.get(c.counterId) ?? emptySum(), SATISFIED), c);
      }),
      { numRuns: 300 },
    );
  });

  it('cells never go below zero, and a ticket taken out and put back leaves its cell as it was', () => {
    fc.assert(
      fc.property(day, ({ ops, cuts }) => {
        const { events } = simulate(ops);
        const { rows, days, known } = provinceCells(events, cuts);
        for (const c of [...rows, ...days.values()]) {
          for (const v of [c.issued, c.served, c.noShow, c.cancelled, c.waitN, c.waitMs, c.serviceN, c.serviceMs, ...c.levels, ...c.hist])
            expect(v).toBeGreaterThanOrEqual(0);
        }
        for (const t of known.values()) {
          const cell = zeroCounts();
          addContribution(cell, contributionOf(t), 1);
          addContribution(cell, contributionOf(t), -1);
          expect(cell).toEqual(zeroCounts());
        }
      }),
      { numRuns: 100 },
    );
  });

  it('the histogram quantile stays within the bucket of the exact nearest-rank quantile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 239 * MIN }), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (waits, q) => {
          const cell = zeroCounts();
          for (const w of waits) addContribution(cell, { waitMs: w, outcome: null, serviceMs: null, level: null });
          const sorted = [...waits].sort((a, b) => a - b);
          const exact = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
          expect(Math.abs(histQuantile(cell.hist, q)! - exact)).toBeLessThanOrEqual(bucketWidthMs(exact));
        },
      ),
    );
  });
});

describe('the sample year goes through the journal', () => {
  it('a seeded year has its journal, and the province counting that journal gets the statistics the center shows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-seed-journal-'));
    const db = openDatabase(join(dir, 'motcua.db'));
    try {
      const seeded = await seedSampleYear(db, { endDay: '2026-11-20', tickets: 2000 });
      // Each event as the contract checks it (zod's union is declared loosely: the journal's type is the precise one).
      const events = eventsAfter(db, 0, 1_000_000).map((e) => JournalEventSchema.parse(e) as JournalEvent);
      expect(events.length).toBe(seeded.events);
      expect(new Set(events.filter((e) => e.type === 'ticket:issued').map((e) => e.ticketId)).size).toBe(seeded.tickets);
      expect(events.filter((e) => e.type === 'rating:submitted').length).toBe(seeded.ratings);
      for (const type of ['ticket:called', 'ticket:started', 'ticket:finished', 'ticket:no-show', 'ticket:transferred', 'ticket:cancelled'])
        expect(events.some((e) => e.type === type)).toBe(true);
      // Written as work writes it: each day in the order things happened.
      for (let i = 1; i < events.length; i++)
        if (events[i]!.at < events[i - 1]!.at)
          expect(new Date(events[i]!.at).toISOString().slice(0, 10) > new Date(events[i - 1]!.at).toISOString().slice(0, 10)).toBe(true);

      const settings = new SettingsStore(db);
      const clock = () => Date.parse('2026-11-25T03:00:00Z');
      const stats = new StatsService(db, journalSummaryStore(db, new Journal(db, clock), clock), settings, clock);
      const center = await stats.report({ preset: 'custom', from: seeded.firstDay, to: seeded.lastDay });
      const satisfied = [...settings.get().rating.levels]
        .sort((a, b) => b.value - a.value)
        .slice(0, 2)
        .map((l) => l.value);
      const { rows, days } = provinceCells(events, [97, 500, 1234, 5000]);
      const total = emptySum();
      for (const c of days.values()) addRow(total, { ...c, siteId: 1, issueField: 0, fieldId: 0, counterId: 0 });
      expect(total.issued).toBe(seeded.tickets);
      expectSame(figures(total, satisfied), center.summary);
      const { byField, byCounter } = breakdown(rows);
      for (const f of center.byField) expectSame(figures(byField.get(f.fieldId) ?? emptySum(), satisfied), f);
      for (const c of center.byCounter) expectSame(figures(byCounter.get(c.counterId) ?? emptySum(), satisfied), c);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
