/// <reference lib="dom" />
// The hall and counter TVs of a real center (issue #24 items 8–10): configuration that reaches
// every screen live, 18 and 30 fields paged through on a 1920×1080 TV, a 32-inch 1366×768 TV read
// from across the hall, and no touch prompt on a TV nobody can touch. Debian's Chromium, real hub.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAndHub, hasChromium, screenshot } from '../helpers/browser.ts';
import { withFields } from '../helpers/fields.ts';

const maybe = hasChromium ? describe : describe.skip;
const env = browserAndHub({ width: 1920, height: 1080 });

async function pair(kind: 'display' | 'kiosk', path: string, size?: { width: number; height: number }): Promise<Page> {
  const admin = await env.hub.login('admin');
  const { code } = await env.hub.api('devices:create', { kind, name: `${kind} e2e`, counterId: null }, admin);
  const page = await env.ctx.newPage();
  if (size) await page.setViewportSize(size);
  await page.goto(`${env.hub.hub.url}${path}#pair=${code}`);
  return page;
}

maybe('hall TVs in a real center', () => {
  it('a new field, a renamed field and a renamed counter reach the hall, the counter display and the kiosk live', async () => {
    const hall = await pair('display', '/display/hall');
    await expect.poll(() => hall.locator('.waiting-item').count(), { timeout: 15_000 }).toBe(6); // its first snapshot, on a loaded machine
    const board = await pair('display', '/display/counter/2');
    await expect.poll(() => board.getByTestId('counter-title').textContent()).toMatch(/2/);
    const kiosk = await pair('kiosk', '/kiosk');
    await kiosk.getByTestId('field-TP').waitFor();

    const admin = await env.hub.login('admin');
    await withFields(env.hub, 7); // a seventh field: "Tài nguyên và Môi trường"
    const fields = await env.hub.api('fields:list', {}, admin);
    const tp = fields.find((f) => f.code === 'TP')!;
    const { id: _drop, ...tpBody } = tp;
    void _drop;
    await env.hub.api('fields:update', { ...tpBody, id: tp.id, nameVi: 'Tư pháp – Hộ tịch – Chứng thực' }, admin);
    const counters = await env.hub.api('counters:list', {}, admin);
    const c2 = counters.find((c) => c.number === 2)!;
    await env.hub.api(
      'counters:update',
      { id: c2.id, number: 2, nameVi: 'Quầy số 2 – Đất đai', nameEn: c2.nameEn, active: c2.active, fields: c2.fields },
      admin,
    );

    // Well before any periodic refresh (the kiosk's 60 s): the screens follow the journal.
    const soon = { timeout: 10_000 };
    await expect.poll(() => hall.locator('.waiting-item').count(), soon).toBe(7);
    await expect.poll(() => hall.locator('[data-testid=waiting]').textContent(), soon).toContain('Tài nguyên và Môi trường');
    await expect.poll(() => hall.locator('[data-testid=waiting]').textContent(), soon).toContain('Tư pháp – Hộ tịch – Chứng thực');
    await expect.poll(() => board.getByTestId('counter-title').textContent(), soon).toBe('QUẦY SỐ 2 – ĐẤT ĐAI');
    await expect.poll(() => kiosk.getByTestId('field-TNMT').count(), soon).toBe(1);
    await expect.poll(() => kiosk.getByTestId('field-TP').textContent(), soon).toContain('Tư pháp – Hộ tịch – Chứng thực');

    // The settings too: the hall notice appears on the TV without a restart.
    const settings = await env.hub.api('settings:get', {}, admin);
    await env.hub.api('settings:update', { ...settings, hallNotice: 'Trung tâm nghỉ chiều thứ Bảy' }, admin);
    await expect.poll(() => hall.locator('.hall-foot').textContent(), soon).toContain('Trung tâm nghỉ chiều thứ Bảy');
    await screenshot(hall, 'hall-config-live-1920x1080');
    await screenshot(board, 'counter-config-live-1920x1080');
  });

  /** A center's real field names: long enough to wrap on a TV. */
  async function longNames(count: number): Promise<void> {
    const admin = await env.hub.login('admin');
    const long = [
      'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
      'Cấp giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình, cá nhân',
      'Chứng thực bản sao từ bản chính, chữ ký và hợp đồng, giao dịch',
      'Đăng ký khai sinh, kết hôn, khai tử có yếu tố nước ngoài',
    ];
    const fields = (await env.hub.api('fields:list', {}, admin)).slice(0, count);
    for (const [i, f] of fields.entries()) {
      const { id, ...body } = f;
      await env.hub.api('fields:update', { ...body, id, nameVi: long[i % long.length]! + (i >= long.length ? ` (${i})` : '') }, admin);
    }
  }

  /** What the hall shows of the waiting lines now: each line whole and on screen. */
  async function waitingOnScreen(hall: Page): Promise<{ names: string[]; page: string | null }> {
    const seen = await hall.evaluate(() => ({
      items: [...document.querySelectorAll('.waiting-item')].map((item) => {
        const name = item.querySelector('span')!;
        const r = item.getBoundingClientRect();
        const list = item.parentElement!.getBoundingClientRect();
        return {
          text: name.textContent ?? '',
          onScreen: r.bottom <= innerHeight && r.right <= innerWidth && r.bottom <= list.bottom + 1,
          cut: name.getBoundingClientRect().bottom > r.bottom + 1 || name.scrollWidth > name.clientWidth + 1,
        };
      }),
      page: document.querySelector('[data-testid=waiting-page]')?.textContent ?? null,
      scroll: document.scrollingElement!.scrollHeight,
    }));
    expect(seen.scroll, 'the hall page itself never scrolls').toBeLessThanOrEqual(await hall.evaluate(() => innerHeight));
    for (const i of seen.items) {
      expect(i.onScreen, `${i.text} is off screen`).toBe(true);
      expect(i.cut, `${i.text} is cut`).toBe(false);
    }
    return { names: seen.items.map((i) => i.text), page: seen.page };
  }

  for (const [total, size] of [
    [18, { width: 1920, height: 1080 }],
    [30, { width: 1920, height: 1080 }],
    [30, { width: 1366, height: 768 }],
  ] as const) {
    it(`${total} fields at ${size.width}×${size.height}: every waiting line is shown whole, page after page`, async () => {
      await withFields(env.hub, total);
      await longNames(12);
      const admin = await env.hub.login('admin');
      const settings = await env.hub.api('settings:get', {}, admin);
      await env.hub.api('settings:update', { ...settings, hallNotice: 'Trung tâm làm việc sáng thứ Bảy từ 7 giờ 30' }, admin);
      const all = (await env.hub.api('fields:list', {}, admin)).filter((f) => f.active).map((f) => f.nameVi);
      const kiosk = await env.hub.device('kiosk');
      for (const code of ['TP', 'DD', 'DKKD'])
        await env.hub.api('ticket:issue', { fieldId: await env.hub.fieldId(code), priority: false }, kiosk);
      await env.hub.api('counter:call-next', {}, await env.hub.officerAt(1));
      const hall = await pair('display', '/display/hall', size);
      await hall.getByTestId('call-1001').waitFor();
      await expect.poll(() => hall.locator('.waiting-item').count()).toBeGreaterThan(0);
      const first = await waitingOnScreen(hall);
      await screenshot(hall, `hall-${total}-fields-${size.width}x${size.height}`);
      const seen = new Set(first.names);
      if (first.names.length < all.length) {
        // The lines turn by themselves, saying which page is shown.
        expect(first.page).toMatch(/^Trang 1\/\d/);
        const pages = Number(/\/(\d+)/.exec(first.page!)![1]);
        for (let p = 2; p <= pages; p++) {
          await expect.poll(() => hall.getByTestId('waiting-page').textContent(), { timeout: 20_000 }).toContain(`Trang ${p}/${pages}`);
          const next = await waitingOnScreen(hall);
          for (const n of next.names) seen.add(n);
          if (p === 2) await screenshot(hall, `hall-${total}-fields-${size.width}x${size.height}-page-2`);
        }
      }
      expect([...seen].sort()).toEqual([...all].sort());
      // The calls keep their place above the lines, large and whole: lines never crush the calls.
      const card = await hall.locator('.call-card').first().boundingBox();
      const number = await hall.locator('.call-card .call-number').first().boundingBox();
      const panel = await hall.locator('.waiting-panel').boundingBox();
      expect(card!.y + card!.height).toBeLessThanOrEqual(panel!.y);
      expect(number!.y + number!.height, 'the called number shows whole').toBeLessThanOrEqual(card!.y + card!.height + 1);
      expect(number!.height, 'the called number is large (at least 6% of the screen height)').toBeGreaterThanOrEqual(size.height * 0.06);
    });
  }

  it('a 32-inch TV at 1366×768: "Quầy N" as large as the number, the newest of several calls marked', async () => {
    const kiosk = await env.hub.device('kiosk');
    for (const code of ['TP', 'DD', 'DKKD'])
      await env.hub.api('ticket:issue', { fieldId: await env.hub.fieldId(code), priority: false }, kiosk);
    const hall = await pair('display', '/display/hall', { width: 1366, height: 768 });
    await hall.getByTestId('now-calling').waitFor();
    for (const n of [1, 3, 4]) await env.hub.api('counter:call-next', {}, await env.hub.officerAt(n));
    await expect.poll(() => hall.locator('.call-card').count()).toBe(3);
    await expect.poll(() => hall.locator('.call-card.newest').count()).toBe(1);
    const last = (await env.hub.api('counter:get', {}, await env.hub.officerAt(4))).current!;
    expect(await hall.locator('.call-card.newest .call-number').textContent()).toBe(String(last.number));
    expect(await hall.locator('.call-card.newest').textContent()).toContain('MỚI GỌI');
    await screenshot(hall, 'hall-three-calls-1366x768');
    const cards = await hall.locator('.call-card').evaluateAll((els) =>
      els.map((c) => {
        const px = (sel: string) => parseFloat(getComputedStyle(c.querySelector(sel)!).fontSize);
        const counter = c.querySelector('.call-counter')!;
        const box = c.getBoundingClientRect();
        const r = counter.getBoundingClientRect();
        const field = c.querySelector('.call-field')!.getBoundingClientRect();
        return {
          fieldInside: field.bottom <= box.bottom + 1,
          number: px('.call-number'),
          counter: px('.call-counter'),
          inside: r.right <= box.right + 1 && r.bottom <= box.bottom + 1 && counter.scrollWidth <= counter.clientWidth + 1,
        };
      }),
    );
    for (const c of cards) {
      expect(c.counter, 'the counter is as large as the number').toBeGreaterThanOrEqual(c.number - 0.5);
      expect(c.counter, 'readable from across a hall (was 43.6 px)').toBeGreaterThanOrEqual(60);
      expect(c.inside, 'the counter shows whole inside its card').toBe(true);
      expect(c.fieldInside, 'the field shows whole inside its card').toBe(true);
    }
  });

  it('the sound hint asks a TV for a key, and only a touch screen for a touch', async () => {
    // Headless Chromium lets sound play at once; a TV's browser waits for someone to act. This
    // AudioContext does as the TV does: suspended until resumed during a user's gesture.
    const tvPolicy = () => {
      const Real = window.AudioContext;
      window.AudioContext = class extends Real {
        #allowed = false;
        override get state(): AudioContextState {
          return this.#allowed ? super.state : 'suspended';
        }
        override resume(): Promise<void> {
          if (navigator.userActivation.isActive) this.#allowed = true;
          return super.resume();
        }
      };
    };
    const admin = await env.hub.login('admin');
    for (const touch of [false, true]) {
      const ctx = await env.browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 768 }, hasTouch: touch });
      await ctx.addInitScript(tvPolicy);
      const { code } = await env.hub.api('devices:create', { kind: 'display', name: `TV ${touch}`, counterId: null }, admin);
      const tv = await ctx.newPage();
      await tv.goto(`${env.hub.hub.url}/display/hall#pair=${code}`);
      const hint = tv.getByTestId('sound-hint');
      await hint.waitFor({ timeout: 10_000 });
      const words = (await hint.textContent()) ?? '';
      if (touch) expect(words).toContain('Chạm vào màn hình');
      else {
        expect(words).not.toMatch(/Chạm/);
        expect(words).toContain('điều khiển');
        await screenshot(tv, 'hall-sound-hint-1366x768');
        await tv.keyboard.press('Enter'); // the remote's OK key
        await expect.poll(() => hint.count(), { timeout: 10_000 }).toBe(0);
      }
      await ctx.close();
    }
  });
});
