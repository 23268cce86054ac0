/// <reference lib="dom" />
// Hall and counter displays in Debian's Chromium against a real hub: live calls, resync after a
// hub restart, and the spoken announcements' play order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { RealClock, startTestHub } from '../helpers/hub.ts';
import { browserAndHub, hasChromium, screenshot } from '../helpers/browser.ts';
import { repoRoot } from '../helpers/child.ts';
import { withFields } from '../helpers/fields.ts';

const maybe = hasChromium ? describe : describe.skip;

interface PlayerProbe {
  log: { clip: string; start: number; end: number }[];
  missing: Set<string>;
}
const env = browserAndHub({ width: 1920, height: 1080 });

async function display(path: string): Promise<Page> {
  const admin = await env.hub.login('admin');
  const { code } = await env.hub.api('devices:create', { kind: 'display', name: 'Màn hình e2e', counterId: null }, admin);
  const page = await env.ctx.newPage();
  await page.goto(`${env.hub.hub.url}${path}#pair=${code}`);
  return page;
}

async function callNumbers(page: Page): Promise<number[]> {
  return page.locator('[data-testid=recent-calls] tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-number'))));
}

maybe('displays', () => {
  it('a call made through the API appears on the hall and the counter display', async () => {
    const hall = await display('/display/hall');
    await hall.getByTestId('now-calling').waitFor();
    const board = await display('/display/counter/3');
    await board.getByTestId('counter-title').waitFor();
    const kiosk = await env.hub.device('kiosk');
    await env.hub.api('ticket:issue', { fieldId: await env.hub.fieldId('DD'), priority: false }, kiosk);
    const officer = await env.hub.officerAt(3);
    await expect.poll(() => board.getByTestId('counter-idle').textContent()).toBe('Xin mời chờ');
    await env.hub.api('counter:call-next', {}, officer);
    await hall.getByTestId('call-2001').waitFor();
    expect(await hall.getByTestId('call-2001').textContent()).toContain('Quầy 3');
    await expect.poll(() => board.getByTestId('counter-number').textContent()).toBe('2001');
    await expect.poll(() => hall.locator('.waiting-item', { hasText: 'Đất đai' }).locator('strong').textContent()).toBe('0');
    await screenshot(hall, 'display-hall-1920x1080');
    await screenshot(board, 'display-counter-1920x1080');
  });

  it('after the hub restarts, the hall has every call it missed, none twice', async () => {
    const kiosk = await env.hub.device('kiosk');
    for (let i = 0; i < 4; i++) await env.hub.api('ticket:issue', { fieldId: await env.hub.fieldId('TP'), priority: false }, kiosk);
    const officer = await env.hub.officerAt(1);
    const hall = await display('/display/hall');
    await hall.getByTestId('now-calling').waitFor();
    let c = await env.hub.api('counter:call-next', {}, officer);
    await hall.getByTestId('call-1001').waitFor();

    const { dir, hub } = env.hub;
    const port = hub.port;
    await hub.close();
    await expect.poll(() => hall.getByTestId('connection').textContent(), { timeout: 10_000 }).toContain('Mất kết nối');
    env.replaceHub(await startTestHub({ clock: new RealClock(), dir, port }));
    // Calls happen before the display has reconnected (it is still backing off).
    for (let i = 0; i < 3; i++) {
      await env.hub.api('ticket:finish', { id: c.id }, officer);
      c = await env.hub.api('counter:call-next', {}, officer);
    }
    await expect.poll(() => callNumbers(hall), { timeout: 15_000 }).toEqual([1004, 1003, 1002, 1001]);
    await env.hub.api('ticket:recall', { id: c.id }, officer); // a recall moves it up, it is not listed twice
    await expect.poll(() => hall.getByTestId('connection').count()).toBe(0);
    expect(await callNumbers(hall)).toEqual([1004, 1003, 1002, 1001]);
  });

  it('announcements play chime and clips in order, one after another, never overlapping', async () => {
    const hall = await display('/display/hall');
    await hall.getByTestId('now-calling').waitFor();
    const kiosk = await env.hub.device('kiosk');
    await env.hub.api('ticket:issue', { fieldId: await env.hub.fieldId('TP'), priority: false }, kiosk);
    await env.hub.api('ticket:issue', { fieldId: await env.hub.fieldId('DD'), priority: false }, kiosk);
    const c1 = await env.hub.officerAt(1);
    const c3 = await env.hub.officerAt(3);
    await env.hub.api('counter:call-next', {}, c1); // 1001 → quầy 1
    await env.hub.api('counter:call-next', {}, c3); // 2001 → quầy 3, called while the first still plays

    const manifest = JSON.parse(readFileSync(join(repoRoot, 'renderer/public/voice/vi-espeak/manifest.json'), 'utf8')) as {
      chime: string;
      clips: Record<string, string>;
    };
    const clip = (w: string) => manifest.clips[w]!;
    const say = (words: string[]) => [manifest.chime, ...words.map(clip)];
    const expected = [
      ...say(['mời công dân có số thứ tự', 'một', 'nghìn', 'không', 'trăm', 'linh', 'một', 'đến quầy số', 'một']),
      ...say(['mời công dân có số thứ tự', 'hai', 'nghìn', 'không', 'trăm', 'linh', 'một', 'đến quầy số', 'ba']),
    ];
    await expect
      .poll(() => hall.evaluate(() => (window as unknown as { __motcuaPlayer?: PlayerProbe }).__motcuaPlayer?.log.length ?? 0), {
        timeout: 20_000,
      })
      .toBe(expected.length);
    const log = await hall.evaluate(() => (window as unknown as { __motcuaPlayer: PlayerProbe }).__motcuaPlayer.log);
    expect(log.map((e) => e.clip)).toEqual(expected);
    for (let i = 1; i < log.length; i++)
      expect(log[i]!.start, `clip ${i} starts after clip ${i - 1} ends`).toBeGreaterThanOrEqual(log[i - 1]!.end);
    expect(await hall.evaluate(() => [...(window as unknown as { __motcuaPlayer: PlayerProbe }).__motcuaPlayer.missing])).toEqual([]);
  });

  it('several hall displays show the same calls', async () => {
    const a = await display('/display/hall');
    const b = await display('/display/hall');
    await a.getByTestId('now-calling').waitFor();
    await b.getByTestId('now-calling').waitFor();
    const kiosk = await env.hub.device('kiosk');
    await env.hub.api('ticket:issue', { fieldId: await env.hub.fieldId('TKQ'), priority: false }, kiosk);
    await env.hub.api('counter:call-next', {}, await env.hub.officerAt(6));
    await a.getByTestId('call-9001').waitFor();
    await b.getByTestId('call-9001').waitFor();
  });

  it('readable from across the hall with 18 fields: every line whole, large enough, Vietnamese only', async () => {
    await withFields(env.hub, 18);
    const hall = await display('/display/hall');
    await expect.poll(() => hall.locator('.waiting-item').count(), { timeout: 15_000 }).toBe(18); // the display's first snapshot, on a loaded machine
    await screenshot(hall, 'display-hall-18-fields-1920x1080');
    const layout = await hall.evaluate(() =>
      [...document.querySelectorAll('.waiting-item')].map((item) => {
        const name = item.querySelector('span')!;
        const r = item.getBoundingClientRect();
        return {
          text: name.textContent,
          bottom: r.bottom,
          cut: name.getBoundingClientRect().bottom > r.bottom + 1 || name.scrollWidth > name.clientWidth + 1,
          px: parseFloat(getComputedStyle(name).fontSize),
        };
      }),
    );
    for (const l of layout) {
      expect(l.bottom, `${l.text} is below the screen`).toBeLessThanOrEqual(1080);
      expect(l.cut, `${l.text} is cut off`).toBe(false);
      expect(l.px, `${l.text} is too small to read across a hall`).toBeGreaterThanOrEqual(26);
    }
    // The latest calls still fit above the waiting lines (three of them, large), each number inside its card.
    const kiosk = await env.hub.device('kiosk');
    for (const code of ['TP', 'DD', 'DKKD', 'LDTBXH', 'XD', 'TKQ'])
      await env.hub.api('ticket:issue', { fieldId: await env.hub.fieldId(code), priority: false }, kiosk);
    for (let n = 1; n <= 4; n++) await env.hub.api('counter:call-next', {}, await env.hub.officerAt(n));
    await expect.poll(() => hall.locator('.call-card').count()).toBe(3);
    await screenshot(hall, 'display-hall-18-fields-4-calls-1920x1080');
    const cards = await hall.locator('.call-card').evaluateAll((els) =>
      els.map((c) => ({
        card: c.getBoundingClientRect().toJSON(),
        number: c.querySelector('.call-number')!.getBoundingClientRect().toJSON(),
        field: c.querySelector('.call-field')!.getBoundingClientRect().toJSON(),
      })),
    );
    const waitingTop = await hall.locator('.waiting-panel').evaluate((e) => e.getBoundingClientRect().top);
    for (const c of cards) {
      expect(c.number.bottom).toBeLessThanOrEqual(c.card.bottom + 1);
      expect(c.field.bottom).toBeLessThanOrEqual(c.card.bottom + 1);
      expect(c.card.bottom).toBeLessThanOrEqual(waitingTop);
    }
    const words = await hall.locator('body').textContent();
    expect(words).not.toMatch(/Now calling|Tap to enable/);
    await screenshot(hall, 'display-hall-18-fields-1920x1080');
  });

  it('two TVs show the same latest calls whenever they were switched on; a paused counter says so', async () => {
    const kiosk = await env.hub.device('kiosk');
    for (let i = 0; i < 4; i++) await env.hub.api('ticket:issue', { fieldId: await env.hub.fieldId('TP'), priority: false }, kiosk);
    const officer = await env.hub.officerAt(1);
    const early = await display('/display/hall');
    await early.getByTestId('now-calling').waitFor();
    const board = await display('/display/counter/1');
    await board.getByTestId('counter-title').waitFor();
    const first = await env.hub.api('counter:call-next', {}, officer);
    await env.hub.api('ticket:finish', { id: first.id }, officer);
    const second = await env.hub.api('counter:call-next', {}, officer);
    await env.hub.api('ticket:finish', { id: second.id }, officer);
    await env.hub.api('counter:call-next', {}, officer);
    await env.hub.api('ticket:recall', { id: (await env.hub.api('counter:get', {}, officer)).current!.id }, officer);
    await expect.poll(() => callNumbers(early)).toEqual([1003, 1002, 1001]);
    const late = await display('/display/hall');
    await expect.poll(() => callNumbers(late)).toEqual(await callNumbers(early));

    const c = (await env.hub.api('counter:get', {}, officer)).current!;
    await env.hub.api('ticket:finish', { id: c.id }, officer);
    await env.hub.api('counter:pause', {}, officer);
    await expect.poll(() => board.getByTestId('counter-idle').textContent()).toBe('Quầy tạm dừng');
    await screenshot(board, 'display-counter-paused-1920x1080');
  });
});
