/// <reference lib="dom" />
// The center records its own voice (#26 part 1) in Debian's Chromium with a fake microphone fed
// from a WAV made by espeak-ng at test time: a take recorded through "Thu âm giọng đọc" is stored
// trimmed and levelled; "Nghe thử" plays a whole call mixing the recorded clips and the built-in
// pack; switched on, a hall display already showing plays the next call with the right clips in
// order, the built-in pack saying every clip not recorded.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasChromium, launchChromium, screenshot } from '../helpers/browser.ts';
import { RealClock, startTestHub, type TestHub } from '../helpers/hub.ts';
import { repoRoot } from '../helpers/child.ts';
import { espeakSpeech, take } from '../helpers/voiceTakes.ts';
import { activeLevelDb, readWav } from '../../main/voice/loudness.ts';
import { TARGET_DBFS } from '../../main/voice/clipAudio.ts';

const maybe = hasChromium ? describe : describe.skip;

interface PlayerProbe {
  packUrl: string;
  log: { clip: string; pack: string; start: number; end: number }[];
  missing: Set<string>;
}

const dir = mkdtempSync(join(tmpdir(), 'motcua-voice-e2e-'));
// "không" after 0.6 s of room tone, then 2 s more: the fake microphone loops this file.
const spoken = take('không', { lead: 0.6, tail: 2.0, gainDb: -12 });
const micFile = join(dir, 'microphone.wav');
writeFileSync(micFile, spoken.wav);
const speechMs = (spoken.end - spoken.start) * 1000;

let browser: Browser;
let ctx: BrowserContext;
let hub: TestHub;
beforeAll(async () => {
  if (!hasChromium) return;
  browser = await launchChromium([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${micFile}`,
  ]);
  hub = await startTestHub({ clock: new RealClock() });
  ctx = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
});
afterAll(async () => {
  await ctx?.close();
  await browser?.close();
  await hub?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function manager(): Promise<Page> {
  const p = await ctx.newPage();
  await p.goto(`${hub.hub.url}/manager/voice`);
  // Signed in already in this context (an earlier test): the tab opens at once.
  await p.locator('input[name=username], [data-testid=tab-voice]').first().waitFor();
  if (await p.getByTestId('tab-voice').count()) return p;
  await p.locator('input[name=username]').fill('admin');
  await p.locator('input[name=password]').fill('motcua-admin');
  await p.getByRole('button', { name: 'Đăng nhập' }).click();
  await p.getByTestId('tab-voice').waitFor();
  return p;
}

async function recordThrough(p: Page, key: string): Promise<void> {
  const row = p.locator(`[data-testid=voice-clip][data-key="${key}"]`);
  await row.getByTestId('voice-record').click();
  await row.getByTestId('voice-stop').waitFor();
  // The fake microphone plays its file from the start: 0.6 s of room, the word, then room again.
  await p.waitForTimeout(1800);
  await row.getByTestId('voice-stop').click();
  await expect.poll(() => row.getAttribute('data-recorded'), { timeout: 15_000 }).toBe('yes');
}

/** Loudness of each 2 ms, whatever the sample rate: the word's shape, which Opus keeps though it changes the wave. */
function envelope(pcm: { samples: Float32Array; sampleRate: number }): number[] {
  const frame = Math.round(pcm.sampleRate * 0.002);
  const out: number[] = [];
  for (let at = 0; at + frame <= pcm.samples.length; at += frame) {
    let sum = 0;
    for (const v of pcm.samples.subarray(at, at + frame)) sum += v * v;
    out.push(Math.sqrt(sum / frame));
  }
  return out;
}

/** Where (ms) the word starts in a stored clip: the lag at which the word's envelope best matches the clip's. */
function speechOffsetMs(clip: { samples: Float32Array; sampleRate: number }, word: { samples: Float32Array; sampleRate: number }): number {
  const c = envelope(clip);
  const w = envelope(word);
  let best = { lag: 0, score: -Infinity };
  for (let lag = 0; lag + w.length <= c.length + 25; lag++) {
    let dot = 0;
    let norm = 0;
    w.forEach((v, i) => {
      const x = c[lag + i] ?? 0;
      dot += v * x;
      norm += x * x;
    });
    const score = dot / Math.sqrt(norm || 1);
    if (score > best.score) best = { lag, score };
  }
  return best.lag * 2;
}

const probe = (p: Page) => p.evaluate(() => (window as unknown as { __motcuaPlayer?: PlayerProbe }).__motcuaPlayer);
const logOf = async (p: Page) => (await probe(p))?.log.map((e) => `${e.pack}/${e.clip}`) ?? [];

maybe('the center records its own voice', () => {
  it('records through the microphone, listens to a mixed call, and switches the hall over live', async () => {
    const admin = await hub.login('admin');
    const builtIn = JSON.parse(readFileSync(join(repoRoot, 'renderer/public/voice/vi-espeak/manifest.json'), 'utf8')) as {
      chime: string;
      clips: Record<string, string>;
    };
    const espeak = (w: string) => `vi-espeak/${builtIn.clips[w]}`;

    // A hall display is on before anything is recorded, speaking with the built-in pack.
    const { code } = await hub.api('devices:create', { kind: 'display', name: 'Màn hình sảnh', counterId: null }, admin);
    const hall = await ctx.newPage();
    await hall.goto(`${hub.hub.url}/display/hall#pair=${code}`);
    await hall.getByTestId('now-calling').waitFor();
    await expect.poll(async () => (await probe(hall))?.packUrl).toBe('/voice/vi-espeak');

    const p = await manager();
    const total = (await hub.api('voice-clips:list', {}, admin)).total;
    await expect.poll(() => p.getByTestId('voice-progress').textContent()).toBe(`0/${total} đã thu`);
    await recordThrough(p, 'không');
    await recordThrough(p, 'đến quầy số');
    await expect.poll(() => p.getByTestId('voice-progress').textContent()).toBe(`2/${total} đã thu`);
    await screenshot(p, 'manager-voice-recording-1366x768');

    // Stored trimmed: the word found in the stored clip has 30 ms before and after it, each within 30 ms; and levelled.
    const list = await hub.api('voice-clips:list', {}, admin);
    const recorded = new Map(list.clips.filter((c) => c.file).map((c) => [c.key, c]));
    for (const key of ['không', 'đến quầy số']) {
      const clip = recorded.get(key)!;
      const pcm = readWav(new Uint8Array(await (await fetch(`${hub.hub.url}/voice/center/${clip.file}`)).arrayBuffer()));
      const lead = speechOffsetMs(pcm, espeakSpeech('không'));
      const trail = (pcm.samples.length / pcm.sampleRate) * 1000 - lead - speechMs;
      expect(Math.abs(lead - 30), `${key}: ${Math.round(lead)} ms before the word`).toBeLessThanOrEqual(30);
      expect(Math.abs(trail - 30), `${key}: ${Math.round(trail)} ms after the word`).toBeLessThanOrEqual(30);
      expect(Math.abs(activeLevelDb(pcm.samples, pcm.sampleRate) - TARGET_DBFS)).toBeLessThanOrEqual(1);
    }
    const own = (key: string) => `center/${recorded.get(key)!.file}`;

    // "Nghe thử" before the pack is in use: 1024 to counter 4, recorded clips where there are, the built-in pack elsewhere.
    await p.getByTestId('voice-sample-number').fill('1024');
    await p.getByTestId('voice-sample-counter').fill('4');
    await p.getByTestId('voice-sample-play').click();
    const sample = [
      `vi-espeak/${builtIn.chime}`,
      espeak('mời công dân có số thứ tự'),
      espeak('một'),
      espeak('nghìn'),
      own('không'),
      espeak('trăm'),
      espeak('hai'),
      espeak('mươi'),
      espeak('tư'),
      own('đến quầy số'),
      espeak('bốn'),
    ];
    await expect.poll(() => logOf(p), { timeout: 20_000 }).toEqual(sample);
    expect(await p.evaluate(() => [...(window as unknown as { __motcuaPlayer: PlayerProbe }).__motcuaPlayer.missing])).toEqual([]);
    expect((await hub.api('settings:get', {}, admin)).voice.pack).toBe('vi-espeak');

    // Switched on: the hall display, never reloaded, takes the center's pack.
    await p.getByTestId('voice-use').click(); // checked once the hub has saved it
    await expect.poll(() => p.getByTestId('voice-in-use').textContent()).toBe('Đang dùng giọng của trung tâm');
    await expect.poll(async () => (await probe(hall))?.packUrl, { timeout: 15_000 }).toBe('/voice/center');

    const kiosk = await hub.device('kiosk');
    await hub.api('ticket:issue', { fieldId: await hub.fieldId('TP'), priority: false }, kiosk);
    const officer = await hub.officerAt(1);
    const called = await hub.api('counter:call-next', {}, officer); // 1001 → quầy 1
    const call = [
      `vi-espeak/${builtIn.chime}`,
      espeak('mời công dân có số thứ tự'),
      espeak('một'),
      espeak('nghìn'),
      own('không'),
      espeak('trăm'),
      espeak('linh'),
      espeak('một'),
      own('đến quầy số'),
      espeak('một'),
    ];
    await expect.poll(() => logOf(hall), { timeout: 20_000 }).toEqual(call);
    const log = (await probe(hall))!.log;
    for (let i = 1; i < log.length; i++) expect(log[i]!.start, `clip ${i} after clip ${i - 1}`).toBeGreaterThanOrEqual(log[i - 1]!.end);
    expect(await hall.evaluate(() => [...(window as unknown as { __motcuaPlayer: PlayerProbe }).__motcuaPlayer.missing])).toEqual([]);

    // A clip recorded again while the pack is in use is heard at the very next call.
    await recordThrough(p, 'một');
    const mot = (await hub.api('voice-clips:list', {}, admin)).clips.find((c) => c.key === 'một')!;
    await hub.api('ticket:recall', { id: called.id }, officer);
    await expect
      .poll(async () => (await logOf(hall)).slice(call.length), { timeout: 20_000 })
      .toEqual([
        `vi-espeak/${builtIn.chime}`,
        espeak('mời công dân có số thứ tự'),
        `center/${mot.file}`,
        espeak('nghìn'),
        own('không'),
        espeak('trăm'),
        espeak('linh'),
        `center/${mot.file}`,
        own('đến quầy số'),
        `center/${mot.file}`,
      ]);
  });

  it('shows the clip to say next big, records it with the space bar, and moves on to the next one missing', async () => {
    const admin = await hub.login('admin');
    const p = await manager();
    const missing = (await hub.api('voice-clips:list', {}, admin)).clips.filter((c) => !c.file).map((c) => c.key);
    const [first, second] = missing;
    const panel = p.getByTestId('voice-current');
    await expect.poll(() => panel.getAttribute('data-key')).toBe(first);
    expect(await p.getByTestId('voice-current-text').textContent()).toBe(first);
    const size = await p.getByTestId('voice-current-text').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(size).toBeGreaterThanOrEqual(32);

    await p.locator('body').press(' ');
    await expect.poll(() => p.getByTestId('voice-current-toggle').textContent()).toBe('Dừng (phím cách)');
    await p.waitForTimeout(1800); // the fake microphone's word, as in recordThrough
    await p.locator('body').press(' ');
    const row = p.locator(`[data-testid=voice-clip][data-key="${first}"]`);
    await expect.poll(() => row.getAttribute('data-recorded'), { timeout: 15_000 }).toBe('yes');
    await expect.poll(() => panel.getAttribute('data-key')).toBe(second);
    // Scrolled to the end of the list, the clip to say and the progress stay in view.
    await p.locator('[data-testid=voice-clip]').last().scrollIntoViewIfNeeded();
    expect(await panel.isVisible()).toBe(true);
    const box = await panel.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(768);
    await screenshot(p, 'manager-voice-current-1366x768');
  });

  it('right after the tab opens the space bar records; "Xóa" asks first with "Giữ lại" focused; the checkbox is a 24 px target', async () => {
    const admin = await hub.login('admin');
    const p = await manager();
    // Opened with its tab button, as a manager does: the button keeps the focus.
    await p.getByTestId('tab-voice').click();
    expect(await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('tab-voice');
    const panel = p.getByTestId('voice-current');
    const key = (await hub.api('voice-clips:list', {}, admin)).clips.find((c) => !c.file)!.key;
    await expect.poll(() => panel.getAttribute('data-key')).toBe(key);
    await p.keyboard.press(' ');
    await expect.poll(() => p.getByTestId('voice-current-toggle').textContent()).toBe('Dừng (phím cách)');
    await p.waitForTimeout(1800); // the fake microphone's word, as in recordThrough
    await p.keyboard.press(' ');
    const row = p.locator(`[data-testid=voice-clip][data-key="${key}"]`);
    await expect.poll(() => row.getAttribute('data-recorded'), { timeout: 15_000 }).toBe('yes');

    // The box beside "Dùng giọng đọc của trung tâm…" is a target a hand can hit.
    const box = (await p.getByTestId('voice-use').boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(24);
    expect(box.height).toBeGreaterThanOrEqual(24);

    // "Xóa", right beside "Nghe", asks first; the focus is on keeping the take.
    await row.getByTestId('voice-delete').click();
    const dialog = p.getByTestId('voice-delete-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`Xóa bản thu “${key}”?`);
    await expect.poll(() => p.evaluate(() => document.activeElement?.textContent)).toBe('Giữ lại');
    await screenshot(p, 'manager-voice-delete-1366x768');
    // The space bar presses the focused "Giữ lại" there, and records nothing.
    await p.keyboard.press(' ');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await p.getByTestId('voice-current-toggle').textContent()).not.toBe('Dừng (phím cách)');
    expect(await row.getAttribute('data-recorded')).toBe('yes');
    expect((await hub.api('voice-clips:list', {}, admin)).clips.find((c) => c.key === key)!.file).not.toBeNull();
    // Escape keeps it too; only the red action deletes.
    await row.getByTestId('voice-delete').click();
    await dialog.waitFor();
    await p.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await row.getAttribute('data-recorded')).toBe('yes');
    await row.getByTestId('voice-delete').click();
    await p.getByTestId('voice-delete-confirm').click();
    await expect.poll(() => row.getAttribute('data-recorded')).toBe('no');
    expect((await hub.api('voice-clips:list', {}, admin)).clips.find((c) => c.key === key)!.file).toBeNull();
    await screenshot(p, 'manager-voice-checkbox-1366x768');
    await p.close();
  });

  it('a take left running stops by itself and is judged by the hub, with its reason, not refused as too big', async () => {
    const p = await manager();
    const key = await p.getByTestId('voice-current').getAttribute('data-key');
    await p.getByTestId('voice-current-toggle').click();
    await expect.poll(() => p.getByTestId('voice-current-toggle').textContent()).toBe('Dừng (phím cách)');
    // The fake microphone loops its word every 2.6 s: twenty seconds of it is more than 10 s of speech.
    await expect
      .poll(() => p.getByTestId('voice-current').locator('.error').textContent(), { timeout: 45_000 })
      .toBe('Bản thu dài quá 10 giây: hãy đọc ngắn gọn rồi thu lại.');
    expect(await p.getByTestId('voice-current').getAttribute('data-key')).toBe(key);
    expect(await p.locator(`[data-testid=voice-clip][data-key="${key}"]`).getAttribute('data-recorded')).toBe('no');
  });

  // After a reload the line first reads as if the center's pack were not in use, until the center's
  // settings arrive (more than expect.poll's 1 s default on a loaded machine).
  const kioskLine = { timeout: 15_000 };

  it('says whether the kiosks speak, and a field renamed after recording takes it away until its new name is recorded', async () => {
    const admin = await hub.login('admin');
    let list = await hub.api('voice-clips:list', {}, admin);
    for (const [i, c] of list.clips.entries())
      if (!c.file)
        list = await hub.api(
          'voice-clips:save',
          { key: c.key, wav: Buffer.from(take(c.key, { lead: 0.2, tail: 0.2, gainDb: 0, seed: i + 1 }).wav).toString('base64') },
          admin,
        );
    const settings = await hub.api('settings:get', {}, admin);
    await hub.api('settings:update', { ...settings, voice: { ...settings.voice, pack: list.pack } }, admin);
    const p = await manager();
    await expect.poll(() => p.getByTestId('voice-kiosk').textContent(), kioskLine).toBe('Máy lấy số đang có "Hướng dẫn bằng giọng nói".');
    expect(await p.getByTestId('voice-progress').textContent()).toBe(`${list.total}/${list.total} đã thu`);

    // Without a paging clip the kiosks still speak while their fields fit one page, and the screen says so.
    const trangSau = list.clips.find((c) => c.key === 'trang sau')!;
    await hub.api('voice-clips:delete', { key: 'trang sau' }, admin);
    expect((await hub.api('kiosk:voice', {}, admin)).paging.available).toBe(false);
    await p.reload();
    await expect
      .poll(() => p.getByTestId('voice-kiosk').textContent(), kioskLine)
      .toContain('Máy lấy số có "Hướng dẫn bằng giọng nói" khi các lĩnh vực vừa một trang.');
    await hub.api(
      'voice-clips:save',
      { key: trangSau.key, wav: Buffer.from(take(trangSau.key, { lead: 0.2, tail: 0.2, gainDb: 0, seed: 99 }).wav).toString('base64') },
      admin,
    );
    await p.reload();
    await expect.poll(() => p.getByTestId('voice-kiosk').textContent(), kioskLine).toBe('Máy lấy số đang có "Hướng dẫn bằng giọng nói".');

    const land = (await hub.api('fields:list', {}, admin)).find((f) => f.code === 'DD')!;
    await hub.api('fields:update', { ...land, nameVi: 'Đất đai – Nhà ở' }, admin);
    expect((await hub.api('kiosk:voice', {}, admin)).available).toBe(false);
    await p.reload();
    await expect
      .poll(() => p.getByTestId('voice-kiosk').textContent(), kioskLine)
      .toContain('Máy lấy số chưa có "Hướng dẫn bằng giọng nói"');
    expect(await p.getByTestId('voice-current').getAttribute('data-key')).toBe('đất đai nhà ở');
    expect(await p.locator('[data-testid=voice-clip][data-key="đất đai nhà ở"]').getAttribute('data-recorded')).toBe('no');
    await screenshot(p, 'manager-voice-renamed-field-1366x768');

    // Ticket numbers have up to six digits and counters four: a longer number cannot be typed (the hub would refuse it).
    await p.getByTestId('voice-sample-number').fill('1234567');
    expect(await p.getByTestId('voice-sample-number').inputValue()).toBe('123456');
    await p.getByTestId('voice-sample-counter').fill('12345');
    expect(await p.getByTestId('voice-sample-counter').inputValue()).toBe('1234');
    await p.getByTestId('voice-sample-number').fill('1024');
    await p.getByTestId('voice-sample-counter').fill('4');

    // "Nghe thử" pressed twice: the second call replaces the first instead of talking over it.
    await p.getByTestId('voice-sample-play').click();
    await expect.poll(async () => (await probe(p))?.log.length ?? 0).toBeGreaterThan(0);
    await p.evaluate(() => {
      const w = window as unknown as { __motcuaPlayer: unknown; __firstCall: unknown };
      w.__firstCall = w.__motcuaPlayer;
    });
    await p.getByTestId('voice-sample-play').click();
    // What interrupt() does to the sound is tested on AnnouncementPlayer (558f16b): here, that the first call got it.
    await expect
      .poll(() =>
        p.evaluate(
          () =>
            (window as unknown as { __motcuaPlayer: unknown }).__motcuaPlayer !==
            (window as unknown as { __firstCall: unknown }).__firstCall,
        ),
      )
      .toBe(true);
    const cut = await p.evaluate(() => (window as unknown as { __firstCall: { cuts: number } }).__firstCall.cuts);
    expect(cut).toBe(1);
  });
});
