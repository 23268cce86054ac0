// A hub stopped cleanly must start again on a disk that takes no writes (it filled overnight, or
// the file system went read-only, and someone restarted the PC in the morning): it serves its
// screens a page saying why and /api/health with the fault, refuses every request with
// STORAGE_UNAVAILABLE, and goes live by itself once the disk takes writes, losing nothing. The
// data folder is on a 16 MB tmpfs (ENOSPC) or an ext4 loop file system remounted read-only, as in
// disk.test.ts (tests/helpers/disks.ts); where the kernel refuses to mount, these tests say so and skip.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ApiError, createApiClient, errorCatalog, type ApiClient } from '../../main/contract/index.ts';
import { startFaultText } from '../../main/hub/startFaultText.ts';
import { spawnBuiltHub, spawnHub, waitExit, type HubChild } from '../helpers/child.ts';
import { ScratchDisks } from '../helpers/disks.ts';
import { hubUnderTest, startTestHub } from '../helpers/hub.ts';
import { take } from '../helpers/voiceTakes.ts';

const disks = new ScratchDisks('motcua-diskstart-');
const children: HubChild[] = [];

function startChild(dir: string): Promise<HubChild> {
  process.env.MOTCUA_KIOSK_ISSUE_LIMIT = 'off'; // the built hub inherits it
  return (hubUnderTest === 'bundle' ? spawnBuiltHub(dir) : spawnHub(dir, { kioskIssueLimit: 'off' })).then((c) => {
    children.push(c);
    return c;
  });
}

/** Stops a hub as a service manager does (SIGTERM) and waits for it to exit. */
async function stopCleanly(c: HubChild): Promise<void> {
  c.child.kill('SIGTERM');
  await waitExit(c.child);
  expect(c.child.exitCode).toBe(0);
}

interface Center {
  manager: string;
  kiosk: string;
  display: string;
  fieldId: number;
}

async function setUp(api: ApiClient): Promise<Center> {
  const admin = (await api('auth:login', { username: 'admin', password: 'motcua-admin' })).token;
  const manager = (await api('auth:login', { username: 'quanly', password: 'motcua-quanly' })).token;
  const pair = async (kind: 'kiosk' | 'display') =>
    (await api('device:pair', { code: (await api('devices:create', { kind, name: `${kind} test`, counterId: null }, admin)).code })).token;
  const kiosk = await pair('kiosk');
  const display = await pair('display');
  const counters = await api('counters:list', {}, admin);
  const fieldId = counters.find((c) => c.number === 1)!.fields[0]!.fieldId;
  return { manager, kiosk, display, fieldId };
}

/** Issues a ticket: 'issued' (recorded in `acknowledged`) or the refusal's code. */
async function issue(api: ApiClient, c: Center, acknowledged: Map<number, number>): Promise<string> {
  try {
    const r = await api('ticket:issue', { fieldId: c.fieldId, priority: false }, c.kiosk);
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
  if ('skip' in tmpfs) console.warn(`diskStart.test: SKIPPED the full-disk start: ${tmpfs.skip}`);
  if ('skip' in ext4) console.warn(`diskStart.test: SKIPPED the read-only disk start: ${ext4.skip}`);
});

/**
 * The hub, started on a disk that takes no writes: it listens, says why, refuses tickets; `heal`
 * gives the disk back and the same process goes live, with every ticket it had and the next number.
 */
async function startsOnABrokenDisk(dir: string, kind: 'full' | 'readonly', breakIt: () => void, heal: () => void): Promise<void> {
  const first = await startChild(dir);
  const api = createApiClient({ baseUrl: first.url });
  const c = await setUp(api);
  const acknowledged = new Map<number, number>();
  for (let i = 0; i < 5; i++) expect(await issue(api, c, acknowledged)).toBe('issued');
  await stopCleanly(first);

  breakIt();
  const hub = await startChild(dir); // the old hub exited here: "disk I/O error" at journal_mode = WAL
  const api2 = createApiClient({ baseUrl: hub.url });
  const health = await api2('hub:health', {}, c.manager);
  expect(health.ok).toBe(false);
  expect(health.detail!.database).toMatchObject({ writable: false, fault: { kind } });
  expect((await api2('hub:health', {})).ok).toBe(false);
  expect(await issue(api2, c, acknowledged)).toBe('STORAGE_UNAVAILABLE');
  // Every screen's page says why, in Vietnamese, and looks again by itself.
  for (const path of ['/kiosk', '/counter', '/manager', '/display/hall']) {
    const page = await fetch(`${hub.url}${path}`);
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(html).toContain(startFaultText.title.vi);
    expect(html).toContain(startFaultText.kind[kind].vi);
    expect(html).toMatch(/<meta http-equiv="refresh" content="\d+">/);
  }
  await new Promise((r) => setTimeout(r, 3000)); // a few of its looks at the disk
  expect(alive(hub)).toBe(true);
  expect(await issue(api2, c, acknowledged)).toBe('STORAGE_UNAVAILABLE');

  heal();
  await expect.poll(() => issue(api2, c, acknowledged), { timeout: 20_000, interval: 500 }).toBe('issued');
  expect(alive(hub)).toBe(true);
  expect((await api2('hub:health', {}, c.manager)).detail!.database).toMatchObject({ writable: true, fault: null });
  expect((await fetch(`${hub.url}/kiosk`)).status).toBe(200);
  // Nothing lost, nothing twice: every ticket is there, numbered one after another.
  const numbers = [...acknowledged.values()];
  expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
  for (const [id, number] of acknowledged) expect((await api2('ticket:get', { id }, c.kiosk)).ticket.number).toBe(number);
  expect((await api2('floor:get', {}, c.display)).fields.find((f) => f.fieldId === c.fieldId)!.waiting).toBe(acknowledged.size);

  await stopCleanly(hub);
  const again = await startChild(dir);
  const api3 = createApiClient({ baseUrl: again.url });
  for (const [id, number] of acknowledged) expect((await api3('ticket:get', { id }, c.kiosk)).ticket.number).toBe(number);
}

it('a hub stopped on a full disk starts, says why, refuses tickets, and goes live by itself once space is freed', async (ctx) => {
  if ('skip' in tmpfs) return ctx.skip();
  await startsOnABrokenDisk(join(tmpfs.dir, 'data'), 'full', tmpfs.fill, tmpfs.makeRoom);
}, 120_000);

it('a hub stopped on a disk that is now read-only starts, says why, refuses tickets, and goes live once it is remounted rw', async (ctx) => {
  if ('skip' in ext4) return ctx.skip();
  await startsOnABrokenDisk(join(ext4.dir, 'data'), 'readonly', ext4.remountReadOnly, ext4.remountReadWrite);
}, 120_000);

it('a new install on a disk that is read-only from the start waits, says why, and starts its center once the disk is remounted rw', async (ctx) => {
  // The data folder does not exist yet: Node's recursive mkdir called the read-only disk ENOENT,
  // which is no storage fault, and the hub exited with no screen at all.
  const disk = disks.ext4('ext4-new');
  if ('skip' in disk) return ctx.skip(disk.skip);
  disk.remountReadOnly();
  const hub = await startChild(join(disk.dir, 'motcua', 'data'));
  const api = createApiClient({ baseUrl: hub.url });
  expect(await api('hub:health', {}).then((h) => h.ok)).toBe(false);
  const page = await fetch(`${hub.url}/kiosk`);
  expect(page.status).toBe(503);
  const html = await page.text();
  expect(html).toContain(startFaultText.title.vi);
  expect(html).toContain(startFaultText.kind.readonly.vi);
  await new Promise((r) => setTimeout(r, 3500)); // a look at the disk or two
  expect(alive(hub)).toBe(true);

  disk.remountReadWrite();
  await expect.poll(() => fetch(`${hub.url}/kiosk`).then((r) => r.status), { timeout: 20_000, interval: 500 }).toBe(200);
  const c = await setUp(api);
  const acknowledged = new Map<number, number>();
  expect(await issue(api, c, acknowledged)).toBe('issued');
  expect(alive(hub)).toBe(true);
}, 60_000);

it('a clip saved while the disk refuses only the journal’s note: the manager is told the clip is saved, not the kiosk’s words', async (ctx) => {
  // The database on an ext4 that turns read-only; the voice folder on a tmpfs of its own that still
  // takes writes: the clip is written, the note that tells the screens is refused.
  const db = disks.ext4('ext4-voice');
  if ('skip' in db) return ctx.skip();
  const dir = join(db.dir, 'data');
  const voice = join(dir, 'voice');
  const voiceDisk = disks.mountTmpfs(voice, { size: '8m', mode: '0700' });
  if ('skip' in voiceDisk) return ctx.skip(voiceDisk.skip);
  const hub = await startTestHub({ dir });
  try {
    const manager = await hub.login('quanly');
    const wav = (text: string) => Buffer.from(take(text, { lead: 0.3, tail: 0.3, gainDb: -6 }).wav).toString('base64');
    await hub.api('voice-clips:save', { key: 'không', wav: wav('không') }, manager);

    db.triggerError();
    for (const [path, body] of [
      ['/api/config/voice-clips', { key: 'một', wav: wav('một') }],
      ['/api/config/voice-clips/delete', { key: 'không' }],
    ] as const) {
      const res = await fetch(`${hub.hub.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${manager}` },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as { error?: { code: string; message: string } };
      expect([path, res.status, json.error]).toEqual([
        path,
        503,
        { code: 'VOICE_CLIP_SAVED_NOT_ANNOUNCED', message: errorCatalog.VOICE_CLIP_SAVED_NOT_ANNOUNCED.vi, messageEn: expect.any(String) },
      ]);
    }
    expect(errorCatalog.VOICE_CLIP_SAVED_NOT_ANNOUNCED.vi).toContain('đã được lưu');
    // It was saved, as the manager was told: 'một' recorded, 'không' removed.
    const list = await hub.api('voice-clips:list', {}, manager);
    expect(list.clips.filter((c) => c.file).map((c) => c.key)).toEqual(['một']);
  } finally {
    await hub.close();
  }
}, 60_000);
