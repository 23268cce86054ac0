/// <reference lib="dom" />
// The ticket on the citizen's phone, in Chromium at a phone's size: opened from the ticket's
// link, live, and saying "Đến lượt Ông/Bà — mời đến quầy số N" with a vibration when called.
// The kiosk's ticket screen shows the same QR, so a failed print loses nothing.
import { describe, expect, it } from 'vitest';
import { browserAndHub, hasChromium, screenshot, newPhoneContext } from '../helpers/browser.ts';

const maybe = hasChromium ? describe : describe.skip;
const env = browserAndHub();

maybe('the ticket on the phone', () => {
  it('the kiosk shows the QR; the phone page follows the ticket live and announces the call', async () => {
    const t = env.hub;
    const admin = await t.login('admin');
    await t.api('settings:update', { ...(await t.api('settings:get', {}, admin)), phoneBaseUrl: t.hub.url }, admin);
    const other = await t.device('kiosk');
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, other);

    const { code } = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk', counterId: null }, admin);
    const kiosk = await env.ctx.newPage();
    await kiosk.setViewportSize({ width: 1080, height: 1920 });
    await kiosk.goto(`${t.hub.url}/kiosk#pair=${code}`);
    await kiosk.getByTestId('field-TP').click();
    const qr = kiosk.getByTestId('phone-qr');
    await qr.locator('img').waitFor();
    const url = await qr.getAttribute('data-url');
    expect(url).toMatch(new RegExp(`^${t.hub.url}/t/MC2\\.`));
    await screenshot(kiosk, 'kiosk-ticket-phone-qr-portrait-1080x1920');

    const phoneContext = await newPhoneContext(env.browser);
    try {
      const phone = await phoneContext.newPage();
      await phone.addInitScript(() => {
        (window as unknown as { vibrated: number[][] }).vibrated = [];
        navigator.vibrate = ((p: number | number[]) => {
          (window as unknown as { vibrated: number[][] }).vibrated.push(([] as number[]).concat(p));
          return true;
        }) as Navigator['vibrate'];
      });
      await phone.goto(url!);
      await expect.poll(() => phone.locator('#number').textContent()).toBe('1002');
      expect(await phone.locator('#status').textContent()).toBe('Còn 1 người chờ trước Ông/Bà.');
      expect(await phone.locator('#wait').textContent()).toContain('Chưa có quầy nào mở');
      await screenshot(phone, 'phone-ticket-waiting-412x915');

      const officer = await t.officerAt(1);
      await t.api('counter:call-next', {}, officer); // 1001: the line moves
      await expect.poll(() => phone.locator('#status').textContent(), { timeout: 10_000 }).toBe('Ông/Bà là người tiếp theo.');
      await t.api('ticket:finish', { id: (await t.api('counter:get', {}, officer)).current!.id }, officer);
      await t.api('counter:call-next', {}, officer); // 1002: this phone's ticket
      await expect.poll(() => phone.locator('#status').textContent(), { timeout: 10_000 }).toBe('Đến lượt Ông/Bà — mời đến quầy số 1');
      expect(await phone.evaluate(() => (window as unknown as { vibrated: number[][] }).vibrated.length)).toBe(1);
      await screenshot(phone, 'phone-ticket-called-412x915');

      await phone.locator('#lang').click();
      expect(await phone.locator('#status').textContent()).toBe('It is your turn — please go to counter 1');
      await phone.locator('#lang').click();

      // After service, the center asks for a rating on the phone too.
      const settings = await t.api('settings:get', {}, admin);
      await t.api('settings:update', { ...settings, rating: { ...settings.rating, onPhone: true } }, admin);
      const mine = (await t.api('counter:get', {}, officer)).current!;
      await t.api('ticket:finish', { id: mine.id }, officer);
      await expect.poll(() => phone.locator('#status').textContent(), { timeout: 10_000 }).toBe('Đã hoàn thành. Cảm ơn Ông/Bà!');
      await phone.locator('#levels button[data-level="4"]').click();
      await expect.poll(() => phone.locator('#rate-title').textContent()).toBe('Cảm ơn Ông/Bà đã đánh giá!');
      expect(t.hub.db.prepare('SELECT level FROM ratings WHERE ticket_id = ?').get(mine.id)).toEqual({ level: 4 });
      await screenshot(phone, 'phone-ticket-rated-412x915');
      // Only that ticket, and only a genuine code: a changed code is no ticket.
      await phone.goto(url!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
      await expect.poll(() => phone.locator('#status').textContent()).toBe('Không tìm thấy số thứ tự này.');
    } finally {
      await phoneContext.close();
    }
  });
});
