/// <reference lib="dom" />
// The province console in Debian's Chromium against a province server on a real PostgreSQL and a
// real hub on loopback: it updates live when the site calls a number; the hub shows its link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { createProvinceClient } from '../../main/contract/index.ts';
import { startProvince, type ProvinceServer } from '../../province/server.ts';
import { RealClock, startTestHub, type TestHub } from '../helpers/hub.ts';
import { hasChromium, launchChromium, screenshot } from '../helpers/browser.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const maybe = hasChromium && hasPostgres ? describe : describe.skip;
if (!hasChromium || !hasPostgres) console.warn('SKIPPED province console tests: Chromium or PostgreSQL is missing');

let browser: Browser;
let pgServer: TestPostgres;
let province: ProvinceServer;
let hub: TestHub;

beforeAll(async () => {
  if (!hasChromium || !hasPostgres) return;
  browser = await launchChromium();
  pgServer = await startPostgres();
  province = await startProvince({
    databaseUrl: await pgServer.database(`console_${process.pid}`),
    port: 0,
    host: '127.0.0.1',
    log: pino({ level: 'silent' }),
  });
  hub = await startTestHub({ clock: new RealClock(), provinceIdleMs: 200 });
});
afterAll(async () => {
  await hub?.close();
  await province?.close();
  await pgServer?.stop();
  await browser?.close();
});

maybe('the province console', () => {
  it('signs in, shows every site live, and follows a call at a site without a reload', async () => {
    const api = createProvinceClient({ baseUrl: province.url });
    const staff = (await api('province:login', { username: 'tinh', password: 'motcua-tinh' })).token;
    const { site, code } = await api('province:site-create', { name: 'Xã Hòa Bình', level: 'xa', district: 'Huyện Mỹ Hòa' }, staff);
    await api('province:site-create', { name: 'Chi nhánh Cẩm Phả', level: 'chi-nhanh', district: 'TP Cẩm Phả' }, staff);

    // The center's admin joins from the manager console.
    const ctx = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const manager = await ctx.newPage();
    await manager.setViewportSize({ width: 1366, height: 768 });
    await manager.goto(`${hub.hub.url}/manager/settings`);
    await manager.locator('input[name=username]').fill('admin');
    await manager.locator('input[name=password]').fill('motcua-admin');
    await manager.getByRole('button', { name: 'Đăng nhập' }).click();
    const card = manager.getByTestId('province-link');
    await card.waitFor();
    await card.locator('input[name=provinceUrl]').fill(province.url);
    await card.locator('input[name=provinceCode]').fill(code);
    await card.getByRole('button', { name: 'Kết nối' }).click();
    await expect.poll(() => card.getByTestId('link-backlog').textContent(), { timeout: 10_000 }).toBe('Đã gửi hết');
    await card.scrollIntoViewIfNeeded();
    await screenshot(manager, 'manager-province-link-1366x768');

    const kiosk = await hub.device('kiosk');
    for (let i = 0; i < 3; i++) await hub.api('ticket:issue', { fieldId: await hub.fieldId('TP'), priority: false }, kiosk);
    const officer = await hub.officerAt(1);

    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${province.url}/province`);
    await page.locator('input[name=username]').fill('tinh');
    await page.locator('input[name=password]').fill('motcua-tinh');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByTestId(`waiting-${site.id}`).textContent(), { timeout: 10_000 }).toBe('3');
    await screenshot(page, 'province-live-1920x1080');

    const t0 = Date.now();
    await hub.api('counter:call-next', {}, officer);
    await expect.poll(() => page.getByTestId(`waiting-${site.id}`).textContent(), { timeout: 2000, interval: 20 }).toBe('2');
    const ms = Date.now() - t0;
    expect(ms).toBeLessThan(2000);

    await page.getByTestId('ptab-reports').click();
    await page.getByTestId('province-ranking').waitFor();
    await page.getByTestId('province-ranking').locator('tbody tr').first().click();
    await page.getByTestId('province-detail').waitFor();
    expect(await page.getByTestId('province-detail').textContent()).toContain('Tư pháp – Hộ tịch');
    await screenshot(page, 'province-site-detail-1920x1080');
    await ctx.close();
  });
});
