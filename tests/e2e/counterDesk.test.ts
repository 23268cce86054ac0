/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The officer's desk at 1366×768 with a real center's day (#24 items 7, 11, 12, 13): long lines,
// priority citizens arriving one after another, transfers with a note, the tools that must stay in view.
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserAndHub, hasChromium, screenshot } from '../helpers/browser.ts';

const maybe = hasChromium ? describe : describe.skip;
const SIZE = { width: 1366, height: 768 };
const env = browserAndHub(SIZE);
let contexts: BrowserContext[] = [];
afterEach(async () => {
  for (const c of contexts) await c.close();
  contexts = [];
});

/** Each officer in a browser context of their own: a console keeps its token in localStorage. */
async function officerConsole(username: string, counterNumber: number): Promise<Page> {
  const own = await env.browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: SIZE });
  contexts.push(own);
  const page = await own.newPage();
  await page.goto(`${env.hub.hub.url}/counter`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill('motcua-canbo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId(`counter-${counterNumber}`).click();
  await page.getByTestId('desk-title').waitFor();
  return page;
}

/** Tickets as a kiosk issues them, straight through the engine (a real day's line, past a kiosk's request budget). */
async function issue(n: number, priority: (i: number) => boolean = () => false, code = 'TP') {
  const t = env.hub;
  const fieldId = await t.fieldId(code);
  const kiosk = { staffId: null, deviceId: null, counterId: null, supervisor: false };
  for (let i = 0; i < n; i++) t.hub.engine.issue({ fieldId, priority: priority(i), source: 'kiosk' }, kiosk);
}

/** Whether an element lies wholly inside the window. */
async function inView(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= SIZE.height && box.x >= 0 && box.x + box.width <= SIZE.width;
}

maybe('the desk at 1366×768', () => {
  it('61 waiting: one-line rows, a dozen and more in view, the tools in view without scrolling; past 200 the rest is counted', async () => {
    await issue(61, (i) => i % 9 === 0);
    const c1 = await officerConsole('canbo1', 1);
    const list = c1.getByTestId('waiting-list');
    await expect.poll(() => list.locator('tr').count()).toBe(61);
    expect(await list.locator('h2').textContent()).toContain('(61)');
    for (const tool of ['call-number', 'issue-here', 'cancel-ticket', 'action-call-next', 'action-finish', 'no-show-list']) {
      expect(await inView(c1, tool), `${tool} in view`).toBe(true);
    }
    expect(
      await c1.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1),
      'the page itself does not scroll',
    ).toBe(true);
    const rows = await list.locator('tr').evaluateAll((trs) => {
      const scroller = trs[0]!.closest('.desk-list-scroll')!.getBoundingClientRect();
      return trs.map((tr) => {
        const r = tr.getBoundingClientRect();
        return { h: r.height, shown: r.top >= scroller.top - 1 && r.bottom <= Math.min(scroller.bottom, window.innerHeight) + 1 };
      });
    });
    await screenshot(c1, 'counter-desk-61-waiting-1366x768');
    expect(Math.max(...rows.map((r) => r.h)), 'one line per row').toBeLessThanOrEqual(40);
    expect(rows.filter((r) => r.shown).length, 'rows in view').toBeGreaterThanOrEqual(12);

    // 231 waiting: the list holds the first 200 and says how many more there are.
    await issue(170);
    await expect
      .poll(() => c1.getByTestId('waiting-list-more').textContent())
      .toBe('Còn 31 số nữa chưa hiện (danh sách hiện 200 số gọi trước).');
    expect(await list.locator('h2').textContent()).toContain('(231)');
    expect(await inView(c1, 'issue-here')).toBe(true);
    expect(await inView(c1, 'no-show-list')).toBe(true);
    await list.locator('.desk-list-scroll').evaluate((e) => e.scrollTo(0, e.scrollHeight));
    await screenshot(c1, 'counter-desk-231-waiting-end-1366x768');
  });

  it('priority citizens arriving one after another: the list shows a citizen without priority called after three in a row, marked, and call-next takes it there', async () => {
    await issue(1); // 1001, no priority, first to arrive
    await issue(6, () => true); // 1002…1007, priority
    const c1 = await officerConsole('canbo1', 1);
    const order = () => c1.locator('[data-testid=waiting-list] tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-number')));
    await expect.poll(order).toEqual(['1002', '1003', '1004', '1001', '1005', '1006', '1007']);
    expect(await c1.locator('[data-testid=waiting-list] tr[data-number="1001"] [data-testid=interleaved]').textContent()).toBe('Xen kẽ');
    await screenshot(c1, 'counter-priority-interleaved-1366x768');
    const called: string[] = [];
    for (let i = 0; i < 4; i++) {
      await c1.keyboard.press('n');
      await expect.poll(() => c1.getByTestId('current-number').textContent()).not.toBe(called.at(-1) ?? '');
      called.push((await c1.getByTestId('current-number').textContent())!);
      await c1.keyboard.press('b');
      await expect.poll(() => c1.getByTestId('timer').isVisible()).toBe(true);
      await expect.poll(() => c1.getByTestId('current').textContent()).toContain('Đang phục vụ');
      await c1.keyboard.press('h');
      await expect.poll(() => c1.getByTestId('current').textContent()).toContain('Chưa gọi số nào');
    }
    expect(called).toEqual(['1002', '1003', '1004', '1001']);
  });

  it('a transfer by keyboard keeps the typed note, Enter confirms; the receiving desk shows where it came from and the note', async () => {
    await issue(1);
    const c2 = await officerConsole('canbo2', 2);
    const c1 = await officerConsole('canbo1', 1);
    await c2.keyboard.press('n');
    await expect.poll(() => c2.getByTestId('current-number').textContent()).toBe('1001');
    await c2.keyboard.press('c');
    await c2.getByTestId('transfer-dialog').waitFor();
    await c2.getByTestId('transfer-counter-1').focus();
    await c2.keyboard.press('Enter');
    await c2.getByTestId('transfer-confirm').waitFor();
    // Focus went to the note, inside the dialog: typing goes there, Enter confirms.
    expect(await c2.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('note');
    await c2.keyboard.type('thiếu bản sao sổ hộ khẩu');
    expect(await c2.locator('[data-testid=transfer-dialog] input[name=note]').inputValue()).toBe('thiếu bản sao sổ hộ khẩu');
    await c2.keyboard.press('Enter');
    await expect.poll(() => c2.getByTestId('current').textContent()).toContain('Chưa gọi số nào');

    // The receiving officer sees it in the list, then on the desk when called.
    const row = c1.locator('[data-testid=waiting-list] tr[data-number="1001"]');
    await expect.poll(() => row.textContent()).toContain('Chuyển từ Quầy số 2');
    expect(await row.textContent()).toContain('Ghi chú: thiếu bản sao sổ hộ khẩu');
    await c1.keyboard.press('n');
    await expect.poll(() => c1.getByTestId('current-number').textContent()).toBe('1001');
    await expect.poll(() => c1.getByTestId('current-transfer').textContent()).toContain('Chuyển từ Quầy số 2');
    expect(await c1.getByTestId('current-transfer-note').textContent()).toBe('Ghi chú: thiếu bản sao sổ hộ khẩu');
    await screenshot(c1, 'counter-transferred-here-1366x768');
  });

  it('"Hủy số?" opens on the safe choice (Enter cancels nothing); "Hoàn thành" says why it cannot be done; a number issued here is shown as a slip with its QR', async () => {
    await issue(2);
    const c1 = await officerConsole('canbo1', 1);
    // Nothing called yet: pressing "Hoàn thành" says to call first.
    await c1.getByTestId('action-finish').click({ force: true });
    await expect.poll(() => c1.locator('.error').textContent()).toContain('Gọi số tiếp');
    await c1.keyboard.press('n');
    await expect.poll(() => c1.getByTestId('current-number').textContent()).toBe('1001');
    await c1.getByTestId('action-finish').click({ force: true });
    await expect.poll(() => c1.locator('.error').textContent()).toContain('Bắt đầu');

    await c1.getByTestId('cancel-ticket').click();
    await c1.getByTestId('cancel-dialog').waitFor();
    expect(await c1.evaluate(() => document.activeElement?.textContent)).toBe('Quay lại');
    await screenshot(c1, 'counter-cancel-safe-focus-1366x768');
    await c1.keyboard.press('Enter');
    await expect.poll(() => c1.getByTestId('cancel-dialog').count()).toBe(0);
    expect(await c1.getByTestId('current-number').textContent()).toBe('1001');
    const t = env.hub;
    expect((t.hub.db.prepare('SELECT status FROM tickets WHERE number = 1001').get() as { status: string }).status).toBe('called');

    await c1.getByTestId('issue-here').click();
    await c1.locator('[data-testid=issue-dialog] input[name=priority]').check();
    await c1.getByTestId('issue-confirm').click();
    await expect.poll(() => c1.getByTestId('issue-slip-number').textContent()).toBe('1003');
    await expect.poll(() => c1.getByTestId('issue-slip-qr').getAttribute('data-payload')).toMatch(/^MC2\.\d+\.\d{8}\.1003\./);
    expect(await c1.getByTestId('issue-slip-body').textContent()).toContain('Ưu tiên');
    expect(await inView(c1, 'issue-slip-print')).toBe(true);
    await screenshot(c1, 'counter-issue-slip-1366x768');
    await c1.emulateMedia({ media: 'print' });
    await screenshot(c1, 'counter-issue-slip-print-1366x768');
    await c1.emulateMedia({ media: 'screen' });
    await c1.getByTestId('issue-slip-done').click();
    await expect.poll(() => c1.getByTestId('issue-slip').count()).toBe(0);
  });
});
