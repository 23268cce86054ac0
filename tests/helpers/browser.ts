import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { RealClock, startTestHub, type TestHub } from './hub.ts';
import { repoRoot } from './child.ts';
import { defaultPrinterConfig } from '../../main/contract/index.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Debian's Chromium, headless, with nothing that reaches for the network on its own; `extra` for a suite's own needs (a fake microphone). */
export function launchChromium(extra: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
      ...extra,
    ],
  });
}

/** A citizen's phone (a 412×915 Android in Vietnamese, touch): where the ticket's QR is opened. */
export function newPhoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ locale: 'vi-VN', viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true });
}

export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
}

/**
 * One Chromium for the file, and for each test a fresh hub on the real clock and a fresh
 * browser context (Vietnamese locale, Hà Nội time). Read the current ones through the getters.
 */
export function browserAndHub(viewport?: { width: number; height: number }): {
  readonly browser: Browser;
  readonly hub: TestHub;
  readonly ctx: BrowserContext;
  replaceHub(t: TestHub): void;
} {
  let browser: Browser;
  let hub: TestHub;
  let ctx: BrowserContext;
  beforeAll(async () => {
    if (hasChromium) browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    if (!hasChromium) return;
    hub = await startTestHub({ clock: new RealClock() });
    ctx = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...(viewport ? { viewport } : {}) });
  });
  afterEach(async () => {
    if (!hasChromium) return;
    await ctx.close();
    await hub.close();
  });
  return {
    get browser() {
      return browser;
    },
    get hub() {
      return hub;
    },
    get ctx() {
      return ctx;
    },
    replaceHub(t: TestHub) {
      hub = t;
    },
  };
}

/**
 * A new kiosk paired in a page of this size (its printer on an emulator's port when given), opened
 * at /kiosk: the caller waits for what it needs to see.
 */
export async function openPairedKiosk(
  env: { readonly hub: TestHub; readonly ctx: BrowserContext },
  size: { width: number; height: number },
  printerPort?: number,
): Promise<Page> {
  const t = env.hub;
  const admin = await t.login('admin');
  const { code, device } = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk sảnh', counterId: null }, admin);
  if (printerPort !== undefined)
    await t.api('devices:set-printer', { id: device.id, printer: { ...defaultPrinterConfig, port: printerPort } }, admin);
  const page = await env.ctx.newPage();
  await page.setViewportSize(size);
  await page.goto(`${t.hub.url}/kiosk#pair=${code}`);
  return page;
}
