/// <reference lib="dom" />
// The manager's settings opened at a section (/manager/settings#settings-sms, as the overview's
// next steps link there), or a section chosen in the sticky bar (#26 review): the section's heading
// shows below the bar, at a manager PC's size (1366×768, the bar on two rows) and on a narrower
// window (the bar on three). Debian's Chromium against a real hub.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAndHub, hasChromium, screenshot } from '../helpers/browser.ts';

const maybe = hasChromium ? describe : describe.skip;
const env = browserAndHub({ width: 1366, height: 768 });

async function signIn(path: string): Promise<Page> {
  const p = await env.ctx.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('close', () => expect(errors).toEqual([]));
  await p.goto(`${env.hub.hub.url}${path}`);
  await p.locator('input[name=username]').fill('admin');
  await p.locator('input[name=password]').fill('motcua-admin');
  await p.getByRole('button', { name: 'Đăng nhập' }).click();
  await p.getByTestId('tab-floor').waitFor();
  return p;
}

/** How far the section's heading is below the sticky bar's bottom (negative: hidden under it). */
function headingBelowBar(p: Page, id: string): Promise<{ gap: number; rows: number }> {
  return p.evaluate((sectionId) => {
    const bar = document.querySelector('.settings-nav');
    const heading = document.querySelector(`#settings-${sectionId} h2`);
    if (!bar || !heading) throw new Error('no bar or no heading');
    const b = bar.getBoundingClientRect();
    const tops = new Set([...bar.querySelectorAll('button')].map((x) => Math.round(x.getBoundingClientRect().top)));
    return { gap: heading.getBoundingClientRect().top - b.bottom, rows: tops.size };
  }, id);
}

maybe('a settings section jumped to', () => {
  it('shows its heading below the sticky section bar, opened at #settings-sms or chosen in the bar', async () => {
    const p = await signIn('/manager/settings#settings-sms');
    await p.getByTestId('sms-settings').waitFor();
    await p.waitForTimeout(300); // the jump is made once the settings are loaded
    const opened = await headingBelowBar(p, 'sms');
    await screenshot(p, 'manager-settings-jump-sms-1366x768');
    expect(opened.rows).toBeGreaterThanOrEqual(2);
    expect(opened.gap).toBeGreaterThanOrEqual(0);
    for (const [size, name] of [
      [{ width: 1366, height: 768 }, 'Sao lưu'],
      [{ width: 1100, height: 768 }, 'Tin nhắn SMS báo lượt'],
    ] as const) {
      await p.setViewportSize(size);
      await p.locator('.settings-nav').getByRole('button', { name, exact: true }).click();
      const id = name === 'Sao lưu' ? 'backup' : 'sms';
      await p.waitForFunction(
        (sid) => Math.abs((document.querySelector(`#settings-${sid}`)?.getBoundingClientRect().top ?? 0) - 0) < 400,
        id,
      );
      await p.waitForTimeout(300);
      const chosen = await headingBelowBar(p, id);
      expect(chosen.gap, `${id} at ${size.width}px, bar of ${chosen.rows} rows`).toBeGreaterThanOrEqual(0);
    }
    await screenshot(p, 'manager-settings-jump-sms-1100x768');
    await p.close();
  });
});
