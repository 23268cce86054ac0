/// <reference lib="dom" />
// The manager's console in Debian's Chromium against a real hub on loopback, at the sizes of a
// manager PC: live alerts and the floor's actions, appointments to a scanned check-in, the audit
// trail, the settings form's errors, and the counter's pause reasons.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { RealClock, startTestHub, type TestHub } from '../helpers/hub.ts';
import { hasChromium, launchChromium, screenshot } from '../helpers/browser.ts';
import { withFields } from '../helpers/fields.ts';

const maybe = hasChromium ? describe : describe.skip;
if (!hasChromium) console.warn('SKIPPED browser tests: /usr/bin/chromium is missing (apt-get install -y chromium)');

let browser: Browser;
let t: TestHub;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (hasChromium) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  // The hub looks at the floor four times a second here (every 15 s in a center).
  t = await startTestHub({ clock: new RealClock(), alertCheckMs: 250 });
});
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
  await t.close();
});

async function page(size: { width: number; height: number }): Promise<Page> {
  const ctx = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  contexts.push(ctx);
  const p = await ctx.newPage();
  await p.setViewportSize(size);
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('close', () => expect(errors).toEqual([]));
  return p;
}

async function managerConsole(path = '/manager', size = { width: 1440, height: 900 }): Promise<Page> {
  const p = await page(size);
  await p.goto(`${t.hub.url}${path}`);
  await p.locator('input[name=username]').fill('quanly');
  await p.locator('input[name=password]').fill('motcua-quanly');
  await p.getByRole('button', { name: 'Đăng nhập' }).click();
  await p.getByTestId('tab-floor').waitFor();
  return p;
}

/** Center time (Hà Nội) as HH:MM, some minutes from now. */
function hanoiClock(minutesFromNow: number): string {
  return new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    Date.now() + minutesFromNow * 60_000,
  );
}

maybe('the manager console', () => {
  it('raises an alert live on the floor and in the header of every page, clears it by itself, and acts from the floor', async () => {
    const manager = await t.login('quanly');
    const tp = await t.fieldId('TP');
    const dd = await t.fieldId('DD');
    const settings = await t.api('settings:get', {}, manager);
    await t.api(
      'settings:update',
      { ...settings, alerts: { ...settings.alerts, fewCounters: 0, fields: [{ fieldId: tp, waitMin: null, queueLength: 2 }] } },
      manager,
    );
    const p = await managerConsole();
    await p.getByTestId('floor-alerts').waitFor();
    expect(await p.getByTestId('alert-badge').count()).toBe(0);

    const kiosk = await t.device('kiosk');
    const first = await t.api('ticket:issue', { fieldId: tp, priority: false }, kiosk);
    await t.api('ticket:issue', { fieldId: tp, priority: false }, kiosk);
    await p.locator('[data-alert="long-queue"]').waitFor({ timeout: 5000 });
    expect(await p.locator('[data-alert="long-queue"]').textContent()).toContain('Tư pháp – Hộ tịch: 2 người chờ mà ít quầy đang mở');
    expect(await p.getByTestId('alert-badge').textContent()).toBe('⚠ 1 cảnh báo');
    await screenshot(p, 'manager-floor-alert-1440x900');
    // Counted on every manager page, not only the floor.
    await p.getByTestId('tab-stats').click();
    expect(await p.getByTestId('alert-badge').textContent()).toBe('⚠ 1 cảnh báo');
    await p.getByTestId('alert-badge').click();
    await p.getByTestId('floor-alerts').waitFor();

    // An officer opens a counter for the field: the alert clears itself, live.
    const officer = await t.officerAt(1);
    await p.locator('[data-alert="long-queue"]').waitFor({ state: 'detached', timeout: 5000 });
    expect(await p.getByTestId('alert-badge').count()).toBe(0);

    // The officer calls the first ticket and leaves without closing: the manager closes the counter.
    await t.api('counter:call', { ticketId: first.ticket.id }, officer);
    await p.getByTestId('close-counter-1').click();
    await p.getByTestId('close-counter-dialog').waitFor();
    await screenshot(p, 'manager-floor-close-counter-1440x900');
    await p.getByTestId('close-counter-confirm').click();
    await expect.poll(() => p.locator('[data-counter="1"] .state').textContent()).toBe('Đóng');
    expect((await t.api('ticket:get', { id: first.ticket.id }, manager)).ticket.status).toBe('waiting');

    // The whole line of a field moves to another, by keyboard.
    await p.getByTestId(`move-waiting-${tp}`).click();
    await p.getByTestId('move-waiting-dialog').waitFor();
    expect(await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('move-to');
    await p.getByTestId('move-to').selectOption(String(dd));
    await p.getByTestId('move-waiting-confirm').click();
    await expect.poll(() => p.getByTestId('floor-message').textContent()).toBe('Đã chuyển 2 số thứ tự.');
    await expect.poll(() => p.locator(`[data-field="${dd}"] td.strong`).textContent()).toBe('2');

    // A ticket cancelled by its number, after a confirmation.
    await p.getByTestId('cancel-ticket').locator('input').fill(String(first.ticket.number));
    await p.getByTestId('cancel-ticket').locator('button[type=submit]').click();
    await p.getByTestId('floor-cancel-dialog').waitFor();
    await p.getByTestId('floor-cancel-confirm').click();
    await expect.poll(() => p.getByTestId('floor-message').textContent()).toBe(`Đã hủy số ${first.ticket.number}.`);
    expect((await t.api('ticket:get', { id: first.ticket.id }, manager)).ticket.status).toBe('cancelled');
    await screenshot(p, 'manager-floor-after-actions-1366x768');
  });

  it('an officer pauses with a reason by keyboard; the floor shows why', async () => {
    const officer = await page({ width: 1366, height: 768 });
    await officer.goto(`${t.hub.url}/counter`);
    await officer.locator('input[name=username]').fill('canbo2');
    await officer.locator('input[name=password]').fill('motcua-canbo');
    await officer.getByRole('button', { name: 'Đăng nhập' }).click();
    await officer.getByTestId('counter-2').click();
    await officer.getByTestId('desk-title').waitFor();
    await officer.keyboard.press('p');
    await officer.getByTestId('pause-dialog').waitFor();
    await screenshot(officer, 'counter-pause-reason-1366x768');
    await officer.keyboard.press('2'); // Họp
    await expect.poll(() => officer.getByTestId('desk-state').textContent()).toBe('Tạm dừng · Họp');
    const p = await managerConsole('/manager', { width: 1366, height: 768 });
    await expect.poll(() => p.locator('[data-counter="2"] .state').textContent()).toBe('Tạm dừng · Họp');
    await officer.keyboard.press('p'); // the same key resumes
    await expect.poll(() => p.locator('[data-counter="2"] .state').textContent()).toBe('Đang làm việc');
  });

  it('books an appointment, shows its QR, and follows its check-in by a scan at the kiosk', async () => {
    const p = await managerConsole('/manager/appointments');
    const form = p.getByTestId('appointment-form');
    await form.waitFor();
    await form.locator('select[name=fieldId]').selectOption({ label: 'Đất đai' });
    await form.locator('input[name=from]').fill(hanoiClock(-5));
    await form.locator('input[name=to]').fill(hanoiClock(55));
    await form.locator('input[type=checkbox]').check();
    await form.getByRole('button', { name: 'Tạo lịch hẹn' }).click();
    await p.getByTestId('appointment-qr').waitFor();
    const code = (await p.getByTestId('appointment-code').textContent())!;
    expect(code).toMatch(/^MH1\.[0-9BCGHKLMNPQTV]{11}\.[0-9BCGHKLMNPQTV]{17}$/); // an alphabet UniKey leaves as typed (#23)
    expect(await p.getByTestId('appointment-slip').textContent()).toContain('Đất đai · Ưu tiên');
    await screenshot(p, 'manager-appointment-slip-1440x900');
    await p.locator('[data-status="booked"]').waitFor();

    // The citizen scans the slip at the kiosk: a priority ticket of the field, at once.
    const admin = await t.login('admin');
    const pairing = await t.api('devices:create', { kind: 'kiosk', name: 'Kiosk hẹn', counterId: null }, admin);
    const kiosk = await page({ width: 1080, height: 1920 });
    await kiosk.goto(`${t.hub.url}/kiosk#pair=${pairing.code}`);
    await kiosk.getByTestId('field-TP').waitFor();
    await kiosk.keyboard.type(code);
    await kiosk.keyboard.press('Enter');
    await expect.poll(() => kiosk.getByTestId('ticket-number').textContent()).toBe('2001');

    // The list follows the check-in live.
    await p.locator('[data-status="checked-in"]').waitFor({ timeout: 5000 });
    expect(await p.locator('[data-status="checked-in"]').textContent()).toContain('Đã lấy số 2001');
    await screenshot(p, 'manager-appointments-checked-in-1440x900');
  });

  it('the audit trail names who did what to which ticket, and filters by ticket number', async () => {
    const kiosk = await t.device('kiosk');
    const tp = await t.fieldId('TP');
    const a = (await t.api('ticket:issue', { fieldId: tp, priority: false }, kiosk)).ticket;
    const b = (await t.api('ticket:issue', { fieldId: tp, priority: false }, kiosk)).ticket;
    const officer = await t.officerAt(1);
    await t.api('counter:call', { ticketId: a.id }, officer);
    await t.api('ticket:no-show', { id: a.id }, officer);
    await t.api('counter:call', { ticketId: b.id }, officer);
    await t.api('ticket:transfer', { id: b.id, fieldId: await t.fieldId('DD'), note: 'thiếu giấy tờ' }, officer);

    const p = await managerConsole('/manager/audit', { width: 1366, height: 768 });
    await p.getByTestId('audit-filter').waitFor();
    await p.locator('select[name=kind]').selectOption('service');
    await p.getByTestId('audit-list').waitFor();
    const rows = await p.getByTestId('audit-list').locator('tbody tr').allTextContents();
    expect(rows[0]).toContain('Nguyễn Thị Lan');
    expect(rows[0]).toContain(`Chuyển số ${b.number} sang Đất đai — ghi chú: “thiếu giấy tờ”`);
    expect(rows.some((r) => r.includes(`Đánh dấu vắng mặt số ${a.number}`))).toBe(true);
    await screenshot(p, 'manager-audit-1366x768');
    await p.locator('input[name=ticketNumber]').fill(String(a.number));
    await p.getByRole('button', { name: 'Xem' }).click();
    await expect
      .poll(async () =>
        (await p.getByTestId('audit-list').locator('tbody tr').allTextContents()).every((r) => r.includes(String(a.number))),
      )
      .toBe(true);
  });

  it("holds a provincial center's 18 fields: the floor lists every line with its action, the alert thresholds every field", async () => {
    await withFields(t, 18);
    const kiosk = await t.device('kiosk');
    const admin = await t.login('admin');
    const fields = (await t.api('fields:list', {}, admin)).filter((f) => f.active);
    expect(fields.length).toBeGreaterThanOrEqual(18);
    for (const f of fields.slice(0, 12)) await t.api('ticket:issue', { fieldId: f.id, priority: false }, kiosk);
    const p = await managerConsole('/manager', { width: 1440, height: 900 });
    await expect.poll(() => p.locator('[data-testid=floor-fields] tbody tr').count()).toBe(fields.length);
    expect(await p.locator('[data-testid^=move-waiting-]').count()).toBe(12);
    await screenshot(p, 'manager-floor-18-fields-1440x900');
    await p.getByTestId('tab-settings').click();
    const thresholds = p.getByTestId('alert-settings');
    await thresholds.waitFor();
    await thresholds.scrollIntoViewIfNeeded();
    expect(await thresholds.locator('tbody tr').count()).toBe(fields.length);
    await screenshot(p, 'manager-alert-thresholds-18-fields-1440x900');
  });

  it('the settings form puts each problem next to its input, never shows NaN, and sends nothing wrong', async () => {
    const p = await managerConsole('/manager/settings', { width: 1366, height: 768 });
    await p.locator('input[name=timezone]').waitFor();
    let sent = 0;
    p.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().endsWith('/api/config/settings')) sent++;
    });
    await p.locator('input[name=timezone]').fill('Hanoi');
    await p.locator('input[name=kioskIdleSeconds]').fill('');
    expect(await p.locator('input[name=kioskIdleSeconds]').inputValue()).toBe('');
    await p.locator('input[name=voiceTemplate]').fill('Mời công dân đến quầy {quay}');
    await p.locator('input[name="alerts.counterPausedMin"]').fill('0');
    // Each section saves on its own (#24): each one's Save finds that section's problems.
    for (const section of ['center', 'kiosk', 'voice', 'alerts'])
      await p.getByTestId(`section-${section}`).getByRole('button', { name: 'Lưu cài đặt' }).click();
    await expect.poll(() => p.getByTestId('error-timezone').textContent()).toBe('Múi giờ không đúng. Việt Nam dùng Asia/Ho_Chi_Minh.');
    expect(await p.getByTestId('error-kioskIdleSeconds').textContent()).toBe('Nhập một số.');
    expect(await p.getByTestId('error-voice.template').textContent()).toBe('Câu gọi phải có {so} (chỗ đọc số thứ tự).');
    expect(await p.getByTestId('error-alerts.counterPausedMin').textContent()).toBe('Nhỏ nhất là 1.');
    expect(await p.locator('body').textContent()).not.toContain('NaN');
    await screenshot(p, 'manager-settings-errors-1366x768');
    expect(sent).toBe(0);
  });
});
