/// <reference lib="dom" />
// The manager's settings, statistics and first steps at a manager PC's size (issue #24 items 15,
// 16, 18, 19): sections that save on their own, targets a hand can hit, a Save that says why it
// waits, a sample call that shows it is playing. Debian's Chromium against a real hub.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAndHub, hasChromium, screenshot } from '../helpers/browser.ts';
import { RealClock, startTestHub } from '../helpers/hub.ts';
import { startHub } from '../../main/hub/hub.ts';
import { openDatabase } from '../../db/open.ts';
import { createApiClient } from '../../main/contract/index.ts';
import { seedSampleYear } from '../../tools/sampleYear.ts';

const maybe = hasChromium ? describe : describe.skip;
const env = browserAndHub({ width: 1366, height: 768 });

async function signIn(path: string, username: 'admin' | 'quanly' = 'admin'): Promise<Page> {
  const p = await env.ctx.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('close', () => expect(errors).toEqual([]));
  await p.goto(`${env.hub.hub.url}${path}`);
  await p.locator('input[name=username]').fill(username);
  await p.locator('input[name=password]').fill(username === 'admin' ? 'motcua-admin' : 'motcua-quanly');
  await p.getByRole('button', { name: 'Đăng nhập' }).click();
  await p.getByTestId('tab-floor').waitFor();
  return p;
}

maybe('manager settings at 1366×768', () => {
  it('each section saves on its own, right under its inputs; a change elsewhere waits for its own Save', async () => {
    const p = await signIn('/manager/settings');
    await p.getByTestId('section-center').waitFor();
    const sections = await p.locator('form.settings-section').evaluateAll((forms) =>
      forms.map((f) => ({
        id: f.getAttribute('data-testid'),
        height: f.getBoundingClientRect().height,
        saves: f.querySelectorAll('button[type=submit]').length,
      })),
    );
    expect(sections.length).toBeGreaterThanOrEqual(10);
    for (const s of sections) {
      expect(s.saves, `${s.id} has its own Save`).toBe(1);
      expect(s.height, `${s.id} fits about a screen and a half`).toBeLessThanOrEqual(1200);
    }
    await screenshot(p, 'manager-settings-sections-1366x768');

    const admin = await env.hub.login('admin');
    const before = await env.hub.api('settings:get', {}, admin);
    await p.locator('input[name=centerName]').fill('Trung tâm chưa lưu');
    await p.locator('input[name=hallNotice]').fill('Tạm nghỉ trưa 11:30–13:30');
    await p.getByTestId('section-voice').getByRole('button', { name: 'Lưu cài đặt' }).click();
    await p.getByTestId('section-voice').getByText('Đã lưu.').waitFor();
    const after = await env.hub.api('settings:get', {}, admin);
    expect(after.hallNotice).toBe('Tạm nghỉ trưa 11:30–13:30');
    expect(after.centerName).toBe(before.centerName);
    // The center's name is still typed in, and says it is not saved yet.
    expect(await p.locator('input[name=centerName]').inputValue()).toBe('Trung tâm chưa lưu');
    expect(await p.getByTestId('section-center').textContent()).toContain('Có thay đổi chưa lưu');
    await p.getByTestId('section-center').getByRole('button', { name: 'Lưu cài đặt' }).click();
    await expect.poll(async () => (await env.hub.api('settings:get', {}, admin)).centerName).toBe('Trung tâm chưa lưu');
    expect((await env.hub.api('settings:get', {}, admin)).hallNotice).toBe('Tạm nghỉ trưa 11:30–13:30');
  });

  it('every box, button and list is 24 px or more', async () => {
    const p = await signIn('/manager/settings');
    await p.locator('input[name=timezone]').waitFor();
    await p.locator('input[type=checkbox]').first().waitFor();
    const small = await p.evaluate(() =>
      [...document.querySelectorAll('.config input, .config button, .config select')]
        .map((e) => ({ e, r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.height > 0)
        .filter(({ r }) => r.width < 24 || r.height < 24)
        .map(({ e, r }) => `${e.outerHTML.slice(0, 80)} ${r.width}×${r.height}`),
    );
    expect(small).toEqual([]);
  });

  it('a Save that cannot be pressed says why beside it; "Nghe thử" says it is playing', async () => {
    const p = await signIn('/manager/settings');
    const template = p.locator('input[name=voiceTemplate]');
    await template.waitFor();
    await template.fill('Trân trọng kính mời công dân số {so} đến quầy {quay}');
    const save = p.getByTestId('section-voice').getByRole('button', { name: 'Lưu cài đặt' });
    await expect.poll(() => save.isDisabled()).toBe(true);
    const why = p.getByTestId('blocked-voice');
    expect(await why.textContent()).toContain('trân, trọng');
    const [b, w] = [await save.boundingBox(), await why.boundingBox()];
    expect(Math.abs(b!.y + b!.height / 2 - (w!.y + w!.height / 2)), 'the reason is beside the button').toBeLessThan(40);
    await save.scrollIntoViewIfNeeded();
    await screenshot(p, 'manager-settings-voice-blocked-1366x768');

    await template.fill('Xin mời công dân số {so} đến quầy {quay}');
    await expect.poll(() => save.isDisabled()).toBe(false);
    const listen = p.getByTestId('voice-listen');
    await listen.click();
    await expect.poll(() => listen.textContent()).toBe('Đang phát…');
    expect(await p.getByTestId('voice-playing').textContent()).toContain('Đang phát');
    await screenshot(p, 'manager-settings-voice-playing-1366x768');
    await expect.poll(() => listen.textContent(), { timeout: 20_000 }).toBe('Nghe thử');
  });

  it('statistics of a seeded year at 1440×900: exports at the top, heatmap counts with thousands separators and readable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-year-'));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const db = openDatabase(join(dir, 'motcua.db'));
    await seedSampleYear(db, { endDay: today, tickets: 40_000 });
    db.close();
    const hub = await startTestHub({ dir, clock: new RealClock() });
    const ctx = await env.browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1440, height: 900 } });
    try {
      const p = await ctx.newPage();
      await p.goto(`${hub.hub.url}/manager/stats`);
      await p.locator('input[name=username]').fill('quanly');
      await p.locator('input[name=password]').fill('motcua-quanly');
      await p.getByRole('button', { name: 'Đăng nhập' }).click();
      await p.getByTestId('preset-year').click();
      await expect.poll(() => p.locator('[data-testid=heatmap] td').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await expect.poll(() => p.getByTestId('kpi-issued').textContent(), { timeout: 30_000 }).toMatch(/\d\.\d{3}/);
      const exportAt = await p.getByTestId('export-xlsx').boundingBox();
      expect(exportAt!.y + exportAt!.height, 'the export is on the first screen').toBeLessThanOrEqual(900);
      await screenshot(p, 'manager-stats-year-1440x900');

      const cells = await p.locator('[data-testid=heatmap] td').evaluateAll((tds) => {
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const lum = ([r, g, b]: number[]) => {
          const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
          return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
        };
        return tds
          .filter((td) => td.textContent !== '')
          .map((td) => {
            const st = getComputedStyle(td);
            const [a, b] = [lum(rgb(st.color)), lum(rgb(st.backgroundColor))];
            return { text: td.textContent, contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
          });
      });
      expect(cells.length).toBeGreaterThan(20);
      const big = cells.filter((c) => Number(c.text.replace(/\./g, '')) >= 1000);
      expect(big.length, 'some hours of the year hold a thousand tickets or more').toBeGreaterThan(0);
      for (const c of big) expect(c.text).toMatch(/^\d{1,3}(\.\d{3})+$/);
      for (const c of cells) expect(c.contrast, `${c.text} is readable`).toBeGreaterThanOrEqual(4.5);
      await p.getByTestId('heatmap').scrollIntoViewIfNeeded();
      await screenshot(p, 'manager-stats-heatmap-1440x900');
    } finally {
      await ctx.close();
      await hub.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('dates read dd/mm/yyyy and times 24 h in a browser set to American English', async () => {
    const ctx = await env.browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1440, height: 900 } });
    try {
      const p = await ctx.newPage();
      await p.goto(`${env.hub.hub.url}/manager/appointments`);
      await p.locator('input[name=username]').fill('quanly');
      await p.locator('input[name=password]').fill('motcua-quanly');
      await p.getByRole('button', { name: 'Đăng nhập' }).click();
      const form = p.getByTestId('appointment-form');
      await form.waitFor();
      const dmy = /^\d{2}\/\d{2}\/\d{4}$/;
      expect(await form.locator('input[name=day]').inputValue()).toMatch(dmy);
      await form.locator('input[name=day]').fill('');
      await form.locator('input[name=day]').pressSequentially('31122026');
      expect(await form.locator('input[name=day]').inputValue()).toBe('31/12/2026');
      await form.locator('input[name=from]').fill('');
      await form.locator('input[name=from]').pressSequentially('1405');
      expect(await form.locator('input[name=from]').inputValue()).toBe('14:05');
      await form.locator('input[name=to]').fill('15:30');
      await form.locator('select[name=fieldId]').selectOption({ label: 'Đất đai' });
      await form.getByRole('button', { name: 'Tạo lịch hẹn' }).click();
      await p.getByTestId('appointment-qr').waitFor();
      const admin = await env.hub.login('admin');
      const booked = await env.hub.api('appointments:list', { day: '2026-12-31' }, admin);
      const hhmm = (ms: number) =>
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
      expect(booked.map((a) => [a.serviceDay, hhmm(a.startsAt), hhmm(a.endsAt)])).toEqual([['2026-12-31', '14:05', '15:30']]);
      await screenshot(p, 'manager-appointment-en-US-1440x900');

      // No native date or time input anywhere: they would follow the browser (12/31/2026, 2:05 PM).
      for (const [tab, ready] of [
        ['appointments', '[data-testid=appointment-form] input[name=day]'],
        ['audit', 'form input[name=from]'],
        ['stats', '.stats-controls input[name=from]'],
      ] as const) {
        await p.getByTestId(`tab-${tab}`).click();
        if (tab === 'stats') {
          await p.getByTestId('stats-period').waitFor();
          await p.getByTestId('preset-custom').click();
        }
        await p.locator(ready).waitFor();
        expect(await p.locator('input[type=date], input[type=time], input[type=datetime-local]').count(), tab).toBe(0);
      }
      const from = p.locator('.stats-controls input[name=from]');
      expect(await from.inputValue()).toMatch(dmy);
      await from.fill('01/03/2026');
      await p.locator('.stats-controls input[name=to]').fill('31/03/2026');
      // The period follows each input as it is read: wait for the second as well as the first.
      await expect.poll(() => p.getByTestId('stats-period').textContent()).toContain('01/03/2026');
      await expect.poll(() => p.getByTestId('stats-period').textContent()).toContain('31/03/2026');
      await screenshot(p, 'manager-stats-custom-en-US-1440x900');
    } finally {
      await ctx.close();
    }
  });

  it('after first-run setup the overview lists the next steps, each linked to its place and ticked when done', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-first-run-'));
    const hub = await startHub({ dataDir: dir, port: 0, host: '127.0.0.1', seedDemo: false, backupSchedule: false });
    const ctx = await env.browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1440, height: 900 } });
    try {
      const url = `http://127.0.0.1:${hub.port}`;
      const p = await ctx.newPage();
      await p.goto(`${url}/manager`);
      await p.locator('input[name=setupCode]').fill(hub.setupCode()!.match(/.{4}/g)!.join('-'));
      await p.locator('input[name=fullName]').fill('Nguyễn Thị Hằng');
      await p.locator('input[name=username]').fill('hang.nguyen');
      await p.locator('input[name=newPassword]').fill('mat-khau-cua-hang');
      await p.locator('input[name=newPasswordAgain]').fill('mat-khau-cua-hang');
      await p.getByRole('button', { name: 'Tạo tài khoản quản trị' }).click();
      const steps = p.getByTestId('next-steps');
      await steps.waitFor();
      const ids = ['center', 'hours', 'fields', 'counters', 'staff', 'devices', 'printer', 'phone'];
      for (const id of ids) expect(await steps.getByTestId(`step-${id}`).count(), id).toBe(1);
      const done = () => Promise.all(ids.map(async (id) => [id, await p.getByTestId(`step-${id}`).getAttribute('data-done')]));
      expect(Object.fromEntries(await done())).toMatchObject({
        center: 'false',
        fields: 'false',
        counters: 'false',
        staff: 'false',
        devices: 'false',
        printer: 'false',
        phone: 'false',
      });
      const box = await steps.boundingBox();
      expect(box!.y + box!.height, 'the steps are on the first screen').toBeLessThanOrEqual(900);
      await screenshot(p, 'manager-first-run-next-steps-1440x900');

      // Each step opens its place.
      await p.getByTestId('step-fields').getByRole('button').click();
      await expect.poll(() => p.getByTestId('tab-fields').getAttribute('class')).toContain('active');
      await p.getByTestId('tab-floor').click();
      await p.getByTestId('step-hours').getByRole('button').click();
      await p.getByTestId('section-hours').waitFor();
      await expect.poll(() => p.getByTestId('section-hours').evaluate((e) => Math.round(e.getBoundingClientRect().top))).toBeLessThan(200);

      // A field made elsewhere ticks its step live.
      const api = createApiClient({ baseUrl: url });
      const { token } = await api('auth:login', { username: 'hang.nguyen', password: 'mat-khau-cua-hang' });
      await api(
        'fields:create',
        {
          code: 'TP',
          nameVi: 'Tư pháp – Hộ tịch',
          nameEn: 'Justice',
          rangeStart: 1001,
          rangeEnd: 1999,
          dailyLimit: null,
          targetWaitMin: 20,
          serviceMin: 10,
          active: true,
          sortOrder: 1,
        },
        token,
      );
      await p.getByTestId('tab-floor').click();
      await expect.poll(() => p.getByTestId('step-fields').getAttribute('data-done'), { timeout: 10_000 }).toBe('true');
      expect(await p.getByTestId('next-steps-progress').textContent()).toMatch(/Đã xong \d\/8 bước/);
      await screenshot(p, 'manager-first-run-one-step-done-1440x900');
    } finally {
      await ctx.close();
      await hub.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
