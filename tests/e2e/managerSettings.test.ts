/// <reference lib="dom" />
// The manager's settings, statistics and first steps at a manager PC's size (issue #24 items 15,
// 16, 18, 19): sections that save on their own, targets a hand can hit, a Save that says why it
// waits, a sample call that shows it is playing. Debian's Chromium against a real hub.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAndHub, hasChromium, screenshot } from '../helpers/browser.ts';

const maybe = hasChromium ? describe : describe.skip;
const env = browserAndHub({ width: 1366, height: 768 });

async function signIn(path: string, username: 'admin' | 'quanly' = 'admin'): Promise<Page> {
  const p = await env.ctx.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('close', () => expect(errors).toEqual([]));
  await p.goto(`${env.hub.hub.url}${path}`);
  await p.locator('input[name=username]').fill(username);
  await p.locator('input[name=password]').fill(username === 'admin' ? 'motcua-admin' : 'motcua-quanly');
  await p.getByRole('button', { name: 'Đăng nhập' }).click();
  await p.getByTestId('tab-floor').waitFor();
  return p;
}

maybe('manager settings at 1366×768', () => {
  it('each section saves on its own, right under its inputs; a change elsewhere waits for its own Save', async () => {
    const p = await signIn('/manager/settings');
    await p.getByTestId('section-center').waitFor();
    const sections = await p.locator('form.settings-section').evaluateAll((forms) =>
      forms.map((f) => ({
        id: f.getAttribute('data-testid'),
        height: f.getBoundingClientRect().height,
        saves: f.querySelectorAll('button[type=submit]').length,
      })),
    );
    expect(sections.length).toBeGreaterThanOrEqual(10);
    for (const s of sections) {
      expect(s.saves, `${s.id} has its own Save`).toBe(1);
      expect(s.height, `${s.id} fits about a screen and a half`).toBeLessThanOrEqual(1200);
    }
    await screenshot(p, 'manager-settings-sections-1366x768');

    const admin = await env.hub.login('admin');
    const before = await env.hub.api('settings:get', {}, admin);
    await p.locator('input[name=centerName]').fill('Trung tâm chưa lưu');
    await p.locator('input[name=hallNotice]').fill('Tạm nghỉ trưa 11:30–13:30');
    await p.getByTestId('section-voice').getByRole('button', { name: 'Lưu cài đặt' }).click();
    await p.getByTestId('section-voice').getByText('Đã lưu.').waitFor();
    const after = await env.hub.api('settings:get', {}, admin);
    expect(after.hallNotice).toBe('Tạm nghỉ trưa 11:30–13:30');
    expect(after.centerName).toBe(before.centerName);
    // The center's name is still typed in, and says it is not saved yet.
    expect(await p.locator('input[name=centerName]').inputValue()).toBe('Trung tâm chưa lưu');
    expect(await p.getByTestId('section-center').textContent()).toContain('Có thay đổi chưa lưu');
    await p.getByTestId('section-center').getByRole('button', { name: 'Lưu cài đặt' }).click();
    await expect.poll(async () => (await env.hub.api('settings:get', {}, admin)).centerName).toBe('Trung tâm chưa lưu');
    expect((await env.hub.api('settings:get', {}, admin)).hallNotice).toBe('Tạm nghỉ trưa 11:30–13:30');
  });

  it('every box, button and list is 24 px or more', async () => {
    const p = await signIn('/manager/settings');
    await p.getByTestId('section-center').waitFor();
    const small = await p.evaluate(() =>
      [...document.querySelectorAll('.settings-view input, .settings-view button, .settings-view select')]
        .map((e) => ({ e, r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.height > 0)
        .filter(({ r }) => r.width < 24 || r.height < 24)
        .map(({ e, r }) => `${e.outerHTML.slice(0, 80)} ${r.width}×${r.height}`),
    );
    expect(small).toEqual([]);
  });

  it('a Save that cannot be pressed says why beside it; "Nghe thử" says it is playing', async () => {
    const p = await signIn('/manager/settings');
    const template = p.locator('input[name=voiceTemplate]');
    await template.waitFor();
    await template.fill('Trân trọng kính mời công dân số {so} đến quầy {quay}');
    const save = p.getByTestId('section-voice').getByRole('button', { name: 'Lưu cài đặt' });
    await expect.poll(() => save.isDisabled()).toBe(true);
    const why = p.getByTestId('blocked-voice');
    expect(await why.textContent()).toContain('trân, trọng');
    const [b, w] = [await save.boundingBox(), await why.boundingBox()];
    expect(Math.abs(b!.y + b!.height / 2 - (w!.y + w!.height / 2)), 'the reason is beside the button').toBeLessThan(40);
    await save.scrollIntoViewIfNeeded();
    await screenshot(p, 'manager-settings-voice-blocked-1366x768');

    await template.fill('Xin mời công dân số {so} đến quầy {quay}');
    await expect.poll(() => save.isDisabled()).toBe(false);
    const listen = p.getByTestId('voice-listen');
    await listen.click();
    await expect.poll(() => listen.textContent()).toBe('Đang phát…');
    expect(await p.getByTestId('voice-playing').textContent()).toContain('Đang phát');
    await screenshot(p, 'manager-settings-voice-playing-1366x768');
    await expect.poll(() => listen.textContent(), { timeout: 20_000 }).toBe('Nghe thử');
  });
});
