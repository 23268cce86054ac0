/// <reference lib="dom" />
// The ticket page on a phone that loses the center's Wi-Fi and comes back, or sleeps and wakes
// (#22): it follows its ticket again at once, not a minute later. Between Chromium and the hub
// runs a small relay that plays the Wi-Fi: it can go silent (nothing passes either way, and
// neither end is told: the phone's socket looks open), or go down (connections fail) and come back.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAndHub, hasChromium, newPhoneContext } from '../helpers/browser.ts';

const maybe = hasChromium ? describe : describe.skip;
const env = browserAndHub();

/** The center's Wi-Fi between the phone (Chromium) and the hub. */
class Wifi {
  private readonly server: Server;
  private readonly pairs = new Set<{ phone: Socket; hub: Socket; socket?: boolean }>();
  private readonly hung: Socket[] = [];
  private up = true;

  constructor(hubUrl: string) {
    const hub = new URL(hubUrl);
    this.server = createServer((phone) => {
      if (!this.up) return phone.destroy();
      const pair: { phone: Socket; hub: Socket; socket?: boolean } = { phone, hub: connect(Number(hub.port), hub.hostname) };
      this.pairs.add(pair);
      phone.once('data', (first: Buffer) => (pair.socket = first.toString('latin1').startsWith('GET /ws')));
      phone.pipe(pair.hub);
      pair.hub.pipe(phone);
      const end = () => {
        this.pairs.delete(pair);
        phone.destroy();
        pair.hub.destroy();
      };
      for (const s of [phone, pair.hub]) s.on('close', end).on('error', end);
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  /**
   * Every open connection dies without a word: the hub's end is dropped (as its heartbeat would)
   * and the phone is not told. What the phone sends later on its WebSocket is lost (the worst
   * case: the page hears nothing, not even a reset); on its other connections it is answered
   * with a reset, as the hub's machine answers a connection it no longer knows.
   */
  silence(): void {
    for (const pair of this.pairs) {
      this.pairs.delete(pair);
      pair.phone.unpipe(pair.hub);
      pair.hub.unpipe(pair.phone);
      for (const s of [pair.phone, pair.hub])
        s.removeAllListeners('close')
          .removeAllListeners('error')
          .on('error', () => undefined);
      pair.hub.destroy();
      if (pair.socket) pair.phone.pause();
      else pair.phone.on('data', () => pair.phone.resetAndDestroy()).resume();
      this.hung.push(pair.phone);
    }
  }

  /** The Wi-Fi is lost and the phone knows it: its connections fail, and so does every new one. */
  down(): void {
    this.up = false;
    for (const pair of this.pairs) pair.phone.destroy();
  }

  back(): void {
    this.up = true;
  }

  close(): Promise<void> {
    for (const s of this.hung) s.destroy();
    for (const pair of this.pairs) pair.phone.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const status = (phone: Page) => phone.locator('#status').textContent();
/** Moves the page's paused clock on, a little at a time, letting the network answer in between. */
async function advance(phone: Page, ms: number): Promise<void> {
  for (let done = 0; done < ms; done += 500) {
    await phone.clock.runFor(500);
    await new Promise((r) => setTimeout(r, 20));
  }
}

maybe('the ticket page after a Wi-Fi drop or a sleep', () => {
  it('a socket gone silent is replaced, and a phone back on the Wi-Fi follows its ticket at once', async () => {
    const t = env.hub;
    const admin = await t.login('admin');
    const wifi = new Wifi(t.hub.url);
    const via = await wifi.listen();
    await t.api('settings:update', { ...(await t.api('settings:get', {}, admin)), phoneBaseUrl: via }, admin);
    const kiosk = await t.device('kiosk');
    const fieldId = await t.fieldId('TP');
    const ahead = await t.api('ticket:issue', { fieldId, priority: false }, kiosk);
    const mine = await t.api('ticket:issue', { fieldId, priority: false }, kiosk);
    const officer = await t.officerAt(1);
    const phoneContext = await newPhoneContext(env.browser);
    try {
      const phone = await phoneContext.newPage();
      await phone.clock.install();
      await phone.goto(mine.phoneUrl!);
      await expect.poll(() => status(phone)).toBe('Còn 1 người chờ trước Ông/Bà.');
      await expect.poll(() => phone.locator('#conn').textContent()).toBe('');
      // From here the page's timers move only when the test moves them (its minute's request is not reached).
      await phone.clock.pauseAt(Date.now() + 1_000);

      // 1. The connection dies without a word: the page's socket still looks open.
      wifi.silence();
      expect((await t.api('counter:call-next', {}, officer)).id).toBe(ahead.ticket.id);
      // Within 35 s the page has asked its socket, heard nothing in 10 s, and followed on a new
      // one: the line has moved (it waited for the next minute's request before).
      await advance(phone, 36_000);
      await expect.poll(() => status(phone), { timeout: 5_000 }).toBe('Ông/Bà là người tiếp theo.');

      // 2. The Wi-Fi is lost for a while; the page's socket retries and waits longer each time.
      await phoneContext.setOffline(true);
      wifi.down();
      await advance(phone, 15_000); // tries at 2, 6 and 14 s; the next at 30 s
      await expect.poll(() => phone.locator('#conn').textContent()).toBe('Mất kết nối với trung tâm — đang thử lại…');
      // Back: the browser says so, and the page asks at once (it waited for its next try, up to 32 s).
      wifi.back();
      await t.api('ticket:finish', { id: ahead.ticket.id }, officer);
      expect((await t.api('counter:call-next', {}, officer)).id).toBe(mine.ticket.id);
      await phoneContext.setOffline(false);
      await expect.poll(() => status(phone), { timeout: 5_000 }).toBe('Đến lượt Ông/Bà — mời đến quầy số 1');
      await expect.poll(() => phone.locator('#conn').textContent()).toBe('');
      // And it follows live again: the officer's next step reaches it without the page asking.
      await t.api('ticket:finish', { id: mine.ticket.id }, officer);
      await expect.poll(() => status(phone), { timeout: 5_000 }).toBe('Đã hoàn thành. Cảm ơn Ông/Bà!');
    } finally {
      await phoneContext.close();
      await wifi.close();
    }
  });
});
