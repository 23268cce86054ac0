// A full or failing disk under the data folder must not stop the center: the hub stays up, refuses
// new tickets with words a citizen understands, keeps serving the screens, tells the manager, and
// comes back by itself when space returns, with nothing it acknowledged lost. The data folder is
// on a file system this test can fill (tmpfs: ENOSPC) or break (ext4 on a loop device: EROFS), as
// root (tests/helpers/disks.ts); where the kernel refuses to mount, these tests say so and skip.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ApiError, createApiClient, errorCatalog, type ApiClient } from '../../main/contract/index.ts';
import { spawnBuiltHub, spawnHub, waitExit, type HubChild } from '../helpers/child.ts';
import { ScratchDisks } from '../helpers/disks.ts';
import { hubUnderTest, startTestHub } from '../helpers/hub.ts';

const disks = new ScratchDisks('motcua-disk-');
const children: HubChild[] = [];

function startChild(dir: string): Promise<HubChild> {
  process.env.MOTCUA_KIOSK_ISSUE_LIMIT = 'off'; // the built hub inherits it: one kiosk token presses fast
  return (hubUnderTest === 'bundle' ? spawnBuiltHub(dir) : spawnHub(dir, { kioskIssueLimit: 'off' })).then((c) => {
    children.push(c);
    return c;
  });
}

interface Center {
  api: ApiClient;
  manager: string;
  kiosk: string;
  display: string;
  officer: string;
  fieldId: number;
}

async function setUp(url: string): Promise<Center> {
  const api = createApiClient({ baseUrl: url });
  const admin = (await api('auth:login', { username: 'admin', password: 'motcua-admin' })).token;
  const manager = (await api('auth:login', { username: 'quanly', password: 'motcua-quanly' })).token;
  const pair = async (kind: 'kiosk' | 'display') =>
    (await api('device:pair', { code: (await api('devices:create', { kind, name: `${kind} test`, counterId: null }, admin)).code })).token;
  const kiosk = await pair('kiosk');
  const display = await pair('display');
  const counters = await api('counters:list', {}, admin);
  const officer = (await api('auth:login', { username: 'canbo1', password: 'motcua-canbo' })).token;
  await api('counter:open', { counterId: counters.find((c) => c.number === 1)!.id }, officer);
  const fieldId = counters.find((c) => c.number === 1)!.fields[0]!.fieldId;
  return { api, manager, kiosk, display, officer, fieldId };
}

/** Issues a ticket: its number if acknowledged, else the refusal's code (never a 5xx other than 503). */
async function issue(c: Center, acknowledged: Map<number, number>): Promise<string> {
  try {
    const r = await c.api('ticket:issue', { fieldId: c.fieldId, priority: false }, c.kiosk);
    acknowledged.set(r.ticket.id, r.ticket.number);
    return 'issued';
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.code === 'STORAGE_UNAVAILABLE') {
      expect(err.status).toBe(503);
      expect(err.messageVi).toBe(errorCatalog.STORAGE_UNAVAILABLE.vi);
    }
    return err.code;
  }
}

const alive = (c: HubChild) => c.child.exitCode === null && c.child.signalCode === null;

afterEach(async () => {
  for (const c of children.splice(0)) {
    if (alive(c)) c.child.kill('SIGKILL');
    await waitExit(c.child);
  }
});

afterAll(() => disks.removeAll());

let tmpfs: ReturnType<ScratchDisks['tmpfs']>;
let ext4: ReturnType<ScratchDisks['ext4']>;
beforeAll(() => {
  tmpfs = disks.tmpfs('tmpfs');
  ext4 = disks.ext4('ext4');
  if ('skip' in tmpfs) console.warn(`disk.test: SKIPPED the full-disk test: ${tmpfs.skip}`);
  if ('skip' in ext4) console.warn(`disk.test: SKIPPED the read-only disk test: ${ext4.skip}`);
});

it('a full disk: the hub stays up, refuses tickets in words for citizens, serves the screens, and resumes by itself losing nothing', async (ctx) => {
  if ('skip' in tmpfs) return ctx.skip();
  const dir = join(tmpfs.dir, 'data');
  const hub = await startChild(dir);
  const c = await setUp(hub.url);
  const acknowledged = new Map<number, number>();
  for (let i = 0; i < 20; i++) expect(await issue(c, acknowledged)).toBe('issued');
  expect((await c.api('hub:health', {}, c.manager)).detail!.database).toMatchObject({ writable: true });

  tmpfs.fill();
  // Kiosks keep pressing: each ticket is issued (a disk may still have room inside its files) or
  // refused with STORAGE_UNAVAILABLE; never a 500, and the hub never exits (its log writer meets
  // ENOSPC too: the hub logs each refused commit).
  const outcomes = new Map<string, number>();
  for (let i = 0; i < 60; i++) {
    const r = await issue(c, acknowledged);
    outcomes.set(r, (outcomes.get(r) ?? 0) + 1);
  }
  expect([...outcomes.keys()].filter((k) => k !== 'issued' && k !== 'STORAGE_UNAVAILABLE')).toEqual([]);
  expect(outcomes.get('STORAGE_UNAVAILABLE') ?? 0).toBeGreaterThan(0);
  expect(errorCatalog.STORAGE_UNAVAILABLE.vi).toContain('Ông/Bà');

  // Health says why, to the manager; the public answer says the hub is not well.
  await expect
    .poll(async () => (await c.api('hub:health', {}, c.manager)).detail!.database, { timeout: 10_000 })
    .toMatchObject({ writable: false, fault: { kind: 'full' } });
  expect((await c.api('hub:health', {})).ok).toBe(false);

  // What needs no write goes on: the hall display's floor, the officer's desk, the ticket lookups;
  // an officer's call is made if the disk takes it, else refused the same way.
  const floor = await c.api('floor:get', {}, c.display);
  expect(floor.fields.find((f) => f.fieldId === c.fieldId)!.waiting).toBeGreaterThanOrEqual(20);
  for (const id of [...acknowledged.keys()].slice(0, 5)) expect((await c.api('ticket:get', { id }, c.kiosk)).ticket.id).toBe(id);
  try {
    await c.api('counter:call-next', {}, c.officer);
  } catch (err) {
    expect((err as ApiError).code).toBe('STORAGE_UNAVAILABLE');
  }
  // A backup on the full disk just fails, leaving no partial file.
  await expect(c.api('backups:create', {}, c.manager)).rejects.toMatchObject({ code: 'BACKUP_FAILED' });
  expect(readdirSync(join(dir, 'backups')).filter((f) => f.endsWith('.db'))).toEqual([]);

  await new Promise((r) => setTimeout(r, 1500));
  expect(alive(hub)).toBe(true);
  expect(hub.output()).toMatch(/log file .* cannot be written \(ENOSPC\)/);

  // Space returns: the hub finds out by itself, tickets are issued again, the alert is gone.
  tmpfs.makeRoom();
  await expect
    .poll(async () => (await c.api('hub:health', {}, c.manager)).detail!.database, { timeout: 10_000 })
    .toMatchObject({ writable: true, fault: null });
  for (let i = 0; i < 5; i++) expect(await issue(c, acknowledged)).toBe('issued');
  await expect
    .poll(async () => (await c.api('floor:get', {}, c.manager)).alerts.filter((a) => a.kind === 'disk-fault'), { timeout: 10_000 })
    .toEqual([]);
  await c.api('backups:create', {}, c.manager);
  expect((await c.api('hub:health', {})).ok).toBe(true); // the failed backup made it unwell until this one

  // Nothing acknowledged was lost: the hub killed and started again has every ticket it answered for.
  hub.child.kill('SIGKILL');
  await waitExit(hub.child);
  const again = await startChild(dir);
  const api2 = createApiClient({ baseUrl: again.url });
  for (const [id, number] of acknowledged) expect((await api2('ticket:get', { id }, c.kiosk)).ticket.number).toBe(number);
}, 90_000);

it('a disk turned read-only mid-run: the hub stays up, refuses tickets, serves the screens and says why', async (ctx) => {
  if ('skip' in ext4) return ctx.skip();
  const dir = join(ext4.dir, 'data');
  const hub = await startChild(dir);
  const c = await setUp(hub.url);
  const acknowledged = new Map<number, number>();
  for (let i = 0; i < 10; i++) expect(await issue(c, acknowledged)).toBe('issued');

  ext4.triggerError();
  const outcomes = new Set<string>();
  for (let i = 0; i < 20; i++) outcomes.add(await issue(c, acknowledged));
  expect([...outcomes].filter((k) => k !== 'issued' && k !== 'STORAGE_UNAVAILABLE')).toEqual([]);
  expect(outcomes.has('STORAGE_UNAVAILABLE')).toBe(true);
  await expect
    .poll(async () => (await c.api('hub:health', {}, c.manager)).detail!.database, { timeout: 10_000 })
    .toMatchObject({ writable: false, fault: { kind: 'readonly' } });
  const floor = await c.api('floor:get', {}, c.display);
  expect(floor.fields.find((f) => f.fieldId === c.fieldId)!.waiting).toBeGreaterThanOrEqual(10);
  await expect(c.api('backups:create', {}, c.manager)).rejects.toMatchObject({ code: 'BACKUP_FAILED' });
  await new Promise((r) => setTimeout(r, 2500)); // a few of the storage watch's looks
  expect(alive(hub)).toBe(true);
  expect((await c.api('floor:get', {}, c.display)).head).toBeGreaterThan(0);
}, 60_000);

it('the data folder, the database with its -wal and -shm, backups and logs are the owner’s alone (700/600)', async (ctx) => {
  if (process.platform === 'win32') return ctx.skip();
  const dir = join(disks.root, 'private');
  mkdirSync(dir, { mode: 0o755 }); // as an older version left it
  const t = await startTestHub({ dir });
  try {
    const manager = await t.login('quanly');
    await t.api('backups:create', {}, manager);
    const fieldId = (await t.api('fields:list', {}, manager))[0]!.id;
    await t.api('ticket:issue', { fieldId, priority: false }, await t.device('kiosk'));
    const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
    expect(mode(dir)).toBe('700');
    for (const f of ['motcua.db', 'motcua.db-wal', 'motcua.db-shm']) expect([f, mode(join(dir, f))]).toEqual([f, '600']);
    expect(mode(join(dir, 'backups'))).toBe('700');
    const backups = readdirSync(join(dir, 'backups'));
    expect(backups.length).toBe(1);
    for (const f of backups) expect([f, mode(join(dir, 'backups', f))]).toEqual([f, '600']);
    expect(mode(join(dir, 'logs'))).toBe('700');
    const logs = readdirSync(join(dir, 'logs'));
    expect(logs.length).toBeGreaterThan(0);
    for (const f of logs) expect([f, mode(join(dir, 'logs', f))]).toEqual([f, '600']);
  } finally {
    await t.close();
  }
});
