/// <reference lib="dom" />
// A hub restored from a backup, in Debian's Chromium: the manager's province card says the two
// journals parted and were put right, and lists the tickets the province holds that this center
// lost, by the numbers citizens hold; the province console marks the site's row, and the mark opens
// (by keyboard) what happened and the same tickets.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ProvinceServer } from '../../province/server.ts';
import { RealClock, type TestHub } from '../helpers/hub.ts';
import { hasChromium, launchChromium, screenshot } from '../helpers/browser.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { caughtUp, joinSite, linkedHub, provinceApi, provinceOn, staffToken } from '../helpers/province.ts';

const maybe = hasChromium && hasPostgres ? describe : describe.skip;
if (!hasChromium || !hasPostgres) console.warn('SKIPPED province recovery card test: Chromium or PostgreSQL is missing');

let browser: Browser;
let pgServer: TestPostgres;
let province: ProvinceServer;
let hub: TestHub | undefined;
const dir = mkdtempSync(join(tmpdir(), 'motcua-card-'));

beforeAll(async () => {
  if (!hasChromium || !hasPostgres) return;
  browser = await launchChromium();
  pgServer = await startPostgres();
  province = await provinceOn(await pgServer.database(`card_${process.pid}`), new RealClock());
});
afterAll(async () => {
  await hub?.close();
  await province?.close();
  await pgServer?.stop();
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

maybe('the province card of a restored hub', () => {
  it('says what happened and which tickets the province holds that the center lost', async () => {
    const clock = new RealClock();
    hub = await linkedHub(clock, dir);
    const { siteId } = await joinSite(province, await staffToken(provinceApi(province)), 'Xã Sao Lưu', hub);
    const kiosk = await hub.device('kiosk');
    const issue = async (n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++)
        out.push((await hub!.api('ticket:issue', { fieldId: await hub!.fieldId('TP'), priority: false }, kiosk)).ticket.number);
      return out;
    };
    await issue(2);
    await caughtUp(hub);
    const backup = await hub.api('backups:create', {}, await hub.login('quanly'));
    const lost = await issue(3); // the province has these; the backup does not
    await caughtUp(hub);
    await hub.close();
    for (const f of ['motcua.db', 'motcua.db-wal', 'motcua.db-shm']) rmSync(join(dir, f), { force: true });
    copyFileSync(join(dir, 'backups', backup.file), join(dir, 'motcua.db'));
    hub = await linkedHub(clock, dir);
    const admin = await hub.login('admin');
    await expect
      .poll(async () => (await hub!.api('province-link:get', {}, admin)).recovery?.lostCount ?? null, { timeout: 20_000 })
      .toBe(3);

    const ctx = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    try {
      const page = await ctx.newPage();
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(`${hub.hub.url}/manager/settings`);
      await page.locator('input[name=username]').fill('quanly');
      await page.locator('input[name=password]').fill('motcua-quanly');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      const notice = page.getByTestId('link-recovery');
      await notice.waitFor();
      await expect.poll(() => notice.textContent()).toContain('giai đoạn nhật ký 2');
      const items = await page.getByTestId('link-lost-tickets').locator('li').allTextContents();
      expect(items.map((t) => Number(/số (\d+)/.exec(t)?.[1]))).toEqual(lost);
      expect(items.every((t) => t.includes('đang chờ'))).toBe(true);
      await notice.scrollIntoViewIfNeeded();
      await screenshot(page, 'manager-province-recovery-1366x768');

      // The province console: the site's row carries the mark, on the live table and the sites list.
      const prov = await ctx.newPage();
      await prov.setViewportSize({ width: 1366, height: 768 });
      await prov.goto(`${province.url}/province`);
      await prov.locator('input[name=username]').fill('tinh');
      await prov.locator('input[name=password]').fill('motcua-tinh');
      await prov.getByRole('button', { name: 'Đăng nhập' }).click();
      const mark = prov.getByTestId('province-sites').getByTestId(`recovery-${siteId}`);
      await mark.waitFor();
      expect(await mark.textContent()).toMatch(/^Đã khôi phục nhật ký · \d\d:\d\d \d\d\/\d\d$/);
      // By keyboard: the mark is a button, Enter opens what happened, Esc closes it back onto the mark.
      await mark.focus();
      await prov.keyboard.press('Enter');
      const dialog = prov.getByTestId('recovery-dialog');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('giai đoạn nhật ký 2');
      expect(await dialog.textContent()).toContain('Phiếu tỉnh còn giữ mà trung tâm đã mất: 3');
      const rows = await dialog.getByTestId('recovery-lost').locator('tbody tr').all();
      const lostRows = await Promise.all(rows.map(async (r) => (await r.locator('td').allTextContents()).map((x) => x.trim())));
      expect(lostRows.map((r) => Number(r[0]))).toEqual(lost);
      expect(lostRows.every((r) => r[2] === 'đang chờ')).toBe(true);
      await screenshot(prov, 'province-recovery-1366x768');
      await prov.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await mark.evaluate((el) => el === document.activeElement)).toBe(true);
      await prov.getByTestId('ptab-sites').click();
      await prov.getByTestId('site-list').getByTestId(`recovery-${siteId}`).waitFor();
    } finally {
      await ctx.close();
    }
  });
});

maybe('a hub joined again to a new site, in the province console', () => {
  it('the old site says where its journal went and shows its figures as moved; the new one says where it came from', async () => {
    const clock = new RealClock();
    const movingDir = mkdtempSync(join(tmpdir(), 'motcua-move-'));
    const moving = await linkedHub(clock, movingDir);
    const ctx = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    try {
      // The steps of recovery.test.ts's 'a hub joined again to a new site', on the real clock.
      const staff = await staffToken(provinceApi(province));
      const old = await joinSite(province, staff, 'Xã Cũ', moving);
      const kiosk = await moving.device('kiosk');
      const issue = async (n: number) => {
        for (let i = 0; i < n; i++) await moving.api('ticket:issue', { fieldId: await moving.fieldId('TP'), priority: false }, kiosk);
      };
      await issue(2);
      await caughtUp(moving);
      const moved = await joinSite(province, staff, 'Xã Mới', moving);
      await issue(1);
      await caughtUp(moving);

      const prov = await ctx.newPage();
      await prov.setViewportSize({ width: 1366, height: 768 });
      await prov.goto(`${province.url}/province`);
      await prov.locator('input[name=username]').fill('tinh');
      await prov.locator('input[name=password]').fill('motcua-tinh');
      await prov.getByRole('button', { name: 'Đăng nhập' }).click();
      const live = prov.getByTestId('province-sites');
      const from = live.getByTestId(`journal-move-${old.siteId}`);
      await from.waitFor();
      expect(await from.textContent()).toMatch(/^Đã chuyển sang điểm giao dịch Xã Mới · \d\d:\d\d \d\d\/\d\d$/);
      // Its figures are said to be counted elsewhere, not shown as a silent zero.
      expect(await live.getByTestId(`moved-figures-${old.siteId}`).textContent()).toBe('Số liệu đã chuyển, tính tại Xã Mới');
      expect(await live.getByTestId(`waiting-${old.siteId}`).count()).toBe(0);
      expect(await live.getByTestId(`journal-move-${moved.siteId}`).textContent()).toMatch(
        /^Nhận nhật ký từ điểm giao dịch Xã Cũ · \d\d:\d\d \d\d\/\d\d$/,
      );
      expect(await live.getByTestId(`waiting-${moved.siteId}`).textContent()).toBe('3');
      await screenshot(prov, 'province-journal-move-1366x768');
      await prov.getByTestId('ptab-sites').click();
      const list = prov.getByTestId('site-list');
      await list.waitFor();
      expect(await list.locator(`tr[data-site="${old.siteId}"]`).textContent()).toContain('Đã chuyển sang điểm giao dịch Xã Mới');
      expect(await list.locator(`tr[data-site="${moved.siteId}"]`).textContent()).toContain('Nhận nhật ký từ điểm giao dịch Xã Cũ');
      // English second.
      await prov.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => list.getByTestId(`journal-move-${old.siteId}`).textContent()).toMatch(/^Moved to the site Xã Mới · /);
    } finally {
      await ctx.close();
      await moving.close();
      rmSync(movingDir, { recursive: true, force: true });
    }
  });
});
