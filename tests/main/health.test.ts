// /api/health tells an operator what matters: the database, the last backup, the hub's print
// agents, the LED boards, each device's last contact. The public answer says only whether all is well.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { defaultPrinterConfig, DEVICE_STALE_MS } from '../../main/contract/index.ts';
import { PrinterEmulator } from '../../tools/printer/emulator.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let t: TestHub;
let emu: PrinterEmulator;
beforeEach(async () => {
  t = await startTestHub();
  emu = new PrinterEmulator(576);
});
afterEach(async () => {
  await t.close();
  await emu.close();
});

it('anyone learns whether the hub is well; managers learn why', async () => {
  const pub = await t.api('hub:health', {});
  expect(pub).toMatchObject({ ok: true, version: expect.any(String) });
  expect(pub.detail).toBeUndefined();
  const kioskToken = await t.device('kiosk');
  expect((await t.api('hub:health', {}, kioskToken)).detail).toBeUndefined();

  const admin = await t.login('admin');
  const port = await emu.listen();
  const created = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk sảnh', counterId: null }, admin);
  await t.api('devices:set-printer', { id: created.device.id, printer: { ...defaultPrinterConfig, port } }, admin);
  const kiosk = (await t.api('device:pair', { code: created.code })).token;
  expect((await t.api('hub:health', {}, admin)).detail!.devices.find((d) => d.id === created.device.id)).toMatchObject({
    lastSeenAt: t.clock.now,
    stale: false,
  });
  t.clock.advance(2 * 60_000);
  await t.api('center:get', {}, kiosk); // the kiosk speaks
  await t.api('backups:create', {}, admin);
  const manager = await t.login('quanly');
  await expect
    .poll(async () => (await t.api('hub:health', {}, manager)).detail?.printAgents.some((a) => a.deviceId === created.device.id), {
      timeout: 5000,
    })
    .toBe(true);
  const h = await t.api('hub:health', {}, manager);
  expect(h.ok).toBe(true);
  expect(h.detail!.database).toMatchObject({ writable: true, lastError: null });
  expect(h.detail!.database.freeBytes).toBeGreaterThan(0);
  expect(h.detail!.backup).toMatchObject({ ok: true });
  expect(h.detail!.printAgents.find((a) => a.deviceId === created.device.id)).toMatchObject({ alive: true });
  expect(h.detail!.ledBoards).toEqual({ configured: false, recentFailures: 0, lastFailure: null });
  const mine = h.detail!.devices.find((d) => d.id === created.device.id)!;
  expect(mine).toMatchObject({ kind: 'kiosk', name: 'Kiosk sảnh', stale: false });

  // Four minutes of silence from that kiosk: it is marked, the others that spoke are not.
  t.clock.advance(DEVICE_STALE_MS + 60_000);
  await t.api('floor:get', {}, kioskToken);
  const later = await t.api('hub:health', {}, manager);
  expect(later.detail!.devices.find((d) => d.id === created.device.id)!.stale).toBe(true);
  expect(later.detail!.devices.find((d) => d.name === 'kiosk test')!.stale).toBe(false);
  expect((await t.api('devices:list', {}, admin)).find((d) => d.id === created.device.id)!.lastSeenAt).toBe(mine.lastSeenAt);
});

it('a failed backup makes the hub unwell until a backup succeeds; outcomes are in the log', async () => {
  const admin = await t.login('admin');
  const { rmSync, writeFileSync, mkdirSync } = await import('node:fs');
  const dir = join(t.dir, 'backups');
  rmSync(dir, { recursive: true, force: true });
  writeFileSync(dir, 'x');
  await t.api('backups:create', {}, admin).catch(() => undefined);
  expect((await t.api('hub:health', {})).ok).toBe(false);
  rmSync(dir);
  mkdirSync(dir);
  await t.api('backups:create', {}, admin);
  expect((await t.api('hub:health', {})).ok).toBe(true);
  t.hub.log.flush();
  await expect
    .poll(
      () =>
        readdirSync(join(t.dir, 'logs'))
          .map((f) => readFileSync(join(t.dir, 'logs', f), 'utf8'))
          .join(''),
      { timeout: 5000 },
    )
    .toMatch(/backup failed[\s\S]*backup made/);
});
