/// <reference lib="dom" />
// The kiosk at every size a center has (issue #24): the ticket screen in every state, the number
// with 1 to 6 digits, long field names, the next citizen's fresh screen, honest waits. Debian's
// Chromium at 1080×1920, 768×1366, 540×960 portrait and 1920×1080, 1366×768 landscape, normal
// and large text.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAndHub, hasChromium, openPairedKiosk, screenshot } from '../helpers/browser.ts';
import { PrinterEmulator } from '../../tools/printer/emulator.ts';
import { longFieldNames, withFields } from '../helpers/fields.ts';
import { ticketCode } from '../../main/queue/ticketCode.ts';
import { readSettings } from '../../db/settings.ts';

const maybe = hasChromium ? describe : describe.skip;
const env = browserAndHub();

const sizes = [
  { width: 1080, height: 1920 },
  { width: 768, height: 1366 },
  { width: 540, height: 960 },
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
] as const;
const sizeName = (s: { width: number; height: number }) => `${s.width}x${s.height}`;

async function kioskPage(size: { width: number; height: number }, printerPort?: number): Promise<Page> {
  const page = await openPairedKiosk(env, size, printerPort);
  await page
    .locator('.field-btn')
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(async (err: unknown) => {
      await screenshot(page, `kiosk-not-ready-${sizeName(size)}`);
      throw err;
    });
  return page;
}

/** Takes a number in a field, turning the kiosk's pages until it shows. */
async function take(page: Page, code: string): Promise<void> {
  for (let i = 0; i < 10 && (await page.getByTestId(`field-${code}`).count()) === 0; i++) {
    await page.getByRole('button', { name: /^(Trang sau ▶|Next ▶)$/ }).click();
  }
  await page.getByTestId(`field-${code}`).click();
}

/** A field whose numbers have `digits` digits, the widest ones (8s). */
async function digitField(digits: number): Promise<string> {
  const t = env.hub;
  const admin = await t.login('admin');
  const start = Number('8'.repeat(digits));
  const code = `D${digits}`;
  await t.api(
    'fields:create',
    {
      code,
      nameVi: `Số ${digits} chữ số`,
      nameEn: `${digits} digits`,
      rangeStart: start,
      rangeEnd: Math.min(start + 99, 10 ** digits - 1), // clear of the demo's 9001–9999
      dailyLimit: null,
      targetWaitMin: 20,
      serviceMin: 10,
      active: true,
      sortOrder: 0,
    },
    admin,
  );
  return code;
}

/** Every element of the kiosk inside the screen, nothing scrolled or scrollable off it. */
async function nothingOffScreen(page: Page): Promise<void> {
  const layout = await page.evaluate(() => {
    const out: string[] = [];
    for (const e of document.querySelectorAll('.kiosk *')) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5 || r.top < -0.5 || r.left < -0.5)
        out.push(
          `${e.tagName}.${e.className} "${(e.textContent ?? '').slice(0, 30)}" ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`,
        );
    }
    const kiosk = document.querySelector('.kiosk')!;
    return { out, scroll: document.scrollingElement!.scrollHeight, kioskScroll: kiosk.scrollHeight, height: innerHeight };
  });
  expect(layout.out, 'off screen').toEqual([]);
  expect(layout.scroll).toBeLessThanOrEqual(layout.height);
  expect(layout.kioskScroll, 'the kiosk hides content below its bottom').toBeLessThanOrEqual(layout.height);
}

/** The number's rendered text lies inside its box and the screen, with room to spare at the sides. */
async function numberFits(page: Page, digits: number): Promise<void> {
  const m = await page.evaluate(() => {
    const el = document.querySelector('[data-testid="ticket-number"]')!;
    const range = document.createRange();
    range.selectNodeContents(el);
    const text = range.getBoundingClientRect();
    const box = (el.closest('.ticket-number-box') ?? el.parentElement!).getBoundingClientRect();
    return {
      content: el.textContent,
      text: text.toJSON() as DOMRect,
      box: box.toJSON() as DOMRect,
      width: innerWidth,
      height: innerHeight,
      elScroll: el.scrollWidth,
      elClient: el.clientWidth,
    };
  });
  const expected = m.content ?? '';
  expect(expected).toMatch(new RegExp(`^\\d{${digits}}$`));
  const margin = m.width * 0.02;
  expect(m.text.left, `${expected} touches the left edge`).toBeGreaterThanOrEqual(margin);
  expect(m.text.right, `${expected} touches the right edge`).toBeLessThanOrEqual(m.width - margin);
  expect(m.text.left, `${expected} leaves its box`).toBeGreaterThanOrEqual(m.box.left - 0.5);
  expect(m.text.right, `${expected} leaves its box`).toBeLessThanOrEqual(m.box.right + 0.5);
  expect(m.text.top).toBeGreaterThanOrEqual(m.box.top - 0.5);
  expect(m.text.bottom).toBeLessThanOrEqual(Math.min(m.box.bottom, m.height) + 0.5);
  if (m.elClient > 0) expect(m.elScroll, `${expected} scrolls inside its box`).toBeLessThanOrEqual(m.elClient);
  // Still the screen's largest thing: read from across the hall, whatever else the screen says.
  expect(m.text.height, `${expected} is too small`).toBeGreaterThanOrEqual(Math.min(m.width, m.height) * 0.2);
}

async function setLarge(page: Page, on: boolean): Promise<void> {
  const pressed = (await page.getByTestId('large-text').getAttribute('aria-pressed')) === 'true';
  if (pressed !== on) await page.getByTestId('large-text').click();
}

maybe('the kiosk at every size (#24)', () => {
  it.each(sizes)('the ticket screen fits $width×$height in every state, normal and large text', async (size) => {
    const t = env.hub;
    const admin = await t.login('admin');
    await t.api('settings:update', { ...(await t.api('settings:get', {}, admin)), phoneBaseUrl: 'http://192.168.1.10:8686' }, admin);
    const tp = (await t.api('fields:list', {}, admin)).find((f) => f.code === 'TP')!;
    await t.api('fields:update', { ...tp, nameVi: longFieldNames[0]! }, admin); // "Đăng ký biến động quyền sử dụng đất, …"
    const emu = new PrinterEmulator(576);
    const kiosk = await kioskPage(size, await emu.listen());
    try {
      await t.officerAt(1);
      const other = await t.device('kiosk');
      for (let i = 0; i < 12; i++) await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, other);
      for (const large of [false, true]) {
        const label = `${sizeName(size)}${large ? '-large' : ''}`;
        // Out of paper: the fault, "In lại phiếu", the QR and "Xong", a priority ticket.
        emu.set({ paperOut: true });
        await setLarge(kiosk, large);
        await kiosk.getByTestId('priority').click();
        await take(kiosk, 'TP');
        await expect.poll(() => kiosk.getByTestId('print-status').textContent()).toContain('hết giấy');
        await kiosk.locator('.phone-qr img').waitFor();
        await kiosk.getByTestId('reprint').waitFor();
        await screenshot(kiosk, `kiosk-ticket-paper-out-${label}`);
        await nothingOffScreen(kiosk);
        await numberFits(kiosk, 4);
        await kiosk.getByRole('button', { name: /^(Xong|Done)$/ }).click();

        // Printed, in a long-named field with people ahead: the wait and the way back home.
        emu.set({ paperOut: false });
        await setLarge(kiosk, large);
        await take(kiosk, 'TP');
        await expect.poll(() => kiosk.getByTestId('print-status').textContent()).toContain('Mời nhận phiếu');
        await kiosk.locator('.phone-qr img').waitFor();
        await screenshot(kiosk, `kiosk-ticket-printed-${label}`);
        await nothingOffScreen(kiosk);
        await numberFits(kiosk, 4);
        await kiosk.getByRole('button', { name: /^(Xong|Done)$/ }).click();
      }
    } finally {
      await emu.close();
    }
  });

  it.each(sizes)('the number shows whole at $width×$height, 1 to 6 digits, normal and large text', async (size) => {
    const codes: string[] = [];
    for (let d = 1; d <= 6; d++) codes.push(await digitField(d));
    const kiosk = await kioskPage(size);
    for (const large of [false, true]) {
      for (const code of codes) {
        await setLarge(kiosk, large);
        await take(kiosk, code);
        await kiosk.getByTestId('ticket-number').waitFor();
        const digits = Number(code.slice(1));
        if (digits >= 5) await screenshot(kiosk, `kiosk-number-${digits}-digits-${sizeName(size)}${large ? '-large' : ''}`);
        await numberFits(kiosk, digits);
        await kiosk.getByRole('button', { name: 'Xong' }).click();
        await kiosk.locator('.field-btn').first().waitFor();
      }
    }
  });

  it.each([
    [18, { width: 1920, height: 1080 }, false],
    [18, { width: 1366, height: 768 }, false],
    [30, { width: 1920, height: 1080 }, false],
    [30, { width: 1366, height: 768 }, false],
    [30, { width: 1080, height: 1920 }, false],
    [30, { width: 768, height: 1366 }, false],
    [30, { width: 540, height: 960 }, false],
    [30, { width: 1080, height: 1920 }, true],
    [30, { width: 1920, height: 1080 }, true],
  ] as const)('%i long field names show whole at %o (CCCD notice: %s), paged if need be, normal and large text', async (n, size, card) => {
    await withFields(env.hub, n, { long: true });
    const kiosk = await kioskPage(size);
    if (card) {
      // An elderly citizen's chip card: the notice above the list takes room from the fields.
      await kiosk.keyboard.type('001058012345|123456789|Nguyn Vn n|15031958|Nam|S 1 Trng Tin Hon Km H Ni|20042021');
      await kiosk.keyboard.press('Enter');
      await kiosk.getByTestId('scanned-card').waitFor();
    }
    for (const large of [false, true]) {
      await setLarge(kiosk, large);
      const previous = kiosk.getByRole('button', { name: /^(◀ Trang trước|◀ Previous)$/ });
      while ((await previous.count()) > 0 && !(await previous.isDisabled())) await previous.click();
      const seen = new Set<string>();
      const perPage: number[] = [];
      for (let p = 0; p < 20; p++) {
        const page = await kiosk.evaluate(() => {
          const cut = [...document.querySelectorAll('.field-btn')].flatMap((b) => {
            const box = b.getBoundingClientRect();
            return [...b.children]
              .filter((c) => {
                const r = c.getBoundingClientRect();
                return (
                  r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5 || r.right > box.right + 0.5 || c.scrollWidth > c.clientWidth + 1
                );
              })
              .map((c) => c.textContent ?? '');
          });
          const names = [...document.querySelectorAll('.field-btn .field-name')].map((e) => e.textContent ?? '');
          const smallest = Math.min(
            ...[...document.querySelectorAll('.field-btn .field-name')].map((e) => parseFloat(getComputedStyle(e).fontSize)),
          );
          return { cut, names, smallest, base: parseFloat(getComputedStyle(document.querySelector('.kiosk')!).fontSize) };
        });
        if (p === 0) await screenshot(kiosk, `kiosk-${n}-long-fields-${sizeName(size)}${card ? '-card' : ''}${large ? '-large' : ''}`);
        expect(page.cut, `cut at ${sizeName(size)} page ${p + 1}`).toEqual([]);
        // Shrunk within limits: never below 80% of the kiosk's text.
        expect(page.smallest).toBeGreaterThanOrEqual(page.base * 0.8 - 0.5);
        for (const name of page.names) seen.add(name);
        perPage.push(page.names.length);
        const next = kiosk.getByRole('button', { name: /^(Trang sau ▶|Next ▶)$/ });
        if ((await next.count()) === 0 || (await next.isDisabled())) break;
        await next.click();
      }
      expect(seen.size, 'every field reachable').toBe(n);
      // Paged, but not two at a time (#24: 540×960 with large text showed 2 a page, 15 pages).
      expect(
        Math.min(...perPage.slice(0, -1)),
        `fields a page at ${sizeName(size)}${large ? ', large text' : ''}: ${perPage.join(' ')}`,
      ).toBeGreaterThanOrEqual(4);
      await nothingOffScreen(kiosk);
      if (card) break; // large text leaves the card's notice (a new page of choices)
    }
  });

  it('a citizen who turned the page and walked away: the next one starts on the first page (1080×1920, 30 fields)', async () => {
    const t = env.hub;
    const admin = await t.login('admin');
    await withFields(t, 30, { long: true });
    await t.api('settings:update', { ...(await t.api('settings:get', {}, admin)), kioskIdleSeconds: 5 }, admin);
    const kiosk = await kioskPage({ width: 1080, height: 1920 });
    const where = () => kiosk.getByTestId('page').textContent();
    // Large text: 30 long names take several pages.
    await kiosk.getByTestId('large-text').click();
    await expect.poll(where).toMatch(/^Trang 1\/[2-9]$/);
    await kiosk.getByRole('button', { name: 'Trang sau ▶' }).click();
    await expect.poll(where).toMatch(/^Trang 2\//);
    // Nobody touches it for the idle time (5 s, checked once a second): back to normal text, one page.
    await expect.poll(() => kiosk.getByTestId('large-text').getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('false');
    // The next citizen asks for large text again, and starts at the first page.
    await kiosk.getByTestId('large-text').click();
    await expect.poll(where).toMatch(/^Trang 1\//);
    await screenshot(kiosk, 'kiosk-paged-after-idle-1080x1920');
  });

  it("the next citizen never inherits the last one's English, large text or high contrast (1080×1920)", async () => {
    const t = env.hub;
    const admin = await t.login('admin');
    await t.api('settings:update', { ...(await t.api('settings:get', {}, admin)), kioskTicketSeconds: 3 }, admin);
    const kiosk = await kioskPage({ width: 1080, height: 1920 });
    const fresh = async () => {
      await kiosk.getByTestId('kiosk-heading').waitFor();
      expect(await kiosk.getByTestId('kiosk-heading').textContent()).toBe('Kính mời Quý công dân chọn lĩnh vực cần giải quyết');
      expect(await kiosk.locator('.kiosk').getAttribute('class')).toBe('kiosk');
      expect(await kiosk.getByTestId('large-text').getAttribute('aria-pressed')).toBe('false');
    };
    const choose = async () => {
      await kiosk.getByRole('button', { name: 'English' }).click();
      await kiosk.getByRole('button', { name: 'High contrast' }).click();
      await kiosk.getByTestId('large-text').click();
      expect(await kiosk.locator('.kiosk').getAttribute('class')).toBe('kiosk contrast large');
      await take(kiosk, 'TP');
      await kiosk.getByTestId('ticket-number').waitFor();
      expect(await kiosk.getByTestId('ticket').textContent()).toContain('YOUR NUMBER');
    };
    // "Done" pressed.
    await choose();
    await kiosk.getByRole('button', { name: 'Done' }).click();
    await fresh();
    await screenshot(kiosk, 'kiosk-after-ticket-fresh-1080x1920');
    // The ticket leaves by itself.
    await choose();
    await expect.poll(() => kiosk.getByTestId('ticket').count(), { timeout: 10_000 }).toBe(0);
    await fresh();
    // A touch beside the buttons.
    await choose();
    await kiosk.getByTestId('ticket-number').click();
    await fresh();
    // A reload keeps no language either.
    await kiosk.reload();
    await fresh();
  });

  it('one honest estimate: no minutes while no counter is open, a floor per person when services look instant (1080×1920)', async () => {
    const t = env.hub;
    const tp = await t.fieldId('TP');
    const others = [await t.device('kiosk'), await t.device('kiosk')]; // each kiosk issues 20 at once at most
    const kiosk = await kioskPage({ width: 1080, height: 1920 });
    for (let i = 0; i < 29; i++) await t.api('ticket:issue', { fieldId: tp, priority: false }, others[i % 2]);
    await expect.poll(() => kiosk.getByTestId('field-TP').textContent()).toContain('Đang chờ: 29 · chưa có quầy mở');
    await take(kiosk, 'TP');
    await kiosk.getByTestId('ticket-number').waitFor();
    const closed = await kiosk.getByTestId('ticket-wait').textContent();
    expect(closed).toContain('Có 29 người đang chờ trước Ông/Bà');
    expect(closed).toContain('Chưa có quầy nào mở');
    expect(closed).not.toContain('phút');
    await screenshot(kiosk, 'kiosk-estimate-no-counter-1080x1920');
    await kiosk.getByRole('button', { name: 'Xong' }).click();

    // Counter 1 opens and clicks through five citizens in a moment each: not a pace to promise.
    const officer = await t.officerAt(1);
    for (let i = 0; i < 5; i++) {
      const c = await t.api('counter:call-next', {}, officer);
      await t.api('ticket:start', { id: c.id }, officer);
      await t.api('ticket:finish', { id: c.id }, officer);
    }
    await expect.poll(() => kiosk.getByTestId('field-TP').textContent()).toMatch(/Đang chờ: 25 · khoảng \d+ phút/);
    await take(kiosk, 'TP');
    await kiosk.getByTestId('ticket-number').waitFor();
    const open = (await kiosk.getByTestId('ticket-wait').textContent()) ?? '';
    expect(open).toContain('Có 25 người đang chờ trước Ông/Bà');
    const minutes = Number(/khoảng (\d+) phút/.exec(open)?.[1]);
    expect(minutes).toBeGreaterThanOrEqual(25); // at least a minute each, one counter
    await screenshot(kiosk, 'kiosk-estimate-floor-1080x1920');
  });

  it('a field no counter serves: the kiosk says so, the ticket says so, Lĩnh vực and the floor warn (1080×1920, 1440×900)', async () => {
    const t = env.hub;
    await withFields(t, 7, { long: true }); // TNMT: no counter set up for it
    const kiosk = await kioskPage({ width: 1080, height: 1920 });
    expect(await kiosk.getByTestId('field-TNMT').textContent()).toContain('Hiện chưa có quầy phục vụ');
    expect(await kiosk.getByTestId('field-TP').textContent()).not.toContain('chưa có quầy phục vụ');
    await screenshot(kiosk, 'kiosk-unserved-field-1080x1920');
    await take(kiosk, 'TNMT');
    await kiosk.getByTestId('ticket-number').waitFor();
    expect(await kiosk.getByTestId('ticket-wait').textContent()).toContain('Hiện chưa có quầy phục vụ lĩnh vực này');
    expect(await kiosk.getByTestId('ticket-wait').textContent()).not.toContain('phút');
    await screenshot(kiosk, 'kiosk-unserved-ticket-1080x1920');

    const manager = await env.ctx.newPage();
    await manager.setViewportSize({ width: 1440, height: 900 });
    await manager.goto(`${t.hub.url}/manager`);
    await manager.locator('input[name=username]').fill('quanly');
    await manager.locator('input[name=password]').fill('motcua-quanly');
    await manager.getByRole('button', { name: 'Đăng nhập' }).click();
    await manager.getByTestId('tab-floor').waitFor();
    const tnmt = (await t.api('fields:list', {}, await t.login('admin'))).find((f) => f.code === 'TNMT')!.id;
    await manager.getByTestId(`unserved-${tnmt}`).waitFor();
    t.hub.checkAlerts();
    await manager.locator('[data-alert="field-unserved"]').waitFor();
    expect(await manager.locator('[data-alert="field-unserved"]').textContent()).toContain(
      'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất: 1 người đang chờ nhưng không có quầy nào phục vụ lĩnh vực này',
    );
    await screenshot(manager, 'manager-floor-unserved-1440x900');
    await manager.getByTestId('tab-fields').click();
    await manager.getByTestId('field-unserved-TNMT').waitFor();
    expect(await manager.getByTestId('field-unserved-TP').count()).toBe(0);
    await screenshot(manager, 'manager-fields-unserved-1440x900');
  });

  it.each(sizes)('the other screens fit $width×$height: a printer warning over the fields, a scanned ticket, closed', async (size) => {
    const t = env.hub;
    const admin = await t.login('admin');
    await withFields(t, 18, { long: true });
    const emu = new PrinterEmulator(576);
    const kiosk = await kioskPage(size, await emu.listen());
    try {
      emu.set({ paperOut: true });
      await take(kiosk, 'TP');
      await expect.poll(() => kiosk.getByTestId('print-status').textContent()).toContain('hết giấy');
      await kiosk.getByRole('button', { name: 'Xong' }).click();
      await kiosk.getByTestId('kiosk-printer-fault').waitFor();
      const issued = await t.api('ticket:issue', { fieldId: await t.fieldId('DD'), priority: false }, await t.device('kiosk'));
      for (const large of [false, true]) {
        const label = `${sizeName(size)}${large ? '-large' : ''}`;
        await setLarge(kiosk, large);
        await screenshot(kiosk, `kiosk-home-printer-fault-${label}`);
        await nothingOffScreen(kiosk);
        // The scanner's Enter must not press the button last touched ("Chữ lớn", still focused).
        await kiosk.keyboard.type(ticketCode(readSettings(t.hub.db).hubSecret as string, issued.ticket));
        await kiosk.keyboard.press('Enter');
        await kiosk.getByTestId('ticket-status').waitFor();
        expect(await kiosk.locator('.kiosk').getAttribute('class')).toBe(large ? 'kiosk large' : 'kiosk');
        await screenshot(kiosk, `kiosk-ticket-status-${label}`);
        await nothingOffScreen(kiosk);
        await numberFits(kiosk, 4);
        await kiosk.getByRole('button', { name: /^(Xong|Done)$/ }).click();
      }
      const today = new Date(Date.now() + 7 * 3600_000).getUTCDay() || 7;
      const other = String((today % 7) + 1) as '1';
      const s = await t.api('settings:get', {}, admin);
      await t.api('settings:update', { ...s, openingHours: { enforced: true, week: { [other]: [['07:30', '11:30']] } } }, admin);
      await kiosk.reload();
      await kiosk.getByTestId('closed').waitFor();
      for (const large of [false, true]) {
        await setLarge(kiosk, large);
        await screenshot(kiosk, `kiosk-closed-${sizeName(size)}${large ? '-large' : ''}`);
        await nothingOffScreen(kiosk);
      }
    } finally {
      await emu.close();
    }
  });
});
