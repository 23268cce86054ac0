/// <reference lib="dom" />
// Officer finishes at the counter console → the rating tablet asks → the citizen taps → the
// manager's statistics (open on "today") change live, in three Chromium pages on a real hub.
import { describe, expect, it } from 'vitest';
import { browserAndHub, hasChromium, screenshot } from '../helpers/browser.ts';
import { RealClock, startTestHub } from '../helpers/hub.ts';
import { SmsGateway, sendThrough } from '../helpers/smsGateway.ts';
import { finishSms, markSmsSending, nextDueSms, queueSms, retrySms } from '../../db/sms.ts';

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

  it('shows the text messages of the period at 1366×768: sent, failed, unknown, following the outbox live', async () => {
    // This test's hub sends text messages through a gateway on loopback, its outbox looking for work every 20 ms.
    await env.hub.close();
    env.replaceHub(await startTestHub({ clock: new RealClock(), sms: { tickMs: 20, probeMs: 100 } }));
    const t = env.hub;
    const gw = await SmsGateway.start();
    try {
      await sendThrough(t, gw, await t.login('admin'));
      const kiosk = await t.device('kiosk');
      const issue = async (code: string) =>
        (await t.api('ticket:issue', { fieldId: await t.fieldId(code), priority: false }, kiosk)).ticket;
      const typed = '0987 654 321';
      // Through the gateway: one sent (TP), one handed over without a verdict (DD).
      await t.api('ticket:sms', { id: (await issue('TP')).id, phone: typed }, kiosk);
      await gw.until(1);
      gw.mode = 'drop';
      await t.api('ticket:sms', { id: (await issue('DD')).id, phone: typed }, kiosk);
      await gw.until(2);
      // A failure refused at each try takes four tries over seven minutes of the hub's time: this one
      // is written as the outbox writes it (refused, tried again three times, given up). Another
      // failed for good at its first try: too long for one message, never tried again.
      const dd = await issue('DD');
      const tooLong = await issue('DD');
      const day = dd.serviceDay;
      // (In one turn of this process, the hub's: its outbox never sees the messages queued.)
      expect(queueSms(t.hub.db, { ticketId: dd.id, serviceDay: day, kind: 'ahead', callNo: 0, text: 'x', at: Date.now() })).toBe(true);
      const queued = nextDueSms(t.hub.db, Date.now())!;
      expect(queued.ticketId).toBe(dd.id);
      for (let i = 0; i < 3; i++) {
        markSmsSending(t.hub.db, queued.id);
        retrySms(t.hub.db, queued.id, Date.now() + 3_600_000, 'rejected');
      }
      markSmsSending(t.hub.db, queued.id);
      finishSms(t.hub.db, queued.id, 'failed', Date.now(), 'rejected');
      expect(queueSms(t.hub.db, { ticketId: tooLong.id, serviceDay: day, kind: 'ahead', callNo: 0, text: 'x', at: Date.now() })).toBe(true);
      const long = nextDueSms(t.hub.db, Date.now())!;
      expect(long.ticketId).toBe(tooLong.id);
      markSmsSending(t.hub.db, long.id);
      finishSms(t.hub.db, long.id, 'failed', Date.now(), 'too-long');
      // The gateway has both texts; their verdicts are written a moment later.
      const quanly = await t.login('quanly');
      const counts = async () => (await t.api('stats:report', { preset: 'today' }, quanly)).sms?.summary;
      await expect
        .poll(counts, { timeout: 15_000 })
        .toMatchObject({ sent: 1, failed: 2, failedRefused: 1, failedNoRetry: 1, unknown: 1, pending: 0 });

      const page = await (
        await env.browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } })
      ).newPage();
      await page.goto(`${t.hub.url}/manager/stats`);
      await page.locator('input[name=username]').fill('quanly');
      await page.locator('input[name=password]').fill('motcua-quanly');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      const block = page.getByTestId('sms-stats');
      await expect.poll(() => block.textContent(), { timeout: 10_000 }).toContain('Tin nhắn SMS báo lượt');
      expect(await page.getByTestId('sms-sent').textContent()).toBe('Tin nhắn đã gửi1');
      // The two kinds of failure apart, each with what it means.
      expect(await page.getByTestId('sms-failed-refused').textContent()).toBe(
        'Gửi lỗi: bị từ chối1Modem hoặc cổng SMS từ chối mọi lần thử (tối đa 4 lần)',
      );
      expect(await page.getByTestId('sms-failed-no-retry').textContent()).toBe(
        'Gửi lỗi: không thử lại1Thường do tin dài quá một tin nhắn; không gửi lại',
      );
      expect(await page.getByTestId('sms-unknown').textContent()).toBe('Không rõ kết quả1Đã chuyển đi, không có xác nhận; không gửi lại');
      expect(await page.getByTestId('sms-by-field').textContent()).toContain('Đất đai');
      // A new message: counted with no reload, though its outcome is no journal event (the screen
      // looks again every 5 s while some wait, every 30 s otherwise).
      gw.mode = 'ok';
      await t.api('ticket:sms', { id: (await issue('TP')).id, phone: typed }, kiosk);
      await expect.poll(() => page.getByTestId('sms-sent').textContent(), { timeout: 45_000 }).toBe('Tin nhắn đã gửi2');
      await expect.poll(() => page.getByTestId('sms-other').textContent()).toContain('Đang chờ gửi: 0');
      expect(await page.getByTestId('stats').textContent()).not.toMatch(/987\D?654\D?321|654321/);
      // The CSV can be of the messages' table, as the figures have one.
      expect(await page.locator('select[aria-label] option[value=sms]').count()).toBe(1);
      await block.scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, -120));
      await screenshot(page, 'manager-stats-sms-1366x768');
      const box = await block.boundingBox();
      expect(box!.width).toBeLessThanOrEqual(1366);
      await page.context().close();
    } finally {
      await gw.stop();
    }
  }, 120_000);

  it('a center that does not send text messages has no SMS block, and no SMS table to export', async () => {
    const t = env.hub;
    const page = await (
      await env.browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } })
    ).newPage();
    await page.goto(`${t.hub.url}/manager/stats`);
    await page.locator('input[name=username]').fill('quanly');
    await page.locator('input[name=password]').fill('motcua-quanly');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('kpi-issued').waitFor();
    await page.getByTestId('stats-period').waitFor();
    expect(await page.getByTestId('sms-stats').count()).toBe(0);
    expect(await page.locator('select[aria-label] option[value=sms]').count()).toBe(0);
    await page.context().close();
  });
});
