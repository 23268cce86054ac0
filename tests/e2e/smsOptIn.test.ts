/// <reference lib="dom" />
// The kiosk's text-message opt-in (#26) in Debian's Chromium, portrait and landscape: after the
// ticket, one button and one sentence; the keypad over the screen, every key in view and large
// enough to touch; the number stored for the ticket, shown back only masked; the text goes out.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserAndHub, hasChromium, openPairedKiosk, screenshot } from '../helpers/browser.ts';
import { RealClock, startTestHub } from '../helpers/hub.ts';
import { ModemEmulator, textsThroughModem } from '../helpers/modem.ts';

const maybe = hasChromium ? describe : describe.skip;
const env = browserAndHub();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SMS on through the emulator, hours not enforced, the kiosk's idle time as given. */
function smsOn(emulator: ModemEmulator, kioskIdleSeconds?: number): Promise<void> {
  return textsThroughModem(env.hub, emulator.path, kioskIdleSeconds === undefined ? {} : { settings: { kioskIdleSeconds } });
}

/**
 * A fresh hub that asks its modem twice a second (30 s by default: an unplugging is seen at once),
 * texts on through the emulator, and the modem's state as health gives it.
 */
async function quickModemHub(emulator: ModemEmulator) {
  await env.hub.close();
  env.replaceHub(await startTestHub({ clock: new RealClock(), sms: { probeMs: 500 } }));
  await smsOn(emulator);
  const t = env.hub;
  const admin = await t.login('admin');
  return async () => (await t.api('hub:health', {}, admin)).detail?.sms;
}

/** A paired kiosk of this size with a ticket taken (large text first if asked) and the keypad open. */
async function keypadOpen(size: { width: number; height: number }, large = false): Promise<Page> {
  const kiosk = await openPairedKiosk(env, size);
  if (large) await kiosk.getByTestId('large-text').click();
  await kiosk.getByTestId('field-TP').click();
  await kiosk.getByTestId('ticket-number').waitFor();
  await kiosk.getByTestId('sms-open').click();
  await kiosk.getByTestId('sms-keypad').waitFor();
  return kiosk;
}

maybe('kiosk SMS opt-in', () => {
  it.each([
    [{ width: 1080, height: 1920 }, 'portrait'],
    [{ width: 1920, height: 1080 }, 'landscape'],
  ] as const)('a citizen leaves a number on the %s kiosk and gets the text', async (size, name) => {
    const emulator = await ModemEmulator.start();
    try {
      const t = env.hub;
      await smsOn(emulator);
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

  it('a citizen typing slowly keeps the keypad: each key is a touch for the idle time; one who walks away leaves home', async () => {
    const emulator = await ModemEmulator.start();
    try {
      await smsOn(emulator, 5);
      const kiosk = await keypadOpen({ width: 1080, height: 1920 });
      // One digit every 2 s, 12 s in all: more than twice the kiosk's 5 s idle time since the last
      // touch outside the keypad (the old keypad hid its touches, and the kiosk went home after 5 s).
      for (const d of '091234') {
        await sleep(2_000);
        await kiosk.getByTestId(`sms-key-${d}`).click({ timeout: 1_000 });
      }
      expect(await kiosk.getByTestId('sms-typed').textContent()).toBe('0912 34');
      await screenshot(kiosk, 'kiosk-sms-slow-typer-1080x1920');
      // Walked away: the kiosk's idle time applies, and the digits leave with the ticket screen.
      await kiosk.getByTestId('kiosk-heading').waitFor({ timeout: 8_000 });
      expect(await kiosk.getByTestId('sms-keypad').count()).toBe(0);
      expect((await kiosk.textContent('body')) ?? '').not.toContain('0912');
      await kiosk.close();
    } finally {
      await emulator.stop();
    }
  }, 40_000);

  it('a keypad left mid-number forgets the digits after 15 s, before the kiosk idle time ends', async () => {
    const emulator = await ModemEmulator.start();
    try {
      await smsOn(emulator, 120);
      const kiosk = await keypadOpen({ width: 1080, height: 1920 });
      for (const d of '0912') await kiosk.getByTestId(`sms-key-${d}`).click();
      await kiosk.getByTestId('sms-key-send').click();
      await kiosk.getByTestId('sms-error').waitFor();
      await sleep(10_000);
      await kiosk.getByTestId('sms-key-3').click(); // a touch starts the 15 s again
      await sleep(10_000);
      expect(await kiosk.getByTestId('sms-typed').textContent()).toBe('0912 3');
      await expect.poll(() => kiosk.getByTestId('sms-typed').textContent(), { timeout: 7_000 }).toBe('');
      expect(await kiosk.getByTestId('sms-error').count()).toBe(0);
      expect(await kiosk.getByTestId('sms-keypad').count()).toBe(1); // still the ticket screen, empty
      await kiosk.close();
    } finally {
      await emulator.stop();
    }
  }, 45_000);

  it('typing again clears the last error', async () => {
    const emulator = await ModemEmulator.start();
    try {
      await smsOn(emulator);
      const kiosk = await keypadOpen({ width: 1920, height: 1080 });
      for (const d of '0912') await kiosk.getByTestId(`sms-key-${d}`).click();
      await kiosk.getByTestId('sms-key-send').click();
      await kiosk.getByTestId('sms-error').waitFor();
      await kiosk.getByTestId('sms-key-3').click();
      expect(await kiosk.getByTestId('sms-error').count()).toBe(0);
      await kiosk.getByTestId('sms-key-send').click();
      await kiosk.getByTestId('sms-error').waitFor();
      await kiosk.getByTestId('sms-key-erase').click(); // erasing is typing too
      expect(await kiosk.getByTestId('sms-error').count()).toBe(0);
      for (const d of '345678') await kiosk.getByTestId(`sms-key-${d}`).click();
      expect(await kiosk.getByTestId('sms-typed').textContent()).toBe('0912 345 678');
      expect(await kiosk.getByTestId('sms-error').count()).toBe(0);
      await kiosk.getByTestId('sms-key-send').click(); // valid: saved
      await expect.poll(() => kiosk.getByTestId('sms-done').textContent()).toContain('••• ••• 678');
      await kiosk.close();
    } finally {
      await emulator.stop();
    }
  });

  it.each([
    [{ width: 1920, height: 1080 }, false],
    [{ width: 1920, height: 1080 }, true],
    [{ width: 1080, height: 1920 }, false],
    [{ width: 1080, height: 1920 }, true],
  ] as const)('at %o (large text: %s) every key stays inside the keypad panel, its words in the kiosk text size', async (size, large) => {
    const emulator = await ModemEmulator.start();
    try {
      await smsOn(emulator);
      const kiosk = await keypadOpen(size, large);
      await screenshot(kiosk, `kiosk-sms-keypad-${large ? 'large-' : ''}${size.width}x${size.height}`);
      const m = await kiosk.evaluate(() => {
        const panel = document.querySelector('[data-testid="sms-keypad-panel"]')!.getBoundingClientRect();
        const keys = [...document.querySelectorAll('[data-testid="sms-keypad"] button')].map((b) => ({
          text: b.textContent ?? '',
          ...b.getBoundingClientRect().toJSON(),
          font: parseFloat(getComputedStyle(b).fontSize),
        }));
        const kioskFont = parseFloat(getComputedStyle(document.querySelector('.kiosk')!).fontSize);
        return { panel: panel.toJSON(), keys, kioskFont };
      });
      expect(m.keys).toHaveLength(13);
      for (const k of m.keys) {
        expect(k.left, `${k.text} left of the panel`).toBeGreaterThanOrEqual(m.panel.left);
        expect(k.right, `${k.text} right of the panel`).toBeLessThanOrEqual(m.panel.right);
        expect(k.top, `${k.text} above the panel`).toBeGreaterThanOrEqual(m.panel.top);
        expect(k.bottom, `${k.text} below the panel`).toBeLessThanOrEqual(m.panel.bottom);
        expect(k.bottom, `${k.text} below the screen`).toBeLessThanOrEqual(size.height);
      }
      // The three columns are as wide as each other.
      const widths = m.keys.slice(0, 12).map((k) => Math.round(k.width));
      expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(1);
      // The words ("Xóa", "Đồng ý") follow the kiosk's text size: at least its size, not a fixed 24 px.
      for (const word of ['Xóa', 'Đồng ý']) {
        const key = m.keys.find((k) => k.text === word)!;
        expect(key.font, word).toBeGreaterThanOrEqual(m.kioskFont);
      }
      if (large) expect(m.kioskFont).toBeGreaterThan(30);
      await kiosk.close();
    } finally {
      await emulator.stop();
    }
  });

  it('a citizen who types the number after the modem failed is told it is kept and that texts are paused, not promised a text', async () => {
    const emulator = await ModemEmulator.start();
    try {
      const smsHealth = await quickModemHub(emulator);
      await expect.poll(async () => (await smsHealth())?.signal, { timeout: 10_000 }).not.toBeNull();
      const kiosk = await keypadOpen({ width: 1080, height: 1920 }); // offered while the modem worked

      await emulator.unplug();
      await expect.poll(async () => (await smsHealth())?.fault, { timeout: 10_000 }).not.toBeNull();
      for (const d of '0912345678') await kiosk.getByTestId(`sms-key-${d}`).click();
      await kiosk.getByTestId('sms-key-send').click();
      const done = kiosk.getByTestId('sms-done');
      await expect.poll(() => done.textContent(), { timeout: 10_000 }).toContain('tạm ngừng');
      const said = (await done.textContent()) ?? '';
      expect(said).toContain('Đã lưu số ••• ••• 678');
      expect(said).toContain('khi hoạt động trở lại trong ngày');
      expect(said).not.toContain('Sẽ nhắn tin'); // what the old kiosk said, with no modem to send
      await screenshot(kiosk, 'kiosk-sms-saved-modem-down-1080x1920');
      await kiosk.close();
    } finally {
      await emulator.stop();
    }
  });

  it('a kiosk opened while the modem worked offers no texts once it is unplugged', async () => {
    const emulator = await ModemEmulator.start();
    try {
      const smsHealth = await quickModemHub(emulator);
      const kiosk = await openPairedKiosk(env, { width: 1080, height: 1920 });
      await kiosk.getByTestId('field-TP').waitFor();
      await expect.poll(async () => (await smsHealth())?.signal, { timeout: 10_000 }).not.toBeNull();

      await emulator.unplug();
      await expect.poll(async () => (await smsHealth())?.fault, { timeout: 10_000 }).not.toBeNull();
      await kiosk.getByTestId('field-TP').click();
      await kiosk.getByTestId('ticket-number').waitFor();
      await kiosk.waitForTimeout(1_500); // the hub's word on SMS has had time to come
      expect(await kiosk.getByTestId('sms-offer').count()).toBe(0);
      expect((await kiosk.textContent('body')) ?? '').not.toContain('tin nhắn');
      await screenshot(kiosk, 'kiosk-sms-modem-unplugged-1080x1920');
      await kiosk.close();
    } finally {
      await emulator.stop();
    }
  });
});
