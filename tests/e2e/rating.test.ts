/// <reference lib="dom" />
// The rating tablet at a counter, in Chromium, against a real hub.
import { describe, expect, it } from 'vitest';
import { browserAndHub, hasChromium, screenshot } from '../helpers/browser.ts';

const maybe = hasChromium ? describe : describe.skip;
const env = browserAndHub({ width: 1280, height: 800 });

maybe('rating device', () => {
  it('an officer finishes → the tablet asks → the citizen rates with a reason → stored, chained, anonymous', async () => {
    const t = env.hub;
    const admin = await t.login('admin');
    const { code } = await t.api('devices:create', { kind: 'rating', name: 'Đánh giá quầy 1', counterId: await t.counterId(1) }, admin);
    const officer = await t.officerAt(1);
    const page = await env.ctx.newPage();
    await page.goto(`${t.hub.url}/rating/1#pair=${code}`);
    await expect.poll(() => page.getByTestId('rating-idle').textContent()).toContain('Nguyễn Thị Lan');
    await screenshot(page, 'rating-idle-1280x800');

    const kiosk = await t.device('kiosk');
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
    const c = await t.api('counter:call-next', {}, officer);
    await t.api('ticket:finish', { id: c.id }, officer);
    await page.getByTestId('rating-ask').waitFor();
    expect(await page.getByTestId('rating-ask').textContent()).toContain('Số thứ tự 1001');
    await screenshot(page, 'rating-ask-1280x800');
    await page.getByTestId('level-1').click();
    await page.getByTestId('reason-thoi-gian-cho').click();
    await screenshot(page, 'rating-reasons-1280x800');
    await page.getByTestId('send-rating').click();
    await page.getByTestId('rating-thanks').waitFor();

    await expect
      .poll(() => t.hub.db.prepare('SELECT level, reasons FROM ratings WHERE ticket_id = ?').get(c.id) as unknown)
      .toEqual({ level: 1, reasons: '["thoi-gian-cho"]' });
    expect(await t.api('ratings:verify', {}, admin)).toEqual({ ok: true, count: 1, firstBrokenId: null });
  });
});
