/// <reference lib="dom" />
// Officer finishes at the counter console → the rating tablet asks → the citizen taps → the
// manager's statistics (open on "today") change live, in three Chromium pages on a real hub.
import { describe, expect, it } from 'vitest';
import { browserAndHub, hasChromium, screenshot } from '../helpers/browser.ts';

const maybe = hasChromium ? describe : describe.skip;
const env = browserAndHub();

maybe('statistics end to end', () => {
  it("a rating given at the counter moves the manager's figures for today", async () => {
    const t = env.hub;
    const admin = await t.login('admin');
    const kiosk = await t.device('kiosk');
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);

    const manager = await (
      await env.browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1440, height: 900 } })
    ).newPage();
    await manager.goto(`${t.hub.url}/manager/stats`);
    await manager.locator('input[name=username]').fill('quanly');
    await manager.locator('input[name=password]').fill('motcua-quanly');
    await manager.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => manager.getByTestId('kpi-issued').textContent(), { timeout: 10_000 }).toContain('1');
    expect(await manager.getByTestId('kpi-ratings').textContent()).toContain('Lượt đánh giá0');
    expect(await manager.getByTestId('kpi-satisfaction').textContent()).toContain('—');

    const { code } = await t.api('devices:create', { kind: 'rating', name: 'Đánh giá quầy 1', counterId: await t.counterId(1) }, admin);
    const tablet = await env.ctx.newPage();
    await tablet.setViewportSize({ width: 1280, height: 800 });
    await tablet.goto(`${t.hub.url}/rating/1#pair=${code}`);

    const officer = await (
      await env.browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } })
    ).newPage();
    await officer.goto(`${t.hub.url}/counter`);
    await officer.locator('input[name=username]').fill('canbo1');
    await officer.locator('input[name=password]').fill('motcua-canbo');
    await officer.getByRole('button', { name: 'Đăng nhập' }).click();
    await officer.getByTestId('counter-1').click();
    await officer.getByTestId('action-call-next').click();
    await expect.poll(() => officer.getByTestId('current-number').textContent()).toBe('1001');
    await officer.getByTestId('action-start').click(); // a ticket is finished once its service has started
    await officer.getByTestId('action-finish').click();

    await tablet.getByTestId('rating-ask').waitFor();
    await tablet.getByTestId('level-4').click();
    await tablet.getByTestId('rating-thanks').waitFor();

    // No reload: the manager's screen follows the live stream.
    await expect.poll(() => manager.getByTestId('kpi-ratings').textContent(), { timeout: 10_000 }).toContain('Lượt đánh giá1');
    expect(await manager.getByTestId('kpi-satisfaction').textContent()).toContain('100%');
    expect(await manager.getByTestId('kpi-served').textContent()).toContain('Số lượt đã phục vụ1');
    expect(await manager.getByTestId('levels').textContent()).toContain('Rất hài lòng1');
    expect(await manager.getByTestId('by-officer').textContent()).toContain('Nguyễn Thị Lan');
    await screenshot(manager, 'manager-stats-today-1440x900');

    await manager.getByTestId('verify-ratings').click();
    await expect.poll(() => manager.getByTestId('verify-result').textContent()).toContain('Nguyên vẹn: 1 đánh giá');

    // An export from the screen: the progress ends with the file's name.
    await manager.getByTestId('export-xlsx').click();
    // A year's export runs in the worker thread; on a busy two-core machine it takes seconds.
    await expect
      .poll(() => manager.getByTestId('export-progress').textContent(), { timeout: 30_000 })
      .toMatch(/Đã tạo bao-cao_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx/);
    await officer.context().close();
    await manager.context().close();
  });
});
