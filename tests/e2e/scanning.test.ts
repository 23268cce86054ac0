/// <reference lib="dom" />
// A keyboard-wedge scanner typing into the kiosk page, in Chromium, against a real hub.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAndHub, hasChromium, screenshot } from '../helpers/browser.ts';
import { WedgeReader } from '../../renderer/src/kiosk/wedge.ts';
import { readSettings } from '../../db/settings.ts';
import { ticketCode } from '../../main/queue/ticketCode.ts';

const maybe = hasChromium ? describe : describe.skip;
/** An elderly citizen's CCCD as a wedge types it: the Vietnamese letters are lost on the way. */
const wedgedCard = '001058012345|123456789|Nguyn Vn n|15031958|Nam|S 1 Trng Tin Hon Km H Ni|20042021';

describe('wedge reader', () => {
  it('takes a fast burst ending in Enter, ignores typing speed and short bursts', () => {
    const w = new WedgeReader(40, 6, 400);
    let t = 0;
    const burst = (s: string, gap: number) => {
      let out: string | null = null;
      for (const c of [...s, 'Enter']) {
        t += gap;
        out = w.key(c === 'Enter' ? 'Enter' : c, t) ?? out;
      }
      return out;
    };
    expect(burst('MC1.57.20261123', 8)).toBe('MC1.57.20261123');
    expect(burst('1234567890', 150)).toBeNull(); // a person typing
    expect(burst('12', 5)).toBeNull();
    t += 1000;
    // One key held up by a busy machine does not spoil a scan.
    let out: string | null = null;
    for (const [i, c] of [...'001058012345', 'Enter'].entries()) {
      t += i === 6 ? 150 : 5;
      out = w.key(c, t) ?? out;
    }
    expect(out).toBe('001058012345');
    t += 1000;
    expect(burst('000.00.12.H34-231123-0001', 20)).toBe('000.00.12.H34-231123-0001');
  });
});

const env = browserAndHub({ width: 1080, height: 1920 });

async function kioskPage(): Promise<Page> {
  const admin = await env.hub.login('admin');
  const { code } = await env.hub.api('devices:create', { kind: 'kiosk', name: 'Kiosk quét', counterId: null }, admin);
  const page = await env.ctx.newPage();
  await page.goto(`${env.hub.hub.url}/kiosk#pair=${code}`);
  await page.getByTestId('field-TP').waitFor();
  return page;
}

async function scan(page: Page, text: string, delay = 0): Promise<void> {
  await page.keyboard.type(text, { delay });
  await page.keyboard.press('Enter');
}

maybe('scanning at the kiosk', () => {
  it('a CCCD scan offers priority to an elderly citizen and issues a scan ticket in the chosen field', async () => {
    const page = await kioskPage();
    await scan(page, wedgedCard);
    await page.getByTestId('scanned-card').waitFor();
    expect(await page.getByTestId('scanned-card').textContent()).toContain('ưu tiên');
    expect(await page.getByTestId('priority').getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'kiosk-scanned-card-portrait-1080x1920');
    await page.getByTestId('field-TP').click();
    await expect.poll(() => page.getByTestId('ticket-number').textContent()).toBe('1001');
    const issued = await env.hub.api('ticket:get', { id: 1 }, await env.hub.device('kiosk'));
    expect(issued.ticket).toMatchObject({ priority: true, source: 'scan', number: 1001 });
  });

  it('a dossier receipt issues in its field; our own ticket QR shows its status; slow typing is not a scan', async () => {
    const page = await kioskPage();
    await scan(page, '000.00.12.H34-231123-0001');
    await expect.poll(() => page.getByTestId('ticket-number').textContent()).toBe('9001');
    await page.getByRole('button', { name: 'Xong' }).click();

    const issued = await env.hub.api(
      'ticket:issue',
      { fieldId: await env.hub.fieldId('DD'), priority: false },
      await env.hub.device('kiosk'),
    );
    await scan(page, ticketCode(readSettings(env.hub.hub.db).hubSecret as string, issued.ticket));
    await page.getByTestId('ticket-status').waitFor();
    expect(await page.getByTestId('ticket-status').textContent()).toContain('2001');
    await screenshot(page, 'kiosk-ticket-status-portrait-1080x1920');
    await page.getByRole('button', { name: 'Xong' }).click();

    await scan(page, 'https://example.org/abc');
    await expect.poll(() => page.getByTestId('refused').textContent()).toContain('Không nhận ra mã vừa quét');
    await page.getByRole('button', { name: 'Quay lại' }).click();

    await scan(page, '000.00.12.H34-231123-0002', 120); // a person typing, not a scanner
    await page.waitForTimeout(500);
    expect(await page.getByTestId('ticket').count()).toBe(0);
    expect(await page.getByTestId('field-TP').isVisible()).toBe(true);
  });

  it("a scan never presses the button the citizen last touched: the scanner's Enter and spaces are the code's (#24)", async () => {
    const page = await kioskPage();
    // A finger that slid off a field button leaves it focused without a ticket; then a receipt is scanned.
    await page.getByTestId('field-TP').focus();
    await scan(page, '000.00.12.H34-231123-0001');
    await expect.poll(() => page.getByTestId('ticket-number').textContent()).toBe('9001');
    const kiosk = await env.hub.device('kiosk');
    expect((await env.hub.api('ticket:get', { id: 1 }, kiosk)).ticket).toMatchObject({ number: 9001, source: 'scan' });
    await expect(env.hub.api('ticket:get', { id: 2 }, kiosk), 'no second ticket from the Enter').rejects.toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
    await page.getByRole('button', { name: 'Xong' }).click();

    // A toggle touched last: the card's spaces and Enter leave it as it was.
    await page.getByTestId('large-text').click();
    expect(await page.getByTestId('large-text').getAttribute('aria-pressed')).toBe('true');
    await scan(page, wedgedCard);
    await page.getByTestId('scanned-card').waitFor();
    expect(await page.getByTestId('large-text').getAttribute('aria-pressed')).toBe('true');
  });
});
