// A citizen's phone number (Nghị định 13/2023/NĐ-CP): shown back masked, never in a log, the
// journal, an export, a backup or the hub's database (which is all the province link reads and
// sends), and gone from its own file, byte for byte, once its day is over.
import { afterEach, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { ModemEmulator } from '../helpers/modem.ts';
import { ExportTable } from '../../main/contract/stats.ts';

const TYPED = '0987 654 321';
/** The number as any part of the hub could hold it: national, international, or as typed. */
const FORMS = ['0987654321', '987654321', '84987654321', '0987 654 321'];

let t: TestHub | null = null;
let emulator: ModemEmulator | null = null;
afterEach(async () => {
  await t?.close();
  await emulator?.stop();
  t = null;
  emulator = null;
});

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/** The forms of the number found in these bytes (as UTF-8 text and as UTF-16, as SQLite may store it). */
function numberIn(bytes: Buffer): string[] {
  return FORMS.filter((f) => bytes.includes(Buffer.from(f, 'utf8')) || bytes.includes(Buffer.from(f, 'utf16le')));
}

it('the number is shown masked, and is in no log, journal, export, backup or hub database; its own file loses it at day end', async () => {
  emulator = await ModemEmulator.start();
  t = await startTestHub({ sms: { tickMs: 20, probeMs: 100 } });
  const hub = t;
  const em = emulator;
  const admin = await hub.login('admin');
  const settings = await hub.api('settings:get', {}, admin);
  await hub.api(
    'settings:update',
    { ...settings, sms: { ...settings.sms, enabled: true, modemPath: em.path, aheadCount: 3, minIntervalSec: 0 } },
    admin,
  );
  const kiosk = await hub.device('kiosk');
  const ticket = (await hub.api('ticket:issue', { fieldId: await hub.fieldId('TP'), priority: false }, kiosk)).ticket;
  expect(await hub.api('ticket:sms', { id: ticket.id, phone: TYPED }, kiosk)).toEqual({ masked: '••• ••• 321', sendsNow: true });
  await em.until(() => em.sent.length === 1); // the 'ahead' text, before the call makes it moot
  const officer = await hub.officerAt(1);
  await hub.api('counter:call-next', {}, officer);
  await em.until(() => em.sent.length === 2);
  expect(em.sent.map((m) => m.to)).toEqual(['+84987654321', '+84987654321']); // the messages did go to it

  // What a manager can take away: the journal, an export of each table, a backup; and what health says.
  const journal = await hub.api('journal:list', { since: 0, limit: 1000 }, admin);
  expect(numberIn(Buffer.from(JSON.stringify(journal)))).toEqual([]);
  expect(numberIn(Buffer.from(JSON.stringify(await hub.api('hub:health', {}, admin))))).toEqual([]);
  for (const table of ExportTable.options) {
    // every table a manager can export, the 'sms' counts among them
    let s = await hub.api('stats:export', { preset: 'today', format: 'csv', table }, admin);
    while (s.state === 'running') s = await hub.api('stats:export-status', { id: s.id }, admin);
    const file = await hub.api('stats:export-file', { id: s.id }, admin);
    expect(numberIn(Buffer.from(file.base64, 'base64'))).toEqual([]);
  }
  await hub.api('backups:create', {}, admin);

  // The day ends: its numbers are deleted by the outbox's next step, without any ticket written.
  const numbersFile = join(hub.dir, 'sms-numbers.db');
  const held = () => {
    const db = new Database(numbersFile, { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM numbers').get() as { n: number }).n; // a COUNT row
    } finally {
      db.close();
    }
  };
  expect(held()).toBe(1);
  expect(numberIn(readFileSync(numbersFile))).not.toEqual([]); // the byte check below can find it
  hub.clock.advance(24 * 60 * 60_000);
  while (held() > 0) await new Promise((r) => setTimeout(r, 20));
  await hub.hub.close();

  expect(numberIn(readFileSync(numbersFile))).toEqual([]);
  expect(existsSync(`${numbersFile}-journal`)).toBe(false);
  const everything = filesUnder(hub.dir).filter((f) => statSync(f).isFile());
  expect(everything.some((f) => f.includes(`${join(hub.dir, 'logs')}`))).toBe(true);
  expect(everything.some((f) => f.includes(`${join(hub.dir, 'backups')}`))).toBe(true);
  const holding = everything.filter((f) => numberIn(readFileSync(f)).length > 0);
  expect(holding).toEqual([]);
});
