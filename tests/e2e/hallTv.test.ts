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
    await expect.poll(() => hall.locator('.waiting-item').count()).toBe(6);
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
});
