/// <reference lib="dom" />
// The kiosk in a real hall (issue #15): a provincial center's 18 to 30 fields on one screen, each
// field saying whether it can give a number, warnings before the citizen chooses, the next citizen
// never finding someone else's number, the closed screen. Debian's Chromium at the real sizes.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAndHub, hasChromium, openPairedKiosk, screenshot } from '../helpers/browser.ts';
import { PrinterEmulator } from '../../tools/printer/emulator.ts';
import { withFields } from '../helpers/fields.ts';

const maybe = hasChromium ? describe : describe.skip;
const env = browserAndHub();

async function kioskPage(size: { width: number; height: number }, printerPort?: number): Promise<Page> {
  const page = await openPairedKiosk(env, size, printerPort);
  await page.getByTestId('field-TP').waitFor();
  return page;
}

/** Every field button and every tool is inside the screen, large enough to touch, and nothing scrolls. */
async function fitsTheScreen(page: Page): Promise<{ buttons: number }> {
  const layout = await page.evaluate(() => {
    const box = (e: Element) => e.getBoundingClientRect();
    const buttons = [...document.querySelectorAll('.kiosk button')].map((e) => ({ text: e.textContent ?? '', ...box(e).toJSON() }));
    return {
      buttons,
      scroll: document.scrollingElement!.scrollHeight,
      height: innerHeight,
      width: innerWidth,
      // A field's name and its state must show whole inside its button.
      clipped: [...document.querySelectorAll('.field-btn')]
        .filter((b) => [...b.children].some((c) => c.getBoundingClientRect().bottom > b.getBoundingClientRect().bottom - 2))
        .map((b) => b.textContent),
    };
  });
  const twoCm = (96 / 2.54) * 2 - 0.5;
  expect(layout.scroll).toBeLessThanOrEqual(layout.height);
  for (const b of layout.buttons) {
    expect(b.bottom, `${b.text} is below the screen`).toBeLessThanOrEqual(layout.height);
    expect(b.right, b.text).toBeLessThanOrEqual(layout.width);
    expect(Math.min(b.width, b.height), `${b.text} is too small to touch`).toBeGreaterThanOrEqual(twoCm);
  }
  expect(layout.clipped, 'field names cut off').toEqual([]);
  return { buttons: layout.buttons.length };
}

maybe('kiosk in a real hall', () => {
  it.each([
    [18, { width: 1080, height: 1920 }, 'portrait'],
    [30, { width: 1080, height: 1920 }, 'portrait'],
    [18, { width: 1920, height: 1080 }, 'landscape'],
    [30, { width: 1920, height: 1080 }, 'landscape'],
  ] as const)('%i fields fit one %s screen with priority, language, contrast and large text in view', async (n, size, name) => {
    await withFields(env.hub, n);
    const kiosk = await kioskPage(size);
    await expect.poll(() => kiosk.locator('.field-btn').count()).toBe(n);
    await screenshot(kiosk, `kiosk-${n}-fields-${name}-${size.width}x${size.height}`);
    await fitsTheScreen(kiosk);
    for (const tool of ['priority', 'large-text']) expect(await kiosk.getByTestId(tool).isVisible()).toBe(true);

    // Priority: the heading itself says so.
    await kiosk.getByTestId('priority').click();
    expect(await kiosk.getByTestId('kiosk-heading').textContent()).toContain('ƯU TIÊN');
    await screenshot(kiosk, `kiosk-${n}-fields-priority-${name}`);
    await kiosk.getByTestId('priority').click();

    // Large text: fewer fields a screen, paged, still nothing off screen.
    await kiosk.getByTestId('large-text').click();
    await screenshot(kiosk, `kiosk-${n}-fields-large-text-${name}`);
    await fitsTheScreen(kiosk);
    expect(await kiosk.getByTestId('page').textContent()).toMatch(/^Trang 1\/\d$/);
    await kiosk.getByRole('button', { name: 'Trang sau ▶' }).click();
    expect(await kiosk.getByTestId('page').textContent()).toMatch(/^Trang 2\//);
  });

  it('the button says when a field is full for the day or paused, and gives no estimate while no counter is open', async () => {
    const t = env.hub;
    const admin = await t.login('admin');
    const fields = await t.api('fields:list', {}, admin);
    const tkq = fields.find((f) => f.code === 'TKQ')!;
    const xd = fields.find((f) => f.code === 'XD')!;
    await t.api('fields:update', { ...tkq, dailyLimit: 1 }, admin);
    await t.api('fields:update', { ...xd, active: false }, admin);
    const kiosk = await kioskPage({ width: 1080, height: 1920 });
    await expect.poll(() => kiosk.getByTestId('field-XD').textContent()).toContain('Tạm ngừng tiếp nhận');
    expect(await kiosk.getByTestId('field-XD').isDisabled()).toBe(true);

    const other = await t.device('kiosk');
    await t.api('ticket:issue', { fieldId: tkq.id, priority: false }, other);
    await expect.poll(() => kiosk.getByTestId('field-TKQ').textContent()).toContain('Hết số hôm nay');
    expect(await kiosk.getByTestId('field-TKQ').isDisabled()).toBe(true);

    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, other);
    await expect.poll(() => kiosk.getByTestId('field-TP').textContent()).toContain('Đang chờ: 1 · chưa có quầy mở');
    expect(await kiosk.getByTestId('field-TP').textContent()).not.toContain('phút');
    await t.officerAt(1);
    await expect.poll(() => kiosk.getByTestId('field-TP').textContent()).toMatch(/Đang chờ: 1 · khoảng \d+ phút/);
    await screenshot(kiosk, 'kiosk-field-states-portrait-1080x1920');
  });

  it('warns before the citizen chooses: a printer fault says what to do; an unreachable hub disables the fields', async () => {
    const emu = new PrinterEmulator(576);
    const port = await emu.listen();
    try {
      const kiosk = await kioskPage({ width: 1080, height: 1920 }, port);
      expect(await kiosk.getByTestId('kiosk-printer-fault').count()).toBe(0);
      emu.set({ paperOut: true });
      await kiosk.getByTestId('field-TP').click();
      await expect.poll(() => kiosk.getByTestId('print-status').textContent()).toContain('hết giấy');
      await kiosk.getByRole('button', { name: 'Xong' }).click();
      const warning = kiosk.getByTestId('kiosk-printer-fault');
      await expect.poll(() => warning.textContent()).toContain('Vui lòng liên hệ cán bộ hướng dẫn.');
      expect(await warning.textContent()).toContain('hết giấy');
      await screenshot(kiosk, 'kiosk-warning-printer-portrait-1080x1920');
      // The printer is fixed: the next print clears the warning.
      emu.set({ paperOut: false });
      await kiosk.getByTestId('field-TP').click();
      await expect.poll(() => kiosk.getByTestId('print-status').textContent()).toContain('Mời nhận phiếu');
      await kiosk.getByRole('button', { name: 'Xong' }).click();
      await expect.poll(() => kiosk.getByTestId('kiosk-printer-fault').count()).toBe(0);

      await env.hub.hub.close();
      await expect.poll(() => kiosk.getByTestId('kiosk-offline').count(), { timeout: 10_000 }).toBe(1);
      expect(await kiosk.getByTestId('kiosk-offline').textContent()).toContain('Vui lòng liên hệ cán bộ hướng dẫn.');
      expect(await kiosk.getByTestId('kiosk-offline').textContent()).not.toContain('máy chủ');
      expect(await kiosk.getByTestId('field-TP').isDisabled()).toBe(true);
      await screenshot(kiosk, 'kiosk-warning-offline-portrait-1080x1920');
    } finally {
      await emu.close();
    }
  });

  it("the next citizen never finds the last one's number: the ticket leaves by itself, or at the next touch", async () => {
    const t = env.hub;
    const admin = await t.login('admin');
    await t.api('settings:update', { ...(await t.api('settings:get', {}, admin)), kioskTicketSeconds: 3 }, admin);
    const kiosk = await kioskPage({ width: 1080, height: 1920 });
    await kiosk.getByTestId('field-TP').click();
    await kiosk.getByTestId('ticket-number').waitFor();
    expect(await kiosk.getByTestId('ticket').textContent()).toContain('tự động sau 3 giây');
    const shownAt = Date.now();
    await expect.poll(() => kiosk.getByTestId('ticket').count(), { timeout: 8000, interval: 200 }).toBe(0);
    expect(Date.now() - shownAt).toBeGreaterThan(2000);

    await kiosk.getByTestId('field-TP').click();
    await kiosk.getByTestId('ticket-number').waitFor();
    await kiosk.getByTestId('ticket-number').click(); // a touch anywhere but a button
    await expect.poll(() => kiosk.getByTestId('ticket').count()).toBe(0);
    await kiosk.getByTestId('field-TP').waitFor();
  });

  it('closed: says so, when it opens and the hours; no fields, no waits', async () => {
    const t = env.hub;
    const admin = await t.login('admin');
    const s = await t.api('settings:get', {}, admin);
    // Open only on a day that is not today, so the kiosk is closed whatever time the test runs.
    const today = new Date(Date.now() + 7 * 3600_000).getUTCDay() || 7;
    const other = String((today % 7) + 1) as '1';
    await t.api(
      'settings:update',
      {
        ...s,
        openingHours: {
          enforced: true,
          week: {
            [other]: [
              ['07:30', '11:30'],
              ['13:30', '17:00'],
            ],
          },
        },
      },
      admin,
    );
    const page = await env.ctx.newPage();
    await page.setViewportSize({ width: 1080, height: 1920 });
    const { code } = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk', counterId: null }, admin);
    await page.goto(`${t.hub.url}/kiosk#pair=${code}`);
    const closed = page.getByTestId('closed');
    await closed.waitFor();
    expect(await closed.textContent()).toContain('NGOÀI GIỜ LÀM VIỆC');
    expect(await closed.textContent()).toMatch(/Mở cửa lại lúc .*07:30/);
    expect(await closed.textContent()).toContain('07:30–11:30, 13:30–17:00');
    expect(await page.locator('.field-btn').count()).toBe(0);
    expect(await page.getByTestId('priority').count()).toBe(0);
    await screenshot(page, 'kiosk-closed-portrait-1080x1920');
    await fitsTheScreen(page); // language, contrast and large text stay within reach
  });

  it('high contrast: every text on the ticket screen reads at 4.5:1 or better, "Mời nhận phiếu bên dưới." included', async () => {
    const emu = new PrinterEmulator(576);
    const kiosk = await kioskPage({ width: 1080, height: 1920 }, await emu.listen());
    await kiosk.getByRole('button', { name: 'Tương phản cao' }).click();
    await kiosk.getByTestId('field-TP').click();
    await expect.poll(() => kiosk.getByTestId('print-status').textContent()).toContain('Mời nhận phiếu bên dưới.');
    await emu.close();
    const ratios = await kiosk.evaluate(() => {
      const lum = (c: string) => {
        const [r, g, b] = (c.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
          const x = Number(v) / 255;
          return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const bgOf = (e: Element | null): string => {
        for (; e; e = e.parentElement) {
          const bg = getComputedStyle(e).backgroundColor;
          if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
        }
        return 'rgb(255, 255, 255)';
      };
      return [...document.querySelectorAll('.kiosk-ticket *')]
        .filter((e) => e.childNodes.length > 0 && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()))
        .map((e) => {
          const a = lum(getComputedStyle(e).color);
          const b = lum(bgOf(e));
          return { text: e.textContent.slice(0, 40), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
        });
    });
    for (const r of ratios) expect(r.ratio, r.text).toBeGreaterThanOrEqual(4.5);
    await screenshot(kiosk, 'kiosk-ticket-contrast-portrait-1080x1920');
  });

  it('asks the hub for its screen as soon as the entry runs, not after its code has loaded and rendered (#24)', async () => {
    const kiosk = await kioskPage({ width: 1080, height: 1920 });
    // Who asks for each of the first snapshot's answers: the scripts on the stack of its fetch. (The
    // kiosk's own page preloads the screen's code while it parses, so the order of the requests no
    // longer tells: the entry must have asked before any other script ran.)
    await kiosk.addInitScript(() => {
      const askedBy: Record<string, string[]> = {};
      (window as unknown as { __askedBy: typeof askedBy }).__askedBy = askedBy;
      const fetchOf = window.fetch.bind(window);
      window.fetch = (input, init) => {
        if (typeof input === 'string' && !(input in askedBy))
          askedBy[input] = [...new Set((new Error().stack ?? '').match(/https?:\/\/[^\s)]+?\.js/g) ?? [])];
        return fetchOf(input, init);
      };
    });
    await kiosk.reload(); // paired now: a kiosk coming back after a reload
    await kiosk.getByTestId('field-TP').waitFor();
    const seen = await kiosk.evaluate(() => ({
      askedBy: (window as unknown as { __askedBy: Record<string, string[]> }).__askedBy,
      entry: document.querySelector<HTMLScriptElement>('script[type=module][src]')?.src ?? null,
      centerAsked: performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === '/api/center').length,
    }));
    expect(seen.centerAsked, 'the screen took the early answer rather than asking again').toBe(1);
    expect(seen.entry, 'the page has its entry script').not.toBeNull();
    for (const path of ['/api/center', '/api/floor', '/api/auth/me']) {
      expect(seen.askedBy[path], `${path} was asked for`).toBeDefined();
      expect(seen.askedBy[path], `${path} asked for by the entry alone, before the screen's code ran`).toEqual([seen.entry]);
    }
    await kiosk.close();
  });

  it('at rest, does not measure its field list again every second (a forced layout a second, all day) (#24)', async () => {
    const kiosk = await kioskPage({ width: 1080, height: 1920 });
    // Counts the measurements of the field buttons, which the list's fit takes after each render.
    await kiosk.addInitScript(() => {
      const measure = Element.prototype.getBoundingClientRect;
      let n = 0;
      Element.prototype.getBoundingClientRect = function (this: Element) {
        if (this.classList.contains('field-btn')) n++;
        return measure.call(this);
      };
      (window as unknown as { __fieldMeasures: () => number }).__fieldMeasures = () => n;
    });
    await kiosk.reload();
    await kiosk.getByTestId('field-TP').waitFor();
    await kiosk.evaluate(() => document.fonts.ready);
    // The kiosk renders its clock every second (the clock shows minutes, so a few seconds are waited).
    await kiosk.waitForTimeout(2000); // settled: connected to the hub, the typeface in
    const measures = () => kiosk.evaluate(() => (window as unknown as { __fieldMeasures: () => number }).__fieldMeasures());
    const before = await measures();
    expect(before, 'the list was measured (the counter counts)').toBeGreaterThan(0);
    await kiosk.waitForTimeout(3500);
    expect(await measures(), 'measured again while nothing but the time changed').toBe(before);
    await kiosk.close();
  });

  it('comes back after a reload with the whole screen in its first frame, not a header alone then the fields (#24)', async () => {
    const kiosk = await kioskPage({ width: 1080, height: 1920 });
    // What React's first commit into #root holds: nothing can be painted before it.
    await kiosk.addInitScript(() => {
      const seen = new MutationObserver(() => {
        const root = document.getElementById('root');
        if (!root?.firstChild) return;
        seen.disconnect();
        document.documentElement.dataset.firstCommit = JSON.stringify({
          fields: root.querySelectorAll('[data-testid^=field-]').length,
          enabled: root.querySelectorAll('[data-testid^=field-]:enabled').length,
          center: root.querySelector('.center-name')?.textContent ?? null,
        });
      });
      seen.observe(document, { childList: true, subtree: true });
    });
    await kiosk.reload(); // paired now: a kiosk coming back after a reload
    await kiosk.getByTestId('field-TP').waitFor();
    const first = JSON.parse((await kiosk.locator('html').getAttribute('data-first-commit')) ?? 'null') as {
      fields: number;
      enabled: number;
      center: string | null;
    } | null;
    const fields = await kiosk.locator('[data-testid^=field-]').count();
    expect(fields).toBeGreaterThan(0);
    expect(first, 'the first commit was seen').not.toBeNull();
    expect(first!.fields, 'every field button is in the first frame').toBe(fields);
    expect(first!.enabled, 'and can be pressed').toBe(fields);
    expect(first!.center, 'with the center’s name, not a placeholder').not.toBe('motcua');
    await kiosk.close();
  });

  it('fetches React DOM and the first frame’s typeface while the page parses, not after the entry has run (#24)', async () => {
    const kiosk = await kioskPage({ width: 1080, height: 1920 });
    await kiosk.reload();
    await kiosk.getByTestId('field-TP').waitFor();
    const started = await kiosk.evaluate(() => {
      const entries = performance.getEntriesByType('resource');
      const at = (re: RegExp) => entries.find((e) => re.test(new URL(e.name).pathname))?.startTime ?? null;
      return {
        code: at(/\/Kiosk-[^/]+\.js$/),
        reactDom: at(/\/react-dom-[^/]+\.js$/),
        regular: at(/\/be-vietnam-pro-vietnamese-400-normal-[^/]+\.woff2$/),
        bold: at(/\/be-vietnam-pro-vietnamese-700-normal-[^/]+\.woff2$/),
      };
    });
    expect(started.code, 'the kiosk route code was loaded').not.toBeNull();
    for (const [what, at] of Object.entries({ reactDom: started.reactDom, regular: started.regular, bold: started.bold })) {
      expect(at, `${what} was loaded`).not.toBeNull();
      expect(at!, `${what} requested before the route code was even asked for`).toBeLessThanOrEqual(started.code!);
    }
    await kiosk.close();
  });
});
