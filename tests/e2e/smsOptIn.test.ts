/// <reference lib="dom" />
// The kiosk's text-message opt-in (#26) in Debian's Chromium, portrait and landscape: after the
// ticket, one button and one sentence; the keypad over the screen, every key in view and large
// enough to touch; the number stored for the ticket, shown back only masked; the text goes out.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { browserAndHub, hasChromium, openPairedKiosk, screenshot } from '../helpers/browser.ts';
import { ModemEmulator } from '../helpers/modem.ts';

const maybe = hasChromium ? describe : describe.skip;
const env = browserAndHub();

maybe('kiosk SMS opt-in', () => {
  it.each([
    [{ width: 1080, height: 1920 }, 'portrait'],
    [{ width: 1920, height: 1080 }, 'landscape'],
  ] as const)('a citizen leaves a number on the %s kiosk and gets the text', async (size, name) => {
    const emulator = await ModemEmulator.start();
    try {
      const t = env.hub;
      const admin = await t.login('admin');
      const settings = await t.api('settings:get', {}, admin);
      await t.api(
        'settings:update',
        {
          ...settings,
          openingHours: { ...settings.openingHours, enforced: false },
          sms: { ...settings.sms, enabled: true, modemPath: emulator.path, minIntervalSec: 0 },
        },
        admin,
      );
      const kiosk = await openPairedKiosk(env, size);
      await kiosk.getByTestId('field-TP').click();
      await kiosk.getByTestId('ticket-number').waitFor();
      const offer = kiosk.getByTestId('sms-offer');
      await expect.poll(() => offer.textContent()).toContain('chỉ dùng để nhắn tin báo lượt');
      await kiosk.getByTestId('sms-open').click();
      await kiosk.getByTestId('sms-keypad').waitFor();
      await screenshot(kiosk, `kiosk-sms-keypad-${name}-${size.width}x${size.height}`);

      // Every key inside the screen and at least 2 cm each way.
      const keys = await kiosk.evaluate(() =>
        [...document.querySelectorAll('[data-testid="sms-keypad"] button')].map((b) => ({
          text: b.textContent ?? '',
          ...b.getBoundingClientRect().toJSON(),
        })),
      );
      expect(keys).toHaveLength(13);
      const twoCm = (96 / 2.54) * 2 - 0.5;
      for (const k of keys) {
        expect(k.bottom, `${k.text} below the screen`).toBeLessThanOrEqual(size.height);
        expect(k.right, k.text).toBeLessThanOrEqual(size.width);
        expect(Math.min(k.width, k.height), `${k.text} too small to touch`).toBeGreaterThanOrEqual(twoCm);
      }

      // A wrong number is refused on the kiosk itself; then the real one.
      for (const d of '12345') await kiosk.getByTestId(`sms-key-${d}`).click();
      await kiosk.getByTestId('sms-key-send').click();
      await kiosk.getByTestId('sms-error').waitFor();
      for (let i = 0; i < 5; i++) await kiosk.getByTestId('sms-key-erase').click();
      for (const d of '0912345678') await kiosk.getByTestId(`sms-key-${d}`).click();
      expect(await kiosk.getByTestId('sms-typed').textContent()).toBe('0912 345 678');
      await kiosk.getByTestId('sms-key-send').click();
      await expect.poll(() => kiosk.getByTestId('sms-done').textContent()).toContain('••• ••• 678');
      const page = (await kiosk.textContent('body')) ?? '';
      expect(page).not.toContain('0912');
      expect(page).not.toContain('345');

      const numbers = new Database(join(t.dir, 'sms-numbers.db'), { readonly: true });
      expect(numbers.prepare('SELECT phone FROM numbers').all()).toEqual([{ phone: '0912345678' }]);
      numbers.close();
      await emulator.until(() => emulator.sent.length === 1);
      expect(emulator.sent[0]!.to).toBe('+84912345678');
      await kiosk.close();
    } finally {
      await emulator.stop();
    }
  });
});
