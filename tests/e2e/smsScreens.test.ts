/// <reference lib="dom" />
// The officer's entry of a citizen's phone number and the manager's SMS section (#26) in Debian's
// Chromium at a counter PC's and a manager PC's size (1366×768), against a real hub whose texts go
// out through the GSM modem emulator: typed at the keyboard, refused in Vietnamese when it is not
// a mobile number, shown back only masked, and texted; the manager turns SMS on and off, chooses
// modem or gateway, sets when the first text goes, sees the modem's state, and is told clearly
// what is wrong.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { browserAndHub, hasChromium, screenshot } from '../helpers/browser.ts';
import { RealClock, startTestHub } from '../helpers/hub.ts';
import { ModemEmulator, textsThroughModem } from '../helpers/modem.ts';
import type { SmsSettings } from '../../main/contract/index.ts';

const maybe = hasChromium ? describe : describe.skip;
const SIZE = { width: 1366, height: 768 };
const env = browserAndHub(SIZE);
// Waits of several seconds each (the modem's probe, the section's reading of the hub's state) on a
// machine shared with other Chromium suites: these tests get two minutes.
let emulator: ModemEmulator | null = null;
const contexts: BrowserContext[] = [];
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
  await emulator?.stop();
  emulator = null;
});

/** Texts on through the emulator (the first text when 3 are ahead), opening hours off. */
function smsOn(path: string, sms: Partial<SmsSettings> = {}): Promise<void> {
  return textsThroughModem(env.hub, path, { sms: { aheadCount: 3, ...sms } });
}

/** An officer's console in a browser context of its own, signed in at a counter. */
async function officerConsole(username: string, counterNumber: number): Promise<Page> {
  const own = await env.browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: SIZE });
  contexts.push(own);
  const page = await own.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('close', () => expect(errors).toEqual([]));
  await page.goto(`${env.hub.hub.url}/counter`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill('motcua-canbo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId(`counter-${counterNumber}`).click();
  await page.getByTestId('desk-title').waitFor();
  return page;
}

async function managerSettings(): Promise<Page> {
  const p = await env.ctx.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('close', () => expect(errors).toEqual([]));
  await p.goto(`${env.hub.hub.url}/manager/settings#settings-sms`);
  await p.locator('input[name=username]').fill('quanly');
  await p.locator('input[name=password]').fill('motcua-quanly');
  await p.getByRole('button', { name: 'Đăng nhập' }).click();
  await p.getByTestId('section-sms').waitFor();
  return p;
}

/** Whether an element lies wholly inside the window. */
async function inView(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= SIZE.height && box.x >= 0 && box.x + box.width <= SIZE.width;
}

maybe('SMS at the counter, 1366×768', () => {
  it(
    'the officer types the number of the citizen being served: a wrong one is refused in Vietnamese, a right one is shown only masked and texted',
    { timeout: 120_000 },
    async () => {
      emulator = await ModemEmulator.start();
      const em = emulator;
      await smsOn(em.path);
      const t = env.hub;
      const kiosk = await t.device('kiosk');
      const issued: number[] = [];
      for (let i = 0; i < 3; i++)
        issued.push((await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk)).ticket.id);
      const c2 = await t.officerAt(2); // where the citizen is sent on
      const c1 = await officerConsole('canbo1', 1);
      await c1.keyboard.press('n');
      await expect.poll(() => c1.getByTestId('current-number').textContent()).toBe('1001');
      await c1.getByTestId('sms-entry').waitFor();
      expect(await c1.getByTestId('sms-entry').textContent()).toContain('Số điện thoại nhận tin nhắn (SMS)');

      // At the keyboard: letters are not taken, and the desk's one-letter shortcuts do not fire while typing.
      const input = c1.locator('input[name=sms-phone]');
      await input.click();
      await c1.keyboard.type('b12a345');
      expect(await input.inputValue()).toBe('12345');
      expect(await c1.getByTestId('current').textContent()).toContain('Đã gọi'); // 'b' did not start the service
      await c1.keyboard.press('Enter');
      await expect.poll(() => c1.getByTestId('sms-error').textContent()).toBe('Số chưa đúng: số di động gồm 10 chữ số, bắt đầu bằng 0.');
      for (const tool of ['sms-entry', 'action-call-next', 'action-finish', 'action-transfer', 'call-number', 'issue-here', 'no-show-list'])
        expect(await inView(c1, tool), tool).toBe(true);
      expect(
        await c1.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1),
        'the desk itself does not scroll with the entry and its message',
      ).toBe(true);
      await screenshot(c1, 'counter-sms-invalid-1366x768');

      await input.fill('');
      await c1.keyboard.type('0912 345 678');
      await c1.keyboard.press('Enter');
      await expect.poll(() => c1.getByTestId('sms-saved').textContent()).toBe('Đã lưu: ••• ••• 678');
      expect(await input.inputValue()).toBe('');
      expect(await c1.getByTestId('sms-error').count()).toBe(0);
      await screenshot(c1, 'counter-sms-saved-1366x768');
      // Laid out apart: the label's words do not touch the box, and what was saved has a line of its own.
      const gapAfterLabel = await c1
        .getByTestId('sms-entry')
        .locator('label')
        .evaluate((label) => {
          const words = document.createRange();
          words.selectNodeContents(label.firstChild as Node);
          return (label.querySelector('input') as HTMLInputElement).getBoundingClientRect().left - words.getBoundingClientRect().right;
        });
      expect(gapAfterLabel).toBeGreaterThanOrEqual(6);
      const saveBox = await c1.getByTestId('sms-entry').getByRole('button', { name: 'Lưu số' }).boundingBox();
      const savedBox = await c1.getByTestId('sms-saved').boundingBox();
      expect(savedBox!.y).toBeGreaterThanOrEqual(saveBox!.y + saveBox!.height);
      for (const tool of ['sms-entry', 'action-call-next', 'action-finish', 'action-transfer', 'call-number', 'issue-here', 'no-show-list'])
        expect(await inView(c1, tool), tool).toBe(true);
      expect(await c1.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);
      // Never in full again: not in the page's text, its inputs or its markup.
      const markup = await c1.content();
      for (const form of ['0912345678', '0912 345 678', '912345678', '345 678', '345678']) expect(markup).not.toContain(form);
      const numbers = new Database(join(t.dir, 'sms-numbers.db'), { readonly: true });
      try {
        expect(numbers.prepare('SELECT phone FROM numbers').all()).toEqual([{ phone: '0912345678' }]);
      } finally {
        numbers.close();
      }

      // Sent on to counter 2: the citizen is texted when the turn there is near and when called there.
      await c1.getByTestId('action-transfer').click(); // 'c' would be typed into the number's box, which has the focus
      await c1.getByTestId('transfer-counter-2').click();
      await c1.getByTestId('transfer-confirm-button').click();
      await expect.poll(() => c1.getByTestId('current').textContent()).toContain('Chưa gọi số nào');
      await em.until(() => em.sent.length === 1);
      await t.api('counter:call', { ticketId: issued[0]! }, c2);
      await em.until(() => em.sent.length === 2);
      expect(em.sent.map((m) => m.to)).toEqual(['+84912345678', '+84912345678']);
      expect(em.sent[1]!.text).toMatch(/\b1001\b.*\bquay (so )?2\b/); // its wording is the hub's (smsTexts.ts)
    },
  );
});

maybe('SMS for a number issued at the counter, 1366×768', () => {
  it(
    'the officer issues a number to a citizen who will wait, types the citizen’s phone on the slip: shown only masked, and the citizen is texted when few are ahead and when called',
    { timeout: 120_000 },
    async () => {
      emulator = await ModemEmulator.start();
      const em = emulator;
      await smsOn(em.path); // the first text when 3 are ahead
      const t = env.hub;
      const kiosk = await t.device('kiosk');
      const tp = await t.fieldId('TP');
      for (let i = 0; i < 4; i++) await t.api('ticket:issue', { fieldId: tp, priority: false }, kiosk);
      const c2 = await t.officerAt(2); // where the citizen is called
      const c1 = await officerConsole('canbo1', 1);
      await c1.getByTestId('issue-here').click();
      await c1.locator('select[name=field]').selectOption(String(tp));
      await c1.getByTestId('issue-confirm').click();
      const slip = c1.getByTestId('issue-slip');
      await expect.poll(() => c1.getByTestId('issue-slip-number').textContent()).toBe('1005');
      expect(await slip.textContent()).toContain('Số người chờ trước: 4');
      const entry = slip.getByTestId('sms-entry');
      expect(await entry.textContent()).toContain('Số điện thoại nhận tin nhắn (SMS)');
      const input = entry.locator('input[name=sms-phone]');
      await input.click();
      await c1.keyboard.type('0912 3');
      await c1.keyboard.press('Enter');
      await expect.poll(() => slip.getByTestId('sms-error').textContent()).toBe('Số chưa đúng: số di động gồm 10 chữ số, bắt đầu bằng 0.');
      await input.fill('');
      await c1.keyboard.type('0987 654 321');
      await c1.keyboard.press('Enter');
      await expect.poll(() => slip.getByTestId('sms-saved').textContent()).toBe('Đã lưu: ••• ••• 321');
      expect(await input.inputValue()).toBe('');
      for (const tool of ['issue-slip-number', 'sms-entry', 'issue-slip-print', 'issue-slip-done']) {
        const box = await slip.getByTestId(tool).boundingBox();
        expect(box !== null && box.y >= 0 && box.y + box.height <= SIZE.height, tool).toBe(true);
      }
      await screenshot(c1, 'counter-issue-slip-sms-1366x768');
      const markup = await c1.content();
      for (const form of ['0987654321', '0987 654 321', '987654321', '654 321', '654321']) expect(markup).not.toContain(form);
      expect(em.sent).toEqual([]); // 4 ahead: not yet
      await slip.getByTestId('issue-slip-done').click();

      // Counter 2 calls the line: with 3 ahead the citizen is told the turn is near, then called.
      let called = await t.api('counter:call-next', {}, c2);
      await em.until(() => em.sent.length === 1);
      expect(em.sent[0]!.to).toBe('+84987654321');
      for (let i = 0; i < 4; i++) {
        await t.api('ticket:no-show', { id: called.id }, c2);
        called = await t.api('counter:call-next', {}, c2);
      }
      expect(called.number).toBe(1005);
      await em.until(() => em.sent.length === 2);
      expect(em.sent.map((m) => m.to)).toEqual(['+84987654321', '+84987654321']);
      expect(em.sent[0]!.text).toMatch(/\b1005\b/);
      // The wording is the hub's (main/hub/smsTexts.ts, being reworded): the number and the counter.
      expect(em.sent[1]!.text).toMatch(/\b1005\b.*\bquay (so )?2\b/);
    },
  );
});

maybe('SMS number already left, at the counter, 1366×768', () => {
  it(
    'the officer sees, masked only, that the citizen left a number at the kiosk, and it stays after a reload',
    { timeout: 120_000 },
    async () => {
      emulator = await ModemEmulator.start();
      await smsOn(emulator.path);
      const t = env.hub;
      const kiosk = await t.device('kiosk');
      const tp = await t.fieldId('TP');
      const first = (await t.api('ticket:issue', { fieldId: tp, priority: false }, kiosk)).ticket;
      await t.api('ticket:issue', { fieldId: tp, priority: false }, kiosk); // a second, with no number
      await t.api('ticket:sms', { id: first.id, phone: '0987654321' }, kiosk);
      const c1 = await officerConsole('canbo1', 1);
      await c1.keyboard.press('n');
      await expect.poll(() => c1.getByTestId('current-number').textContent()).toBe('1001');
      await expect.poll(() => c1.getByTestId('sms-known').textContent()).toBe('Đã có số nhận tin: ••• ••• 321');
      expect(await inView(c1, 'sms-known')).toBe(true);
      await screenshot(c1, 'counter-sms-known-1366x768');
      const markup = await c1.content();
      for (const form of ['0987654321', '987654321', '654321', '654 321']) expect(markup).not.toContain(form);
      await c1.reload();
      await expect.poll(() => c1.getByTestId('sms-known').textContent()).toBe('Đã có số nhận tin: ••• ••• 321');
      for (const tool of ['sms-entry', 'action-call-next', 'action-finish', 'action-transfer', 'call-number', 'issue-here', 'no-show-list'])
        expect(await inView(c1, tool), tool).toBe(true);
      expect(await c1.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);

      // The next citizen has none; one typed at the desk is still said after a reload.
      await c1.getByTestId('action-no-show').click();
      await c1.getByTestId('action-call-next').click();
      await expect.poll(() => c1.getByTestId('current-number').textContent()).toBe('1002');
      expect(await c1.getByTestId('sms-known').count()).toBe(0);
      await c1.locator('input[name=sms-phone]').fill('0912345678');
      await c1.keyboard.press('Enter');
      await expect.poll(() => c1.getByTestId('sms-saved').textContent()).toBe('Đã lưu: ••• ••• 678');
      await c1.reload();
      await expect.poll(() => c1.getByTestId('sms-known').textContent()).toBe('Đã có số nhận tin: ••• ••• 678');
      expect(await c1.content()).not.toContain('345678');
    },
  );
});

const save = (p: Page) => p.getByTestId('section-sms').getByRole('button', { name: 'Lưu cài đặt' }).click();

maybe('the manager SMS section, 1366×768', () => {
  it('every choice of each list reads whole in its box', async () => {
    const p = await managerSettings();
    const section = p.getByTestId('section-sms');
    await section.scrollIntoViewIfNeeded();
    await screenshot(p, 'manager-sms-off-1366x768');
    for (const transport of ['modem', 'gateway']) {
      await p.locator('select[name="sms.transport"]').selectOption(transport);
      const cut = await section.locator('select').evaluateAll((selects) =>
        (selects as HTMLSelectElement[]).flatMap((el) => {
          const cs = getComputedStyle(el);
          const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 16; // the arrow
          return [...el.options].flatMap((o) => {
            const span = document.createElement('span');
            span.style.font = cs.font;
            span.style.whiteSpace = 'pre';
            span.textContent = o.text;
            document.body.append(span);
            const w = span.getBoundingClientRect().width;
            span.remove();
            return w > room ? [`${o.text} (${Math.round(w)} px in ${Math.round(room)})`] : [];
          });
        }),
      );
      expect(cut).toEqual([]);
    }
  });

  it(
    'on and off, modem or gateway, when the first text goes: each problem said at the box to change, in words a manager can act on; saved across a reload',
    { timeout: 120_000 },
    async () => {
      emulator = await ModemEmulator.start();
      const em = emulator;
      const p = await managerSettings();
      const section = p.getByTestId('section-sms');
      const state = p.getByTestId('sms-state-now');
      // On, with no modem port: said at the port's box, in words a manager can act on.
      await p.locator('input[name="sms.enabled"]').check();
      await save(p);
      await expect
        .poll(() => p.getByTestId('error-sms.modemPath').textContent())
        .toBe('Nhập cổng của modem để gửi tin nhắn (ví dụ /dev/ttyUSB0 hoặc COM3), hoặc bỏ chọn "Gửi tin nhắn SMS".');
      expect(await section.textContent()).not.toContain('Giá trị không hợp lệ');
      await screenshot(p, 'manager-sms-no-port-1366x768');
      await p.locator('input[name="sms.modemPath"]').fill('/dev/modem');
      await save(p);
      await expect
        .poll(() => p.getByTestId('error-sms.modemPath').textContent())
        .toContain('Cổng không đúng. Trên Windows là COM và một số (COM3)');

      // A gateway: its URL and method; the port's box stays while it holds a problem (the Save checks it too).
      await p.locator('select[name="sms.transport"]').selectOption('gateway');
      expect(await p.getByTestId('error-sms.modemPath').isVisible()).toBe(true);
      await p.locator('input[name="sms.modemPath"]').fill('');
      await p.locator('input[name="sms.gatewayUrl"]').fill('http://sms.example.vn/send?to={to}');
      await p.locator('select[name="sms.gatewayMethod"]').selectOption('POST');
      await p.locator('input[name="sms.aheadCount"]').fill('25');
      await save(p);
      await expect
        .poll(() => p.getByTestId('error-sms.gatewayUrl').textContent())
        .toContain('có {to}, {to84} hoặc {to0} (chỗ điền số điện thoại) và {text}');
      // Under the box, how the provider's URL is read: the number's three forms, and the #ok= / #fail=
      // ending for a gateway that answers 200 even when it fails; the problem above says it in the same words.
      const note = p.getByTestId('sms-gateway-url-note');
      const answer = p.getByTestId('sms-gateway-answer-note');
      expect(await note.isVisible()).toBe(true);
      expect(await answer.isVisible()).toBe(true);
      expect(await note.textContent()).toBe(
        'Trong địa chỉ, {text} là chỗ điền nội dung tin; số điện thoại điền vào {to} (+84912345678), {to84} (84912345678) hoặc {to0} (0912345678), tùy nhà cung cấp.',
      );
      const answered = await answer.textContent();
      for (const part of [
        'Cổng trả lời 2xx là đã gửi.',
        'Nếu cổng trả lời 200 cả khi lỗi, thêm vào cuối #ok=',
        '#fail=<chữ có khi bị từ chối>',
        'dấu cách viết %20',
        'phần từ dấu # trở đi không được gửi đi',
      ])
        expect(answered).toContain(part);
      expect(await p.getByTestId('error-sms.gatewayUrl').textContent()).toContain('(trong #ok= hoặc #fail= viết dấu cách là %20)');
      for (const box of [await note.boundingBox(), await answer.boundingBox()]) expect(box!.x + box!.width).toBeLessThanOrEqual(SIZE.width);
      expect(await p.getByTestId('error-sms.aheadCount').textContent()).toBe('Lớn nhất là 20.');
      expect(await p.locator('input[name="sms.modemPath"]').count()).toBe(0); // its problem is gone: the gateway's boxes only
      await screenshot(p, 'manager-sms-gateway-problems-1366x768');

      // Back to the modem: the gateway's bad URL would still stop the Save, so its box stays in view with its problem.
      await p.locator('select[name="sms.transport"]').selectOption('modem');
      await p.locator('input[name="sms.modemPath"]').fill(em.path);
      await p.locator('input[name="sms.aheadCount"]').fill('5');
      await save(p);
      await expect.poll(() => p.getByTestId('error-sms.gatewayUrl').isVisible()).toBe(true);
      expect(await p.locator('input[name="sms.gatewayUrl"]').isVisible()).toBe(true);
      await screenshot(p, 'manager-sms-hidden-problem-1366x768');
      await p.locator('input[name="sms.gatewayUrl"]').fill('');
      await p.locator('select[name="sms.encoding"]').selectOption('ucs2');
      await p.locator('input[name="sms.minIntervalSec"]').fill('0');
      await save(p);
      await section.getByText('Đã lưu.').waitFor();
      expect(await p.locator('input[name="sms.gatewayUrl"]').count()).toBe(0);
      const admin = await env.hub.login('admin');
      expect((await env.hub.api('settings:get', {}, admin)).sms).toEqual({
        enabled: true,
        transport: 'modem',
        modemPath: em.path,
        gatewayUrl: '',
        gatewayMethod: 'POST',
        aheadCount: 5,
        encoding: 'ucs2',
        minIntervalSec: 0,
      });

      // Saved: a reload shows the same.
      await p.reload();
      await section.waitFor();
      expect(await p.locator('input[name="sms.enabled"]').isChecked()).toBe(true);
      expect(await p.locator('select[name="sms.transport"]').inputValue()).toBe('modem');
      expect(await p.locator('input[name="sms.modemPath"]').inputValue()).toBe(em.path);
      expect(await p.locator('input[name="sms.aheadCount"]').inputValue()).toBe('5');
      expect(await p.locator('select[name="sms.encoding"]').inputValue()).toBe('ucs2');
      expect(await p.locator('input[name="sms.minIntervalSec"]').inputValue()).toBe('0');

      // Off again, and still off after a reload.
      await p.locator('input[name="sms.enabled"]').uncheck();
      await save(p);
      await section.getByText('Đã lưu.').waitFor();
      await expect.poll(() => state.textContent(), { timeout: 15_000 }).toBe('Đang tắt: không gửi tin nhắn nào.');
      await p.reload();
      await section.waitFor();
      expect(await p.locator('input[name="sms.enabled"]').isChecked()).toBe(false);
      expect((await env.hub.api('settings:get', {}, admin)).sms.enabled).toBe(false);
    },
  );

  it(
    'the modem state as the hub sees it: off, ready with its signal, a fault in words, and today’s messages',
    { timeout: 120_000 },
    async () => {
      // A hub that looks at its modem every half second, so a fault shows within the test.
      const old = env.hub;
      env.replaceHub(await startTestHub({ clock: new RealClock(), sms: { tickMs: 100, probeMs: 500 } }));
      await old.close();
      emulator = await ModemEmulator.start();
      const em = emulator;
      const p = await managerSettings();
      const state = p.getByTestId('sms-state-now');
      await expect.poll(() => state.textContent(), { timeout: 15_000 }).toBe('Đang tắt: không gửi tin nhắn nào.');
      await smsOn(em.path);
      // The modem's state, as the hub sees it.
      await expect.poll(() => state.textContent(), { timeout: 15_000 }).toBe('Modem sẵn sàng, sóng tốt (18/31).');
      expect(await p.getByTestId('sms-state-today').textContent()).toBe('Hôm nay: đã gửi 0 tin, không gửi được 0 tin, đang chờ 0 tin.');
      const t = env.hub;
      const kiosk = await t.device('kiosk');
      const ticket = (await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk)).ticket;
      await t.api('ticket:sms', { id: ticket.id, phone: '0912345678' }, kiosk);
      await em.until(() => em.sent.length === 1);
      await expect
        .poll(() => p.getByTestId('sms-state-today').textContent(), { timeout: 15_000 })
        .toBe('Hôm nay: đã gửi 1 tin, không gửi được 0 tin, đang chờ 0 tin.');
      await screenshot(p, 'manager-sms-ready-1366x768');
      em.set({ sim: 'absent' });
      await expect
        .poll(() => state.textContent(), { timeout: 15_000 })
        .toBe('Chưa gửi được tin nhắn: modem không có thẻ SIM (hoặc thẻ SIM hỏng). Hãy lắp lại thẻ SIM.');
      await screenshot(p, 'manager-sms-no-sim-1366x768');
      em.set({ sim: 'ready' });
      await expect.poll(() => state.textContent(), { timeout: 15_000 }).toBe('Modem sẵn sàng, sóng tốt (18/31).');

      await smsOn(em.path, { enabled: false });
      await expect.poll(() => state.textContent(), { timeout: 15_000 }).toBe('Đang tắt: không gửi tin nhắn nào.');
    },
  );
});
