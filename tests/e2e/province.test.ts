/// <reference lib="dom" />
// The province console in Debian's Chromium against a province server on a real PostgreSQL and a
// real hub on loopback: it updates live when the site calls a number; the hub shows its link; the
// ranking says what it ranks by and opens a site by keyboard; a site's level and the report's
// heading are set in the console and reach the exported report; a viewer account is offered no
// admin action (sites, catalogue and settings read only, no accounts); on a province others reach, the
// demo password is replaced from another machine only with the code the server printed; a province
// without the demo account is set up in the console with its setup code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createProvinceClient } from '../../main/contract/index.ts';
import { startProvince, type ProvinceServer } from '../../province/server.ts';
import { errorCode, RealClock, startTestHub, type TestHub } from '../helpers/hub.ts';
import { hasChromium, launchChromium, screenshot } from '../helpers/browser.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const maybe = hasChromium && hasPostgres ? describe : describe.skip;
if (!hasChromium || !hasPostgres) console.warn('SKIPPED province console tests: Chromium or PostgreSQL is missing');

let browser: Browser;
let pgServer: TestPostgres;
let province: ProvinceServer;
let hub: TestHub;
/** The first test's console, signed in, for the ones after it. */
let ctx: BrowserContext;
let page: Page;
let siteId: number;

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
  await ctx?.close();
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
    siteId = site.id;
    ctx = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
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

    page = await ctx.newPage();
    // What the console's socket brings, to tell a live row from a reload or a re-read of the floor.
    const pushed: { id: number; waiting: number }[] = [];
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => {
        const m = JSON.parse(String(payload)) as { type: string; site?: { id: number; waiting: number } };
        if (m.type === 'site' && m.site) pushed.push(m.site);
      }),
    );
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${province.url}/province`);
    await page.locator('input[name=username]').fill('tinh');
    await page.locator('input[name=password]').fill('motcua-tinh');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByTestId(`waiting-${site.id}`).textContent(), { timeout: 10_000 }).toBe('3');
    await screenshot(page, 'province-live-1920x1080');

    // The call reaches the open console as the site's row over its socket: the same page, not reloaded.
    await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
    await hub.api('counter:call-next', {}, officer);
    await page.waitForFunction((id) => document.querySelector(`[data-testid="waiting-${id}"]`)?.textContent === '2', site.id);
    expect(pushed).toContainEqual(expect.objectContaining({ id: site.id, waiting: 2 }));
    expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);

    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'province-live-1366x768');
  });

  it('the ranking says what it ranks by, switches to the wait, and opens a site by keyboard (Tab, Enter) and back', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByTestId('ptab-reports').click();
    const ranking = page.getByTestId('province-ranking');
    await ranking.waitFor();
    expect(await page.getByTestId('ranking-caption').textContent()).toMatch(/^Xếp hạng theo chỉ số hài lòng/);
    // The site that called a number has a wait: the ranking can go by it, and says so.
    await page.locator('select[name=rankBy]').selectOption('waitP90');
    expect(await page.getByTestId('ranking-caption').textContent()).toMatch(/^Xếp hạng theo thời gian chờ P90/);
    expect(await ranking.locator('tbody tr').first().getAttribute('data-site')).toBe(String(siteId));
    await screenshot(page, 'province-ranking-1920x1080');

    // From the order's choice, Tab reaches the first site and Enter opens it.
    await page.locator('select[name=rankBy]').focus();
    await page.keyboard.press('Tab');
    const first = ranking.locator(`tr[data-site="${siteId}"] button`);
    expect(await first.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('province-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('Tư pháp – Hộ tịch');
    expect(await detail.locator('h2').evaluate((h) => h === document.activeElement)).toBe(true);
    await screenshot(page, 'province-site-detail-1920x1080');
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'province-site-detail-1366x768');

    // Back: the keyboard is where it left.
    await detail.getByRole('button', { name: 'Quay lại' }).focus();
    await page.keyboard.press('Enter');
    await ranking.waitFor();
    await expect.poll(() => first.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await page.getByTestId('ranking-caption').textContent()).toMatch(/^Xếp hạng theo thời gian chờ P90/);
    await screenshot(page, 'province-ranking-1366x768');
  });

  it("a site's level is changed in the console and the floor shows it", async () => {
    await page.getByTestId('ptab-sites').click();
    const level = page.getByLabel('Cấp của Xã Hòa Bình');
    await level.selectOption('chi-nhanh');
    await expect.poll(() => page.getByTestId('sites-message').textContent()).toBe('Đã đổi cấp của Xã Hòa Bình thành Chi nhánh.');
    await screenshot(page, 'province-sites-1366x768');
    const api = createProvinceClient({ baseUrl: province.url });
    const staff = (await api('province:login', { username: 'tinh', password: 'motcua-tinh' })).token;
    expect((await api('province:floor', {}, staff)).sites.find((s) => s.id === siteId)?.level).toBe('chi-nhanh');
    await page.getByTestId('ptab-live').click();
    expect(await page.locator(`[data-testid=province-sites] tr[data-site="${siteId}"]`).textContent()).toContain('Chi nhánh');
  });

  it("the report's heading set in the console is the exported report's", async () => {
    await page.getByTestId('ptab-settings').click();
    const form = page.getByTestId('report-settings');
    await form.locator('input[name=provinceName]').fill('Quảng Ninh');
    await form.locator('input[name=agency]').fill('UBND tỉnh Quảng Ninh');
    await form.locator('input[name=place]').fill('Hạ Long');
    await form.locator('input[name=signerTitle]').fill('Giám đốc');
    await form.locator('input[name=signerName]').fill('Nguyễn Thị Hương');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu.').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh');
    await screenshot(page, 'province-settings-1366x768');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'province-settings-1920x1080');

    await page.getByTestId('ptab-reports').click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất PDF' }).click()]);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(await file.path())), verbosity: 0 }).promise;
    const words: string[] = [];
    for (let p = 1; p <= doc.numPages; p++)
      for (const i of (await (await doc.getPage(p)).getTextContent()).items) if ('str' in i && i.str.trim()) words.push(i.str);
    const text = words.join(' ');
    for (const s of [
      'UBND TỈNH QUẢNG NINH',
      'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH QUẢNG NINH',
      'Hạ Long, ngày',
      'GIÁM ĐỐC',
      'Nguyễn Thị Hương',
    ])
      expect(text).toContain(s);
  });

  it('a viewer account sees the figures and reads the sites, catalogue and settings, with no admin action', async () => {
    const api = createProvinceClient({ baseUrl: province.url });
    const staff = (await api('province:login', { username: 'tinh', password: 'motcua-tinh' })).token;
    await api(
      'province:staff-create',
      { username: 'xem', fullName: 'Cán bộ Xem', role: 'province-viewer', password: 'xem-so-lieu-1' },
      staff,
    );
    await api('province:catalogue-publish', { fields: [{ code: 'TP', nameVi: 'Tư pháp', nameEn: 'Justice', targetWaitMin: 20 }] }, staff);
    const viewerCtx = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    try {
      const viewer = await viewerCtx.newPage();
      await viewer.setViewportSize({ width: 1366, height: 768 });
      await viewer.goto(`${province.url}/province`);
      await viewer.locator('input[name=username]').fill('xem');
      await viewer.locator('input[name=password]').fill('xem-so-lieu-1');
      await viewer.getByRole('button', { name: 'Đăng nhập' }).click();
      await viewer.getByTestId('read-only-note').waitFor();
      await viewer.getByTestId(`waiting-${siteId}`).waitFor();
      // The admin's console (the first test's) has the accounts; the viewer's has none.
      expect(await page.getByTestId('ptab-accounts').count()).toBe(1);
      expect(await viewer.getByTestId('ptab-accounts').count()).toBe(0);

      await viewer.getByTestId('ptab-sites').click();
      const list = viewer.getByTestId('site-list');
      await list.waitFor();
      expect(await list.locator(`tr[data-site="${siteId}"]`).textContent()).toContain('Xã Hòa Bình');
      expect(await viewer.getByTestId('site-form').count()).toBe(0);
      expect(await list.locator('select, button:not(.recovery-mark)').count()).toBe(0);

      await viewer.getByTestId('ptab-catalogue').click();
      const catalogue = viewer.getByTestId('catalogue');
      await catalogue.getByTestId('catalogue-read').getByText('Tư pháp').waitFor();
      expect(await catalogue.locator('input, button').count()).toBe(0);

      await viewer.getByTestId('ptab-settings').click();
      const form = viewer.getByTestId('report-settings');
      await expect.poll(() => form.locator('input[name=provinceName]').inputValue()).toBe('Quảng Ninh');
      expect(await form.locator('input:not([readonly])').count()).toBe(0);
      expect(await form.locator('button').count()).toBe(0);
      await screenshot(viewer, 'province-viewer-settings-1366x768');
    } finally {
      await viewerCtx.close();
    }
  });

  it('on a province others can reach, the demo password is changed at sign-in before the console opens', async () => {
    const open = await startProvince({
      databaseUrl: await pgServer.database(`console_open_${process.pid}`),
      port: 0,
      host: '0.0.0.0',
      log: pino({ level: 'silent' }),
    });
    const own = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
    try {
      const p = await own.newPage();
      await p.goto(`http://127.0.0.1:${open.port}/province`);
      await p.locator('input[name=username]').fill('tinh');
      await p.locator('input[name=password]').fill('motcua-tinh');
      await p.getByRole('button', { name: 'Đăng nhập' }).click();
      const change = p.getByTestId('province-must-change');
      await change.waitFor();
      await screenshot(p, 'province-must-change-1366x768');
      await change.locator('input[name=newPassword]').fill('mat-khau-tinh-rieng');
      await change.getByRole('button', { name: 'Đổi mật khẩu' }).click();
      await p.getByTestId('province-sites').waitFor();
      expect(await p.evaluate(() => localStorage.getItem('motcua.token.province'))).not.toBeNull();
      const api = createProvinceClient({ baseUrl: `http://127.0.0.1:${open.port}` });
      await api('province:login', { username: 'tinh', password: 'mat-khau-tinh-rieng' });
    } finally {
      await own.close();
      await open.close();
    }
  });

  it('from another machine, the forced change of the demo password asks for the code the server printed', async () => {
    // serverPcAddresses: [] — this browser on 127.0.0.1 is another machine, not the server PC.
    const open = await startProvince({
      databaseUrl: await pgServer.database(`console_claim_${process.pid}`),
      port: 0,
      host: '0.0.0.0',
      serverPcAddresses: [],
      log: pino({ level: 'silent' }),
    });
    const own = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
    try {
      await open.ready;
      const p = await own.newPage();
      await p.goto(`http://127.0.0.1:${open.port}/province`);
      await p.locator('input[name=username]').fill('tinh');
      await p.locator('input[name=password]').fill('motcua-tinh');
      await p.getByRole('button', { name: 'Đăng nhập' }).click();
      const change = p.getByTestId('province-must-change');
      await change.waitFor();
      expect(await change.textContent()).toContain('Mã thiết lập');
      await change.locator('input[name=newPassword]').fill('mat-khau-tinh-rieng');
      await change.getByRole('button', { name: 'Đổi mật khẩu' }).click();
      await change.getByText('Mã thiết lập không đúng').waitFor();
      await change.locator('input[name=setupCode]').fill('AAAA-BBBB-CCCC');
      await change.getByRole('button', { name: 'Đổi mật khẩu' }).click();
      await change.getByText('Mã thiết lập không đúng').waitFor();
      expect(await p.evaluate(() => localStorage.getItem('motcua.token.province'))).toBeNull();
      // As read from the server's console: in fours.
      await change.locator('input[name=setupCode]').fill(open.claimCode()!.match(/.{4}/g)!.join('-'));
      await screenshot(p, 'province-must-change-code-1366x768');
      await change.getByRole('button', { name: 'Đổi mật khẩu' }).click();
      await p.getByTestId('province-sites').waitFor();
      expect(await p.evaluate(() => localStorage.getItem('motcua.token.province'))).not.toBeNull();
      const api = createProvinceClient({ baseUrl: `http://127.0.0.1:${open.port}` });
      expect(await errorCode(api('province:login', { username: 'tinh', password: 'motcua-tinh' }))).toBe('BAD_CREDENTIALS');
      await api('province:login', { username: 'tinh', password: 'mat-khau-tinh-rieng' });
    } finally {
      await own.close();
      await open.close();
    }
  });

  it('a province started without the demo account is set up in the console with the setup code it printed', async () => {
    const empty = await startProvince({
      databaseUrl: await pgServer.database(`console_setup_${process.pid}`),
      port: 0,
      host: '0.0.0.0',
      serverPcAddresses: [],
      seedDemo: false,
      log: pino({ level: 'silent' }),
    });
    const own = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
    try {
      await empty.ready;
      const p = await own.newPage();
      await p.goto(`http://127.0.0.1:${empty.port}/province`);
      const setup = p.getByTestId('province-setup');
      await setup.waitFor();
      await setup.locator('input[name=setupCode]').fill('AAAA-BBBB-CCCC');
      await setup.locator('input[name=fullName]').fill('Nguyễn Văn Tỉnh');
      await setup.locator('input[name=username]').fill('giamdoc');
      await setup.locator('input[name=newPassword]').fill('mat-khau-giam-doc');
      await setup.getByRole('button', { name: 'Tạo tài khoản quản trị' }).click();
      await setup.getByText('Mã thiết lập không đúng').waitFor();
      await setup.locator('input[name=setupCode]').fill(empty.setupCode()!.match(/.{4}/g)!.join('-'));
      await screenshot(p, 'province-setup-1366x768');
      await setup.getByRole('button', { name: 'Tạo tài khoản quản trị' }).click();
      await p.getByTestId('province-sites').waitFor();
      const api = createProvinceClient({ baseUrl: `http://127.0.0.1:${empty.port}` });
      expect(await api('province:setup-status', {})).toEqual({ needed: false });
      expect((await api('province:login', { username: 'giamdoc', password: 'mat-khau-giam-doc' })).role).toBe('province-admin');
    } finally {
      await own.close();
      await empty.close();
    }
  });
});
