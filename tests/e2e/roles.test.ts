/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The role apps in Debian's Chromium against a real hub on loopback.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { RealClock, startTestHub, type TestHub } from '../helpers/hub.ts';
import { hasChromium, launchChromium, screenshot, screenshotDir } from '../helpers/browser.ts';
import { PrinterEmulator } from '../../tools/printer/emulator.ts';
import { defaultPrinterConfig } from '../../main/contract/index.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const maybe = hasChromium ? describe : describe.skip;
if (!hasChromium) console.warn('SKIPPED browser tests: /usr/bin/chromium is missing (apt-get install -y chromium)');

let browser: Browser;
let t: TestHub;
let ctx: BrowserContext;

beforeAll(async () => {
  if (hasChromium) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  t = await startTestHub({ clock: new RealClock() });
  ctx = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
});
afterEach(async () => {
  for (const c of extraContexts) await c.close();
  extraContexts = [];
  await ctx.close();
  await t.close();
});

async function pairedKiosk(size = { width: 1080, height: 1920 }): Promise<Page> {
  const admin = await t.login('admin');
  const { code } = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk e2e', counterId: null }, admin);
  const page = await ctx.newPage();
  await page.setViewportSize(size);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${t.hub.url}/kiosk#pair=${code}`);
  await page.getByTestId('field-TP').waitFor();
  expect(errors).toEqual([]);
  return page;
}

let extraContexts: BrowserContext[] = [];

/** Each officer in a browser of their own: a console keeps its token in localStorage. */
async function officerConsole(username: string, counterNumber: number, size = { width: 1366, height: 768 }): Promise<Page> {
  const own = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  extraContexts.push(own);
  const page = await own.newPage();
  await page.setViewportSize(size);
  await page.goto(`${t.hub.url}/counter`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill('motcua-canbo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId(`counter-${counterNumber}`).click();
  await page.getByTestId('desk-title').waitFor();
  return page;
}

/** A manager's console signed in at 1366×768 (a manager PC), opened at `path`. */
async function managerConsole(path = '/manager', username: 'quanly' | 'admin' = 'quanly'): Promise<Page> {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${t.hub.url}${path}`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(username === 'admin' ? 'motcua-admin' : 'motcua-quanly');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  return page;
}

maybe('kiosk and counter console', () => {
  it('a citizen takes a ticket, an officer calls and finishes it, both screens follow live', async () => {
    const kiosk = await pairedKiosk();
    await screenshot(kiosk, 'kiosk-home-portrait-1080x1920');
    const officer = await officerConsole('canbo1', 1);
    await screenshot(officer, 'counter-desk-idle-1366x768');

    await kiosk.getByTestId('field-TP').click();
    await expect.poll(() => kiosk.getByTestId('ticket-number').textContent()).toBe('1001');
    await expect.poll(() => kiosk.getByTestId('print-status').textContent()).toContain('Ông/Bà vui lòng ghi nhớ số thứ tự 1001');
    await screenshot(kiosk, 'kiosk-ticket-portrait-1080x1920');

    // The officer's console sees the new ticket without a reload.
    await expect.poll(() => officer.getByTestId('waiting-list').textContent()).toContain('1001');
    // The first row is marked: it is the one "Gọi số tiếp" takes (tests/main/callOrder.test.ts for weights).
    expect(await officer.locator('[data-testid=waiting-list] tr.next-up').getAttribute('data-number')).toBe('1001');
    expect(await officer.locator('[data-testid=waiting-list] tr.next-up').textContent()).toContain('Tiếp theo');
    await officer.keyboard.press('n'); // shortcut: call next
    await expect.poll(() => officer.getByTestId('current-number').textContent()).toBe('1001');
    // A duration says it is one: "0 phút 01 giây", never a clock-like "0:01".
    expect(await officer.getByTestId('timer').textContent()).toMatch(/^\d+ phút \d\d giây$/);
    await screenshot(officer, 'counter-desk-called-1366x768');

    // The kiosk's waiting count drops live as well.
    await kiosk.getByRole('button', { name: 'Xong' }).click();
    await expect.poll(() => kiosk.getByTestId('field-TP').textContent()).toContain('Đang chờ: 0');

    await officer.getByTestId('action-start').click();
    await expect.poll(() => officer.getByTestId('current').textContent()).toContain('Đang phục vụ');
    await officer.getByTestId('action-finish').click();
    await expect.poll(() => officer.getByTestId('current').textContent()).toContain('Chưa gọi số nào');
    const admin = await t.login('admin');
    const ticket = (await t.api('journal:list', { since: 0, limit: 500 }, admin)).events.filter((e) => e.type === 'ticket:finished');
    expect(ticket).toHaveLength(1);
  });

  it('screens apply events instead of asking again: the kiosk sends nothing while the hall moves, a button press costs the console two requests', async () => {
    const kiosk = await pairedKiosk();
    const officer = await officerConsole('canbo1', 1);
    const requests = (page: Page) => {
      const seen: string[] = [];
      page.on('request', (r) => {
        const path = new URL(r.url()).pathname;
        if (path.startsWith('/api/')) seen.push(`${r.method()} ${path}`);
      });
      return seen;
    };
    const fromKiosk = requests(kiosk);
    const other = await t.device('kiosk');
    for (let i = 0; i < 3; i++) await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, other);
    await expect.poll(() => kiosk.getByTestId('field-TP').textContent()).toContain('Đang chờ: 3');
    await expect.poll(() => officer.getByTestId('waiting-list').textContent()).toContain('1003');
    // Let the refreshes the three issues set off finish: what is counted next is the key press alone.
    await new Promise((r) => setTimeout(r, 1000));

    const fromConsole = requests(officer);
    await officer.keyboard.press('n');
    await expect.poll(() => officer.getByTestId('current-number').textContent()).toBe('1001');
    await expect.poll(() => kiosk.getByTestId('field-TP').textContent()).toContain('Đang chờ: 2');
    await new Promise((r) => setTimeout(r, 500)); // anything the event would still set off
    expect(fromKiosk).toEqual([]);
    expect(fromConsole).toEqual(['POST /api/counter/call-next', 'GET /api/counter']);
  });

  it('double-pressing call next calls exactly one ticket', async () => {
    const admin = await t.login('admin');
    const kiosk = await t.device('kiosk');
    for (let i = 0; i < 3; i++) await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
    const officer = await officerConsole('canbo1', 1);
    await officer.getByTestId('action-call-next').dblclick();
    await officer.keyboard.press('n');
    await expect.poll(() => officer.getByTestId('current-number').textContent()).toBe('1001');
    const calls = (await t.api('journal:list', { since: 0, limit: 500 }, admin)).events.filter((e) => e.type === 'ticket:called');
    expect(calls).toHaveLength(1);
  });

  it("transfer to another field reaches that field's counter; no-show and reactivate", async () => {
    const kioskToken = await t.device('kiosk');
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kioskToken);
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: true }, kioskToken);
    const c1 = await officerConsole('canbo1', 1);
    const c3 = await officerConsole('canbo3', 3);

    await c1.getByTestId('action-call-next').click();
    await expect.poll(() => c1.getByTestId('current-number').textContent()).toBe('1002'); // priority first
    await c1.getByTestId('action-transfer').click();
    await screenshot(c1, 'counter-transfer-dialog-1366x768');
    await c1.getByTestId('transfer-field-DD').click();
    await c1.getByTestId('transfer-confirm-button').click();
    await expect.poll(() => c3.getByTestId('waiting-list').textContent()).toContain('1002');
    await c3.getByTestId('action-call-next').click();
    await expect.poll(() => c3.getByTestId('current-number').textContent()).toBe('1002');

    await c1.getByTestId('action-call-next').click();
    await expect.poll(() => c1.getByTestId('current-number').textContent()).toBe('1001');
    await c1.getByTestId('action-no-show').click();
    await expect.poll(() => c1.getByTestId('no-show-list').textContent()).toContain('1001');
    await c1.getByTestId('no-show-list').getByRole('button', { name: 'Cho chờ lại' }).click();
    await expect.poll(() => c1.getByTestId('waiting-list').textContent()).toContain('1001');
    await screenshot(c1, 'counter-desk-lists-1366x768');
  });

  it('the transfer dialog works from the keyboard, says which counters are closed, confirms, and carries a note', async () => {
    const admin = await t.login('admin');
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, await t.device('kiosk'));
    const c1 = await officerConsole('canbo1', 1);
    await c1.keyboard.press('n');
    await expect.poll(() => c1.getByTestId('current-number').textContent()).toBe('1001');
    await c1.keyboard.press('c'); // shortcut: transfer
    const dialog = c1.getByTestId('transfer-dialog');
    await dialog.waitFor();
    // Focus is inside the dialog and Tab stays there.
    expect(await c1.evaluate(() => !!document.activeElement?.closest('[data-testid=transfer-dialog]'))).toBe(true);
    for (let i = 0; i < 15; i++) await c1.keyboard.press('Tab');
    expect(await c1.evaluate(() => !!document.activeElement?.closest('[data-testid=transfer-dialog]'))).toBe(true);
    expect(await c1.getByTestId('transfer-counter-3').textContent()).toContain('đang đóng');
    await c1.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    await c1.keyboard.press('c');
    await c1.getByTestId('transfer-counter-3').click();
    expect(await c1.getByTestId('transfer-confirm').textContent()).toBe('Chuyển số 1001 sang Quầy số 3?');
    expect(await dialog.textContent()).toContain('Quầy này đang đóng');
    await c1.locator('[data-testid=transfer-dialog] input[name=note]').fill('cần bổ sung giấy tờ');
    await screenshot(c1, 'counter-transfer-confirm-1366x768');
    await c1.getByTestId('transfer-confirm-button').click();
    await expect.poll(() => c1.getByTestId('current').textContent()).toContain('Chưa gọi số nào');
    const moved = (await t.api('journal:list', { since: 0, limit: 500 }, admin)).events.find((e) => e.type === 'ticket:transferred');
    expect(moved?.type === 'ticket:transferred' && moved.data.note).toBe('cần bổ sung giấy tờ');
  });

  it("the officer's other actions: call a given number, issue at the counter (priority), cancel only after confirming, finish only once started", async () => {
    const kioskToken = await t.device('kiosk');
    for (let i = 0; i < 3; i++) await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kioskToken);
    const c1 = await officerConsole('canbo1', 1);
    await c1.locator('input[name=callNumber]').fill('1003');
    await c1.getByTestId('call-number').click();
    await expect.poll(() => c1.getByTestId('current-number').textContent()).toBe('1003');

    // Finishing before starting is refused with what to do instead.
    expect(await c1.getByTestId('action-finish').isDisabled()).toBe(true);
    await c1.keyboard.press('h');
    await expect.poll(() => c1.locator('.error').textContent()).toContain('Bắt đầu');

    // Cancelling asks first; backing out changes nothing.
    await c1.getByTestId('cancel-ticket').click();
    await c1.getByTestId('cancel-dialog').waitFor();
    await c1.keyboard.press('Escape');
    expect(await c1.getByTestId('current-number').textContent()).toBe('1003');
    await c1.getByTestId('cancel-ticket').click();
    await c1.getByTestId('cancel-confirm').click();
    await expect.poll(() => c1.getByTestId('current').textContent()).toContain('Chưa gọi số nào');

    // A citizen who came straight to the counter, with priority: first in line.
    await c1.getByTestId('issue-here').click();
    await c1.locator('[data-testid=issue-dialog] input[name=priority]').check();
    await c1.getByTestId('issue-confirm').click();
    await expect.poll(() => c1.getByTestId('desk-notice').textContent()).toBe('Đã cấp số 1004.');
    // The citizen is shown the number as a slip (#24); the officer closes it to go on.
    await expect.poll(() => c1.getByTestId('issue-slip-number').textContent()).toBe('1004');
    await c1.getByTestId('issue-slip-done').click();
    await expect.poll(() => c1.locator('[data-testid=waiting-list] tr.next-up').getAttribute('data-number')).toBe('1004');
    // A number not in this counter's line is said so.
    await c1.locator('input[name=callNumber]').fill('2999');
    await c1.getByTestId('call-number').click();
    await expect.poll(() => c1.getByTestId('desk-notice').textContent()).toContain('không có trong hàng chờ');
    await screenshot(c1, 'counter-desk-tools-1366x768');
    const cancelled = await t.api(
      'ticket:get',
      {
        id: (await t.api('journal:list', { since: 0, limit: 500 }, await t.login('admin'))).events.find(
          (e) => e.type === 'ticket:cancelled',
        )!.ticketId!,
      },
      kioskToken,
    );
    expect(cancelled.ticket).toMatchObject({ number: 1003, status: 'cancelled' });
  });

  it('the console survives the hub restarting: it shows the lost connection, then works again', async () => {
    const officer = await officerConsole('canbo1', 1);
    const { dir, hub } = t;
    const port = hub.port;
    await hub.close();
    await expect.poll(() => officer.getByTestId('connection').textContent(), { timeout: 10_000 }).toContain('Mất kết nối');
    await screenshot(officer, 'counter-connection-lost-1366x768');
    t = await startTestHub({ clock: new RealClock(), dir, port });
    await expect.poll(() => officer.getByTestId('connection').count(), { timeout: 15_000 }).toBe(0);
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, await t.device('kiosk'));
    await expect.poll(() => officer.getByTestId('waiting-list').textContent(), { timeout: 10_000 }).toContain('1001');
    await officer.getByTestId('action-call-next').click();
    await expect.poll(() => officer.getByTestId('current-number').textContent()).toBe('1001');
  });
});

maybe('kiosk details', () => {
  it('landscape, English, high contrast and priority', async () => {
    const kiosk = await pairedKiosk({ width: 1920, height: 1080 });
    await screenshot(kiosk, 'kiosk-home-landscape-1920x1080');
    await kiosk.getByRole('button', { name: 'English' }).click();
    await kiosk.getByRole('button', { name: 'High contrast' }).click();
    await kiosk.getByTestId('priority').click();
    await screenshot(kiosk, 'kiosk-home-contrast-priority-en-1920x1080');
    await kiosk.getByTestId('field-DD').click();
    await expect.poll(() => kiosk.getByTestId('ticket').textContent()).toContain('Priority');
    await screenshot(kiosk, 'kiosk-ticket-contrast-en-1920x1080');
  });

  it('text is set in Be Vietnam Pro, shipped with the app (no internet needed), Vietnamese subset included', async () => {
    const kiosk = await pairedKiosk();
    await kiosk.evaluate(() => document.fonts.ready);
    const faces = await kiosk.evaluate(() =>
      [...document.fonts].filter((f) => f.family.replaceAll('"', '') === 'Be Vietnam Pro' && f.status === 'loaded').map((f) => f.weight),
    );
    expect(faces.length).toBeGreaterThan(0);
    const fontUrls = await kiosk.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => /\.woff2?$/.test(n)),
    );
    expect(fontUrls.some((u) => /vietnamese/.test(u))).toBe(true);
    expect(fontUrls.every((u) => u.startsWith(t.hub.url))).toBe(true);
  });

  it('every touch target is at least 2 cm, text is not selectable, there is no context menu', async () => {
    const kiosk = await pairedKiosk();
    const sizes = await kiosk.locator('.kiosk button').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { text: e.textContent, w: r.width, h: r.height };
      }),
    );
    const twoCm = (96 / 2.54) * 2 - 0.5; // CSS cm at 96 dpi
    for (const s of sizes) expect(Math.min(s.w, s.h), s.text ?? '').toBeGreaterThanOrEqual(twoCm);
    expect(await kiosk.locator('.kiosk').evaluate((e) => getComputedStyle(e).userSelect)).toBe('none');
    const prevented = await kiosk.evaluate(() => {
      const ev = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
      document.querySelector('.field-btn')!.dispatchEvent(ev);
      return ev.defaultPrevented;
    });
    expect(prevented).toBe(true);
  });

  it('a full field gives a clear message and no ticket; closed hours disable the buttons', async () => {
    const admin = await t.login('admin');
    const f = (await t.api('fields:list', {}, admin)).find((x) => x.code === 'TKQ')!;
    const { id, ...rest } = f;
    await t.api('fields:update', { ...rest, id, dailyLimit: 1 }, admin);
    const kiosk = await pairedKiosk();
    await kiosk.getByTestId('field-TKQ').click();
    await kiosk.getByRole('button', { name: 'Xong' }).click();
    // The button says it before anyone taps (kiosk.test.ts has the details)…
    await expect.poll(() => kiosk.getByTestId('field-TKQ').textContent()).toContain('Hết số hôm nay');
    expect(await kiosk.getByTestId('field-TKQ').isDisabled()).toBe(true);
    await screenshot(kiosk, 'kiosk-field-full-portrait-1080x1920');
    // …and a tap that races the last number is refused by the hub (FIELD_FULL, tests/main/queue.test.ts).

    const s = await t.api('settings:get', {}, admin);
    await t.api('settings:update', { ...s, openingHours: { enforced: true, week: {} } }, admin);
    await kiosk.reload();
    await kiosk.getByTestId('closed').waitFor();
    expect(await kiosk.locator('.field-btn').count()).toBe(0); // closed: no fields to press at all
    await screenshot(kiosk, 'kiosk-closed-portrait-1080x1920');
  });

  it('goes back home by itself after the idle time', async () => {
    const admin = await t.login('admin');
    const s = await t.api('settings:get', {}, admin);
    await t.api('settings:update', { ...s, kioskIdleSeconds: 5 }, admin);
    const kiosk = await pairedKiosk();
    await kiosk.getByTestId('field-TP').click();
    await kiosk.getByTestId('ticket-number').waitFor();
    await expect.poll(() => kiosk.getByTestId('ticket').count(), { timeout: 9000, interval: 500 }).toBe(0);
    await kiosk.getByTestId('field-TP').waitFor();
  });

  it("inside the kiosk app: the page uses the app's device identity, and staff leave with the admin PIN", async () => {
    const admin = await t.login('admin');
    const { code } = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk app', counterId: null }, admin);
    const { token } = await t.api('device:pair', { code });
    // What the preload exposes in the Electron app (no Electron binary here: a stand-in at that boundary).
    await ctx.addInitScript((deviceToken: string) => {
      const w = window as unknown as { motcua: unknown; __exits: string[] };
      w.__exits = [];
      w.motcua = Object.freeze({
        printerStatus: async () => ({ ok: true, fault: null }),
        exitKiosk: async ({ pin }: { pin: string }) => {
          w.__exits.push(pin);
          return { ok: pin === '2468' };
        },
        scannerStatus: async () => ({ status: 'connected', source: '0c2e:b61 (pos)' }),
        appConfig: async () => ({ role: 'kiosk', hubUrl: location.origin, deviceToken }),
        onCodeScanned: () => () => undefined,
      });
    }, token);
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1080, height: 1920 });
    await page.goto(`${t.hub.url}/kiosk`); // no #pair: the identity comes from the app
    await page.getByTestId('field-TP').waitFor();
    const clock = page.locator('.clock');
    // The clock (and the date above the fields) come a frame after the fields: pressed before, the
    // header may still move under the finger, and a hold ends when the pointer leaves (the test failed once on a loaded run).
    await expect.poll(() => clock.textContent(), { timeout: 10_000 }).toMatch(/\d{1,2}:\d{2}/);
    const box = (await clock.boundingBox())!;
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.down();
    await page.waitForTimeout(3300);
    await page.mouse.up();
    for (const k of ['1', '1', '1', '1']) await page.locator('.pin-keys').getByRole('button', { name: k, exact: true }).click();
    await page.getByRole('button', { name: 'Thoát chế độ kiosk' }).click();
    await page.getByText('Mã PIN không đúng.').waitFor();
    for (const k of ['2', '4', '6', '8']) await page.locator('.pin-keys').getByRole('button', { name: k, exact: true }).click();
    expect(await page.getByTestId('device-status').textContent()).toBe('Máy in: sẵn sàng · Máy quét: đã kết nối (0c2e:b61 (pos))');
    await screenshot(page, 'kiosk-admin-pin-portrait-1080x1920');
    await page.getByRole('button', { name: 'Thoát chế độ kiosk' }).click();
    await page.getByText('Đã thoát chế độ kiosk.').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __exits: string[] }).__exits)).toEqual(['1111', '2468']);
  });

  it('prints through the hub to an ESC/POS printer: paper out keeps the number on screen, reprint prints it', async () => {
    const emu = new PrinterEmulator(576);
    const port = await emu.listen();
    try {
      const admin = await t.login('admin');
      const { code, device } = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk in', counterId: null }, admin);
      await t.api('devices:set-printer', { id: device.id, printer: { ...defaultPrinterConfig, port } }, admin);
      const kiosk = await ctx.newPage();
      await kiosk.setViewportSize({ width: 1080, height: 1920 });
      const asked: string[] = [];
      kiosk.on('request', (r) => {
        if (new URL(r.url()).pathname.startsWith('/api/print-jobs')) asked.push(r.url());
      });
      await kiosk.goto(`${t.hub.url}/kiosk#pair=${code}`);
      await kiosk.getByTestId('field-TP').waitFor();
      await expect.poll(() => kiosk.getByTestId('connection').count()).toBe(0); // the live stream is up

      const printed = emu.nextJob();
      await kiosk.getByTestId('field-TP').click();
      await expect.poll(() => kiosk.getByTestId('print-status').textContent()).toContain('Mời nhận phiếu');
      const paper = await printed;
      mkdirSync(screenshotDir, { recursive: true });
      writeFileSync(join(screenshotDir, 'printed-ticket-576.png'), paper.png());
      expect(paper.cut).toBe(true);
      await kiosk.getByRole('button', { name: 'Xong' }).click();

      // The manager's floor follows the printer from its events.
      const manager = await managerConsole();
      await expect.poll(() => manager.getByTestId('floor-printers').textContent()).toContain('Sẵn sàng');

      emu.set({ paperOut: true });
      await kiosk.getByTestId('field-LDTBXH').click();
      await expect.poll(() => kiosk.getByTestId('print-status').textContent()).toContain('hết giấy');
      await expect.poll(() => manager.getByTestId('floor-printers').textContent()).toContain('Hết giấy');
      await screenshot(manager, 'manager-floor-printer-fault-1366x768');
      expect(await kiosk.getByTestId('ticket-number').textContent()).toBe('4001');
      await screenshot(kiosk, 'kiosk-printer-fault-portrait-1080x1920');
      emu.set({ paperOut: false });
      const again = emu.nextJob();
      await kiosk.getByTestId('reprint').click();
      await expect.poll(() => kiosk.getByTestId('print-status').textContent()).toContain('Mời nhận phiếu');
      expect((await again).cut).toBe(true);
      await expect.poll(() => manager.getByTestId('floor-printers').textContent()).toContain('Sẵn sàng');
      // Every result came as an event on the kiosk's printer topic: the kiosk never had to ask.
      expect(asked.filter((u) => !u.includes('/reprint'))).toEqual([]);
    } finally {
      await emu.close();
    }
  });
});

maybe('manager console', () => {
  it('voice settings saved in the console change how the next call is spoken', async () => {
    const page = await managerConsole('/manager/settings', 'admin');
    const voice = page.getByTestId('voice-settings');
    await voice.waitFor();
    await voice.locator('select').first().selectOption('digits');
    await voice.locator('select').nth(1).selectOption('south');
    await page.getByTestId('section-voice').getByRole('button', { name: 'Lưu cài đặt' }).click();
    await page.getByText('Đã lưu.').waitFor();
    await voice.scrollIntoViewIfNeeded();
    await screenshot(page, 'manager-voice-settings-1366x768');
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, await t.device('kiosk'));
    const officer = await t.officerAt(1);
    await t.api('counter:call-next', {}, officer);
    const called = (await t.api('journal:list', { since: 0, limit: 500 }, await t.login('admin'))).events.find(
      (e) => e.type === 'ticket:called',
    );
    expect(called?.type === 'ticket:called' && called.data.announce?.text).toBe(
      'Mời công dân có số thứ tự một không không một đến quầy số một',
    );
  });

  it('the call sentence is checked against the voice pack while typed, can be heard first, and the speaking TV is chosen by name', async () => {
    const admin = await t.login('admin');
    const tv = await t.api('devices:create', { kind: 'display', name: 'TV sảnh tầng 1', counterId: null }, admin);
    const page = await managerConsole('/manager/settings', 'admin');
    const template = page.locator('input[name=voiceTemplate]');
    await template.waitFor();

    // The sentence: every word is in the pack now.
    await template.fill('Xin mời công dân số {so} đến quầy {quay} để làm thủ tục');
    await expect.poll(() => page.getByTestId('voice-check').textContent()).toContain('Đọc được đầy đủ');
    // A word the pack lacks is named before saving, and saving is not offered.
    await template.fill('Trân trọng kính mời công dân số {so} đến quầy {quay}');
    await expect.poll(() => page.getByTestId('voice-check').textContent()).toContain('trân, trọng');
    expect(await page.getByTestId('section-voice').getByRole('button', { name: 'Lưu cài đặt' }).isDisabled()).toBe(true);
    await page.getByTestId('voice-check').scrollIntoViewIfNeeded();
    await screenshot(page, 'manager-voice-missing-words-1366x768');

    await template.fill('Xin mời công dân số {so} đến quầy {quay} để làm thủ tục');
    await expect.poll(() => page.getByTestId('voice-check').textContent()).toContain('Đọc được đầy đủ');
    // Nghe thử plays the sample on this PC: chime, then every clip of the sentence, none missing.
    await page.getByTestId('voice-listen').click();
    type Player = { log: { clip: string }[]; missing: Set<string> };
    const played = () =>
      page.evaluate(() => {
        const p = (window as unknown as { __motcuaPlayer?: Player }).__motcuaPlayer;
        return { clips: p?.log.map((e) => e.clip) ?? [], missing: [...(p?.missing ?? [])] };
      });
    // "thủ tục", the last word, used to be skipped: it is the last clip played now.
    await expect.poll(async () => (await played()).clips.at(-1), { timeout: 15_000 }).toBe('tuc.ogg');
    expect((await played()).clips[0]).toBe('chime.ogg');
    expect((await played()).missing).toEqual([]);
    await page.locator('select[name=speaker]').selectOption({ label: 'TV sảnh tầng 1' });
    await page.getByTestId('section-voice').getByRole('button', { name: 'Lưu cài đặt' }).click();
    await page.getByText('Đã lưu.').waitFor();
    const saved = await t.api('settings:get', {}, admin);
    expect(saved.voice).toMatchObject({
      template: 'Xin mời công dân số {so} đến quầy {quay} để làm thủ tục',
      speakerDeviceId: tv.device.id,
    });
  });

  it('a field form says what is wrong next to each input, in Vietnamese, never shows NaN, and sends nothing invalid', async () => {
    const page = await managerConsole('/manager/fields');
    await page.getByRole('button', { name: 'Thêm lĩnh vực' }).click();
    const form = page.getByTestId('edit-form');
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/config/fields') sent.push(r.url());
    });
    await form.locator('input[name=nameVi]').fill('x'.repeat(300));
    await form.locator('input[name=rangeStart]').fill('0');
    await form.locator('input[name=rangeEnd]').fill('');
    expect(await form.locator('input[name=rangeEnd]').inputValue()).toBe(''); // not "NaN"
    await form.locator('input[name=targetWaitMin]').fill('');
    await form.getByRole('button', { name: 'Lưu' }).click();
    const said = async (name: string) => page.getByTestId(`error-${name}`).textContent();
    await expect.poll(() => said('code')).toBe('Chỉ dùng chữ A–Z, số 0–9, _ hoặc -.');
    expect(await said('nameVi')).toBe('Tối đa 120 ký tự.');
    expect(await said('nameEn')).toBe('Không được để trống.');
    expect(await said('rangeStart')).toBe('Nhỏ nhất là 1.');
    expect(await said('rangeEnd')).toBe('Nhập một số.');
    expect(await said('targetWaitMin')).toBe('Nhập một số.');
    await screenshot(page, 'manager-field-form-errors-1366x768');
    // Fixed one by one; a range that ends before it starts is said on the last number.
    await form.locator('input[name=code]').fill('NV');
    await form.locator('input[name=nameVi]').fill('Nội vụ');
    await form.locator('input[name=nameEn]').fill('Home affairs');
    await form.locator('input[name=rangeStart]').fill('6000');
    await form.locator('input[name=rangeEnd]').fill('5000');
    await form.locator('input[name=targetWaitMin]').fill('20');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => said('rangeEnd')).toBe('Số kết thúc phải từ số bắt đầu trở lên.');
    expect(await page.getByTestId('error-code').count()).toBe(0);
    expect(sent).toEqual([]);
    await form.locator('input[name=rangeEnd]').fill('6999');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.getByTestId('edit-form').count()).toBe(0);
    expect(sent).toHaveLength(1);

    // The counter form too: a cleared number is empty, not NaN, and said so.
    await page.getByTestId('tab-counters').click();
    await page.getByRole('button', { name: 'Thêm quầy' }).click();
    await form.locator('input[name=number]').fill('');
    expect(await form.locator('input[name=number]').inputValue()).toBe('');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => said('number')).toBe('Nhập một số.');
    expect(await said('nameVi')).toBe('Không được để trống.');
  });

  it('failed prints are listed by ticket number, reprint only while the ticket waits; revoking a device asks first', async () => {
    const admin = await t.login('admin');
    const { code, device } = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk cửa B', counterId: null }, admin);
    await t.api('devices:set-printer', { id: device.id, printer: { ...defaultPrinterConfig, port: 1 } }, admin); // nobody listens there
    const kiosk = (await t.api('device:pair', { code })).token;
    const issued = await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
    await expect.poll(async () => (await t.api('print:get', { id: issued.printJobId! }, kiosk)).status, { timeout: 10_000 }).toBe('failed');

    const page = await managerConsole('/manager/devices');
    await page.getByTestId(`printer-${device.id}`).click();
    const panel = page.getByTestId('printer-panel');
    await expect
      .poll(() => panel.locator('tr', { hasText: 'Không kết nối' }).first().textContent())
      .toContain(String(issued.ticket.number));
    expect(await panel.getByRole('button', { name: 'In lại' }).first().isDisabled()).toBe(false);
    // Once called, the ticket needs no paper: no reprint offered.
    await t.api('counter:call-next', {}, await t.officerAt(1));
    await page.getByTestId(`printer-${device.id}`).click();
    await page.getByTestId(`printer-${device.id}`).click();
    await expect.poll(() => panel.getByRole('button', { name: 'In lại' }).first().isDisabled()).toBe(true);

    await page.getByTestId(`revoke-${device.id}`).click();
    await page.getByTestId('revoke-dialog').waitFor();
    await page.keyboard.press('Escape');
    expect((await t.api('devices:list', {}, admin)).find((d) => d.id === device.id)?.revoked).toBe(false);
    await page.getByTestId(`revoke-${device.id}`).click();
    await page.getByTestId('revoke-confirm').click();
    await expect.poll(async () => (await t.api('devices:list', {}, admin)).find((d) => d.id === device.id)?.revoked).toBe(true);
  });

  it('signs in, sees the live floor, configures, pairs a device with a QR', async () => {
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${t.hub.url}/manager`);
    await screenshot(page, 'manager-sign-in-1366x768');
    await page.locator('input[name=username]').fill('quanly');
    await page.locator('input[name=password]').fill('motcua-quanly');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('floor-counters').waitFor();

    await t.officerAt(2);
    const kiosk = await t.device('kiosk');
    await t.api('ticket:issue', { fieldId: await t.fieldId('DD'), priority: false }, kiosk);
    await expect.poll(() => page.getByTestId('floor-counters').textContent()).toContain('Trần Văn Minh');
    await expect.poll(() => page.getByTestId('floor-fields').textContent()).toContain('Đất đai1');
    await screenshot(page, 'manager-floor-1366x768');

    for (const tab of ['fields', 'counters', 'staff', 'settings']) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.locator('.config').waitFor();
      await screenshot(page, `manager-${tab}-1366x768`);
    }

    await page.getByTestId('tab-fields').click();
    await page.getByRole('button', { name: 'Thêm lĩnh vực' }).click();
    const form = page.getByTestId('edit-form');
    await form.locator('input[name=code]').fill('NV');
    await form.locator('input[name=nameVi]').fill('Nội vụ');
    await form.locator('input[name=nameEn]').fill('Home affairs');
    await form.locator('input[name=rangeStart]').fill('6001');
    await form.locator('input[name=rangeEnd]').fill('6999');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.locator('.config').textContent()).toContain('Nội vụ');

    await page.getByTestId('tab-devices').click();
    await page.getByTestId('device-name').fill('Kiosk tầng 1');
    await page.getByTestId('create-device').click();
    const code = await page.getByTestId('pairing-code').textContent();
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    await screenshot(page, 'manager-devices-pairing-1366x768');
    // The code shown pairs a kiosk.
    const paired = await t.api('device:pair', { code: code! });
    expect(paired.me.kind).toBe('device');

    // The demo kiosk's printer: settings, last status, a preview from the same renderer.
    await page
      .getByRole('row', { name: /Kiosk sảnh chính/ })
      .getByRole('button', { name: 'Máy in' })
      .click();
    await page.getByTestId('ticket-preview').waitFor();
    expect(await page.getByTestId('ticket-preview').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(576);
    await page.getByTestId('printer-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'manager-printer-panel-1366x768');
  });
});
