// What a stranger on the LAN can do to a hub (issue #22, items 6–8): bodies nested thousands deep,
// control characters in names, and the demo accounts of a hub that listens beyond loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiClient, type ServerMessage } from '../../main/contract/index.ts';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';
import { hubUnderTest } from '../helpers/hub.ts';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../helpers/child.ts';

const { startHub } = (
  hubUnderTest === 'bundle' ? await import(pathToFileURL(join(repoRoot, 'dist', 'hub.mjs')).href) : await import('../../main/hub/hub.ts')
) as typeof import('../../main/hub/hub.ts');

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
async function hub(): Promise<TestHub> {
  const t = await startTestHub();
  cleanup.push(() => t.close());
  return t;
}
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-exposure-'));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const nested = (depth: number) => '{"username":' + '['.repeat(depth) + '1' + ']'.repeat(depth) + ',"password":"x"}';

describe('6. deep JSON', () => {
  it('a body nested thousands deep is refused as invalid, unauthenticated, without a stack trace', async () => {
    const t = await hub();
    for (const depth of [40, 2_000, 5_000, 30_000]) {
      const res = await fetch(`${t.hub.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: nested(depth),
      });
      expect(res.status, `depth ${depth}`).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
    }
    // The hub is as it was: a sign-in works.
    expect((await t.api('auth:login', { username: 'admin', password: 'motcua-admin' })).token).toBeTruthy();
  });

  it('a socket message nested deep is refused the same way', async () => {
    const t = await hub();
    const ws = new WebSocket(t.hub.url.replace(/^http/, 'ws') + '/ws');
    const got: ServerMessage[] = [];
    ws.on('message', (d) => got.push(JSON.parse(d.toString()) as ServerMessage));
    await new Promise((r) => ws.once('open', r));
    ws.send('{"type":"subscribe","token":"x","topics":' + '['.repeat(5000) + ']'.repeat(5000) + '}');
    const end = Date.now() + 5000;
    while (got.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(got[0]).toMatchObject({ type: 'error', code: 'VALIDATION' });
    ws.terminate();
  });
});

describe('8. control characters in names', () => {
  it('a NUL or another control character is refused in every name, with the input named', async () => {
    const t = await hub();
    const admin = await t.login('admin');
    const settings = await t.api('settings:get', {}, admin);
    const refused = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (err) {
        return (err as { code: string; details?: { path: (string | number)[] }[] }).details?.map((d) => d.path.join('.'));
      }
      throw new Error('accepted');
    };
    expect(await refused(t.api('settings:update', { ...settings, centerName: 'Trung tâm\u0000 xã' }, admin))).toEqual(['centerName']);
    expect(await refused(t.api('settings:update', { ...settings, address: 'Số 1\nđường' }, admin))).toEqual(['address']);
    expect(
      await refused(t.api('settings:update', { ...settings, report: { ...settings.report, headName: 'Nguyễn\u0007' } }, admin)),
    ).toEqual(['report.headName']);
    // Line breaks stay where lines are meant.
    await t.api('settings:update', { ...settings, report: { ...settings.report, recipients: '- UBND tỉnh;\n- Lưu: VT.' } }, admin);
    const field = { code: 'NUL', nameVi: 'Đất\u0000đai', nameEn: 'Land', rangeStart: 7001, rangeEnd: 7999 };
    expect(
      await refused(
        t.api('fields:create', { ...field, dailyLimit: null, targetWaitMin: 20, serviceMin: 10, active: true, sortOrder: 70 }, admin),
      ),
    ).toEqual(['nameVi']);
    expect(await errorCode(t.api('devices:create', { kind: 'kiosk', name: 'Kiosk\u001b[31m', counterId: null }, admin))).toBe('VALIDATION');
    const officer = await t.officerAt(1);
    const kiosk = await t.device('kiosk');
    const ticket = await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
    await t.api('counter:call-next', {}, officer);
    expect(
      await errorCode(t.api('ticket:transfer', { id: ticket.ticket.id, fieldId: await t.fieldId('DD'), note: 'thiếu\u0000giấy' }, officer)),
    ).toBe('VALIDATION');
  });
});

describe('7. the demo on a hub the LAN reaches', () => {
  it('on the server PC itself a demo password is replaced without the code; health detail waits for a changed password', async () => {
    const dir = dataDir();
    const h = await startHub({ dataDir: dir, port: 0, host: '0.0.0.0', backupSchedule: false });
    cleanup.push(() => h.close());
    const api = createApiClient({ baseUrl: `http://127.0.0.1:${h.port}` });
    const { token } = await api('auth:login', { username: 'quanly', password: 'motcua-quanly' });
    // A demo-password session sees what anyone sees, not the manager's detail.
    expect(await api('hub:health', {}, token)).not.toHaveProperty('detail');
    await api('auth:change-password', { currentPassword: 'motcua-quanly', newPassword: 'mat-khau-rieng-9' }, token);
    expect(await api('hub:health', {}, token)).toHaveProperty('detail');
  });

  it('a session made while the hub listened on loopback may only change its password once the hub is reachable', async () => {
    const dir = dataDir();
    const local = await startHub({ dataDir: dir, port: 0, host: '127.0.0.1', backupSchedule: false });
    const api1 = createApiClient({ baseUrl: local.url });
    const { token, me } = await api1('auth:login', { username: 'admin', password: 'motcua-admin' });
    expect(me).toMatchObject({ mustChangePassword: false });
    expect(Array.isArray(await api1('fields:list', {}, token))).toBe(true);
    expect(await api1('hub:health', {}, token)).toHaveProperty('detail');
    await local.close();

    const exposed = await startHub({ dataDir: dir, port: 0, host: '0.0.0.0', backupSchedule: false, serverPcAddresses: [] });
    cleanup.push(() => exposed.close());
    const api2 = createApiClient({ baseUrl: `http://127.0.0.1:${exposed.port}` });
    expect(await errorCode(api2('fields:list', {}, token))).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(await api2('hub:health', {}, token)).not.toHaveProperty('detail');
    expect(await errorCode(api2('auth:change-password', { currentPassword: 'motcua-admin', newPassword: 'mat-khau-rieng-8' }, token))).toBe(
      'SETUP_CODE_INVALID',
    );
    await api2(
      'auth:change-password',
      { currentPassword: 'motcua-admin', newPassword: 'mat-khau-rieng-8', setupCode: exposed.claimCode()! },
      token,
    );
    expect(Array.isArray(await api2('fields:list', {}, token))).toBe(true);
  });
});
