// Ratings through the hub: who may rate what, once, and the hash chain that shows tampering.
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';
import { repoRoot } from '../helpers/child.ts';

let t: TestHub;
let kiosk: string;
let officer: string;
let rating1: string;
beforeEach(async () => {
  t = await startTestHub();
  kiosk = await t.device('kiosk');
  officer = await t.officerAt(1);
  rating1 = await t.device('rating', 1);
});
afterEach(async () => t.close());

async function served(): Promise<number> {
  await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
  const c = await t.api('counter:call-next', {}, officer);
  await t.api('ticket:finish', { id: c.id }, officer);
  return c.id;
}

describe('ratings', () => {
  it("the counter's rating device rates the ticket it just finished, once", async () => {
    const id = await served();
    await t.api('rating:submit', { ticketId: id, level: 1, reasons: ['thoi-gian-cho', 'thai-do'] }, rating1);
    expect(await errorCode(t.api('rating:submit', { ticketId: id, level: 4, reasons: [] }, rating1))).toBe('ALREADY_RATED');
    const row = t.hub.db.prepare('SELECT * FROM ratings WHERE ticket_id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({ level: 1, reasons: '["thai-do","thoi-gian-cho"]', service_day: '2026-11-23' });
    expect(Object.keys(row).sort()).toEqual([
      'at',
      'comment',
      'counter_id',
      'field_id',
      'hash',
      'id',
      'level',
      'prev_hash',
      'reasons',
      'service_day',
      'staff_id',
      'ticket_id',
    ]);
  });

  it("refuses another counter's device, an unfinished or stale ticket, unknown levels and reasons", async () => {
    const rating2 = await t.device('rating', 2);
    const id = await served();
    expect(await errorCode(t.api('rating:submit', { ticketId: id, level: 4, reasons: [] }, rating2))).toBe('TICKET_NOT_AT_COUNTER');
    expect(await errorCode(t.api('rating:submit', { ticketId: id, level: 7, reasons: [] }, rating1))).toBe('VALIDATION');
    expect(await errorCode(t.api('rating:submit', { ticketId: id, level: 4, reasons: ['gia-ca'] }, rating1))).toBe('VALIDATION');
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
    const open = await t.api('counter:call-next', {}, officer);
    expect(await errorCode(t.api('rating:submit', { ticketId: open.id, level: 4, reasons: [] }, rating1))).toBe('TICKET_WRONG_STATE');
    await t.api('rating:timeout', { ticketId: id }, rating1); // recorded as not rated
    await t.api('rating:timeout', { ticketId: id }, rating1); // said twice, recorded once
    t.clock.advance(11 * 60_000);
    expect(await errorCode(t.api('rating:submit', { ticketId: id, level: 4, reasons: [] }, rating1))).toBe('TICKET_WRONG_STATE');
    expect(await errorCode(t.api('rating:timeout', { ticketId: id }, rating1))).toBe('TICKET_WRONG_STATE');
    const events = (await t.api('journal:list', { since: 0, limit: 500 }, await t.login('admin'))).events;
    expect(events.filter((e) => e.type === 'rating:timed-out').map((e) => e.ticketId)).toEqual([id]);
  });

  it("the hash chain verifies, and names the first rating edited or removed behind the database's back", async () => {
    for (let i = 0; i < 6; i++) {
      const id = await served();
      await t.api('rating:submit', { ticketId: id, level: (i % 4) + 1, reasons: [] }, rating1);
    }
    const admin = await t.login('admin');
    expect(await t.api('ratings:verify', {}, admin)).toEqual({ ok: true, count: 6, firstBrokenId: null });
    await t.hub.journal.settled();
    const cli = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/verifyRatings.ts', '--data', t.dir], { cwd: repoRoot, encoding: 'utf8' });
    expect(cli()).toMatchObject({ status: 0 });

    // Appending only: the database itself refuses edits…
    expect(() => t.hub.db.prepare('UPDATE ratings SET level = 4 WHERE id = 3').run()).toThrow(/append-only/);
    // …so a tamperer drops the trigger first. The chain still tells.
    t.hub.db.exec('DROP TRIGGER ratings_no_update');
    t.hub.db.prepare('UPDATE ratings SET level = 4 WHERE id = 3').run();
    expect(await t.api('ratings:verify', {}, admin)).toEqual({ ok: false, count: 2, firstBrokenId: 3 });
    const out = cli();
    expect(out.status).toBe(1);
    expect(out.stdout).toContain('RATING CHAIN BROKEN at rating #3');
  });

  it('a removed rating breaks the link of the one after it', async () => {
    for (let i = 0; i < 4; i++) await t.api('rating:submit', { ticketId: await served(), level: 3, reasons: [] }, rating1);
    t.hub.db.exec('DROP TRIGGER ratings_no_delete');
    t.hub.db.prepare('DELETE FROM ratings WHERE id = 2').run();
    expect(await t.api('ratings:verify', {}, await t.login('admin'))).toEqual({ ok: false, count: 1, firstBrokenId: 3 });
  });
});

describe('comments in the chain', () => {
  it('a comment is hashed with its rating; a rating without one hashes as before comments existed', async () => {
    const { ratingHash, GENESIS } = await import('../../main/queue/ratings.ts');
    const { createHash } = await import('node:crypto');
    const base = { ticketId: 7, counterId: 1, staffId: 3, fieldId: 1, serviceDay: '2026-11-23', at: 1, level: 2, reasons: ['thai-do'] };
    const before = createHash('sha256')
      .update(GENESIS)
      .update('\n')
      .update(JSON.stringify([7, 1, 3, 1, '2026-11-23', 1, 2, ['thai-do']]))
      .digest('hex');
    expect(ratingHash(GENESIS, { ...base, comment: null })).toBe(before);
    expect(ratingHash(GENESIS, { ...base, comment: 'chờ lâu' })).not.toBe(before);
    expect(ratingHash(GENESIS, { ...base, comment: 'chờ lâu' })).not.toBe(ratingHash(GENESIS, { ...base, comment: 'rất tốt' }));
  });
});
