/// <reference lib="dom" />
// The speaking kiosk (issue #26 part 2) in Debian's Chromium on a real hub: the center records its
// voice through the recording routes (espeak-ng takes made at test time), the kiosk offers voice
// guidance, and what its player plays follows the citizen's touches: the screen's offer, a field's
// name on each first touch, and on the second touch of the same field the ticket and its number;
// on a screen whose fields take more than one page, the paging buttons the same way.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAndHub, hasChromium, screenshot } from '../helpers/browser.ts';
import { withFields } from '../helpers/fields.ts';
import { take } from '../helpers/voiceTakes.ts';
import { isPause } from '../../main/voice/announcement.ts';
import {
  KIOSK_PAGING_SPEECH,
  KIOSK_SPEECH,
  fieldKey as fieldKeyOf,
  neededClips,
  offerWords,
  pagingClips,
  priorityWords,
  ticketWords,
} from '../../main/voice/kioskSpeech.ts';
import { readNumber, type ReadingStyle } from '../../main/voice/numbers.ts';

const maybe = hasChromium ? describe : describe.skip;
const env = browserAndHub({ width: 1080, height: 1920 });

interface PlayerProbe {
  log: { clip: string }[];
}

async function pairKiosk(): Promise<Page> {
  const admin = await env.hub.login('admin');
  const { code } = await env.hub.api('devices:create', { kind: 'kiosk', name: 'kiosk giọng nói', counterId: null }, admin);
  const page = await env.ctx.newPage();
  // The kiosk has asked the hub what it can say before anything is judged absent.
  const asked = page.waitForResponse((r) => r.url().includes('/api/kiosk/voice'));
  await page.goto(`${env.hub.hub.url}/kiosk#pair=${code}`);
  await asked;
  await page.getByTestId('field-TP').waitFor();
  return page;
}

/**
 * Records every clip the kiosk needs into the center's own pack and puts the pack in use; with
 * `paging`, the paging words too (a kiosk whose fields take more than one page needs them).
 */
async function recordCenterVoice(
  o: { paging?: boolean } = {},
): Promise<{ reading: ReadingStyle; keyOf: Map<string, string>; fieldCount: number }> {
  const admin = await env.hub.login('admin');
  const settings = await env.hub.api('settings:get', {}, admin);
  const v = settings.voice;
  const reading: ReadingStyle = { style: v.numberStyle, dialect: v.dialect, tuAfterMuoi: v.tuAfterMuoi };
  const all = await env.hub.api('fields:list', {}, admin);
  const fields = all.filter((f) => f.active);
  const keys = [...new Set([...neededClips(fields, reading), ...(o.paging ? pagingClips(all.length, reading) : [])])];
  let list = null;
  for (const [i, key] of keys.entries()) {
    const wav = take(key, { lead: 0.2, tail: 0.2, gainDb: 0, seed: i + 1 }).wav;
    list = await env.hub.api('voice-clips:save', { key, wav: Buffer.from(wav).toString('base64') }, admin);
  }
  if (!list) throw new Error('no clip recorded');
  await env.hub.api('settings:update', { ...settings, voice: { ...v, pack: list.pack } }, admin);
  // The clips by file: the center's recordings, and the built-in pack's that a player falls back on
  // (a pause has no recording: it is silence from the built-in pack, or none).
  const keyOf = new Map<string, string>();
  for (const pack of [list.pack, list.fallback]) {
    const manifest = (await (await fetch(`${env.hub.hub.url}/voice/${pack}/manifest.json`)).json()) as { clips: Record<string, string> };
    for (const [key, file] of Object.entries(manifest.clips)) if (!keyOf.has(file)) keyOf.set(file, key);
  }
  return { reading, keyOf, fieldCount: fields.length };
}

/** What the kiosk's player has said, as the clips' keys, pauses aside. */
async function spoken(page: Page, keyOf: Map<string, string>): Promise<string[]> {
  const log = await page.evaluate(() => (window as unknown as { __motcuaKioskVoice?: PlayerProbe }).__motcuaKioskVoice?.log ?? []);
  return said(log.map((e) => keyOf.get(e.clip) ?? `?${e.clip}`));
}

const said = (words: readonly string[]) => words.filter((w) => !isPause(w)); // pauses are silence, not clips

maybe('the speaking kiosk', () => {
  it('is not offered while the pack cannot say the fields names (the built-in espeak pack)', async () => {
    const kiosk = await pairKiosk();
    await expect.poll(() => kiosk.getByTestId('large-text').count()).toBe(1);
    expect(await kiosk.getByTestId('voice-guide').count()).toBe(0);
  });

  it('says the screen, a name per first touch, takes the ticket on the second touch and reads its number back', async () => {
    const { reading, keyOf, fieldCount } = await recordCenterVoice();
    const kiosk = await pairKiosk();
    const toggle = kiosk.getByTestId('voice-guide');
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');

    const offer = said(offerWords(fieldCount, reading));
    expect(offer.slice(0, 3)).toEqual(['có', 'sáu', 'lĩnh vực']);
    const soon = { timeout: 15_000 };
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(offer);

    await kiosk.getByTestId('field-TP').click();
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual([...offer, 'tư pháp hộ tịch']);
    await expect.poll(() => kiosk.getByTestId('field-TP').getAttribute('class')).toContain('heard');
    await screenshot(kiosk, 'kiosk-voice-heard-1080x1920');
    await kiosk.getByTestId('field-DD').click();
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual([...offer, 'tư pháp hộ tịch', 'đất đai']);
    // Two first touches took no ticket.
    expect(await kiosk.getByTestId('ticket').count()).toBe(0);
    expect((await env.hub.api('floor:get', {}, await env.hub.login('admin'))).fields.find((f) => f.waiting > 0)).toBeUndefined();

    await kiosk.getByTestId('field-DD').click();
    const number = Number(await kiosk.getByTestId('ticket-number').textContent());
    expect(number).toBe(2001);
    const readBack = said(ticketWords(number, reading));
    expect(readBack).toEqual(['số của ông bà là', 'hai', 'nghìn', 'không', 'trăm', 'linh', 'một', 'xin mời chờ']);
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual([...offer, 'tư pháp hộ tịch', 'đất đai', ...readBack]);
    await screenshot(kiosk, 'kiosk-voice-ticket-1080x1920');

    // The next citizen: a touch on the ticket screen brings the home screen back with the mode off.
    await kiosk.getByTestId('ticket-number').click();
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    // Off, one touch takes a ticket, and nothing more is said.
    await kiosk.getByTestId('field-TP').click();
    expect(await kiosk.getByTestId('ticket-number').textContent()).toBe('1001');
    expect(await spoken(kiosk, keyOf)).toEqual([...offer, 'tư pháp hộ tịch', 'đất đai', ...readBack]);
  });

  it('the offer names the priority button, which says itself on a first touch and turns on the second, saying the new state', async () => {
    const { reading, keyOf, fieldCount } = await recordCenterVoice();
    const kiosk = await pairKiosk();
    await kiosk.getByTestId('voice-guide').click();
    const soon = { timeout: 15_000 };
    const offer = said(offerWords(fieldCount, reading));
    // Blind and disabled citizens are priority citizens: the offer tells them the button and where it is.
    expect(offer.slice(-4)).toEqual([
      'người cao tuổi',
      'người khuyết tật',
      'phụ nữ mang thai',
      'chạm vào nút đối tượng ưu tiên ở cuối màn hình',
    ]);
    let heard = offer;
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);

    const button = kiosk.getByTestId('priority');
    const heading = kiosk.getByTestId('kiosk-heading');
    const words = priorityWords();
    // The first touch says what it is and what a second does, and chooses nothing.
    await button.click();
    heard = [...heard, ...said(words.touch)];
    expect(said(words.touch)).toEqual([
      'đối tượng ưu tiên',
      'người cao tuổi',
      'người khuyết tật',
      'phụ nữ mang thai',
      'chạm lần nữa để chọn',
    ]);
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => button.getAttribute('class')).toContain('heard');
    await screenshot(kiosk, 'kiosk-voice-priority-heard-1080x1920');
    // The second chooses it and says so.
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    heard = [...heard, 'đã chọn đối tượng ưu tiên', 'xin mời chọn lĩnh vực'];
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);
    expect(await heading.textContent()).toMatch(/ưu tiên/i);
    expect(await button.getAttribute('class')).not.toContain('heard');
    await screenshot(kiosk, 'kiosk-voice-priority-chosen-1080x1920');

    // A field in between: the next touch of the button is a first one again, saying it is chosen.
    await kiosk.getByTestId('field-TP').click();
    heard = [...heard, 'tư pháp hộ tịch'];
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);
    await button.click();
    heard = [...heard, 'đã chọn đối tượng ưu tiên', 'chạm lần nữa để bỏ chọn'];
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    // Touching it twice leaves it; touching it twice again chooses it once more.
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('false');
    heard = [...heard, 'đã bỏ chọn đối tượng ưu tiên', 'xin mời chọn lĩnh vực'];
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);
    await button.click();
    heard = [...heard, ...said(words.touch)];
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    heard = [...heard, 'đã chọn đối tượng ưu tiên', 'xin mời chọn lĩnh vực'];
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);

    // The ticket then taken with two touches is a priority one.
    await kiosk.getByTestId('field-DD').click();
    await kiosk.getByTestId('field-DD').click();
    const number = Number(await kiosk.getByTestId('ticket-number').textContent());
    const ticket = await env.hub.api('floor:find-ticket', { number }, await env.hub.login('admin'));
    expect(ticket.priority).toBe(true);
  });

  it('a touch on a paused or full field says its name and that it takes no tickets now, and takes none', async () => {
    const { keyOf } = await recordCenterVoice();
    const admin = await env.hub.login('admin');
    const fields = await env.hub.api('fields:list', {}, admin);
    const tkq = fields.find((f) => f.code === 'TKQ')!;
    const xd = fields.find((f) => f.code === 'XD')!;
    await env.hub.api('fields:update', { ...tkq, dailyLimit: 1 }, admin);
    await env.hub.api('ticket:issue', { fieldId: tkq.id, priority: false }, await env.hub.device('kiosk'));
    // Paused after its name was recorded: the name stays in the pack.
    await env.hub.api('fields:update', { ...xd, active: false }, admin);
    const kiosk = await pairKiosk();
    await expect.poll(() => kiosk.getByTestId('field-TKQ').textContent()).toContain('Hết số hôm nay');
    await expect.poll(() => kiosk.getByTestId('field-XD').textContent()).toContain('Tạm ngừng tiếp nhận');
    // Off, they are disabled as before.
    expect(await kiosk.getByTestId('field-TKQ').isDisabled()).toBe(true);
    expect(await kiosk.getByTestId('field-XD').isDisabled()).toBe(true);

    await kiosk.getByTestId('voice-guide').click();
    const soon = { timeout: 15_000 };
    await expect.poll(async () => (await spoken(kiosk, keyOf)).at(-1), soon).toBe(KIOSK_SPEECH.touchPriority);
    const offer = await spoken(kiosk, keyOf);
    await kiosk.getByTestId('field-XD').click();
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual([...offer, 'xây dựng', 'tạm ngừng nhận số']);
    await kiosk.getByTestId('field-TKQ').click();
    await kiosk.getByTestId('field-TKQ').click();
    const fullName = fieldKeyOf(tkq.nameVi);
    await expect
      .poll(() => spoken(kiosk, keyOf), soon)
      .toEqual([...offer, 'xây dựng', 'tạm ngừng nhận số', fullName, 'tạm ngừng nhận số', fullName, 'tạm ngừng nhận số']);
    expect(await kiosk.getByTestId('field-TKQ').getAttribute('class')).toContain('unavailable');
    await screenshot(kiosk, 'kiosk-voice-not-taking-1080x1920');
    // Two touches of a full field took no ticket.
    expect(await kiosk.getByTestId('ticket').count()).toBe(0);
  });

  it('on a paged screen the paging buttons say what they do and where the citizen is, turn on a second touch, and each page says what it offers', async () => {
    // Fourteen fields in large text on a portrait kiosk: two columns of five rows, two pages.
    await withFields(env.hub, 14);
    const { reading, keyOf, fieldCount } = await recordCenterVoice({ paging: true });
    expect(fieldCount).toBe(14);
    const kiosk = await pairKiosk();
    await kiosk.getByTestId('large-text').click();
    const pageText = kiosk.getByTestId('page');
    await expect.poll(() => pageText.textContent()).toBe('Trang 1/2');
    const previous = kiosk.getByRole('button', { name: /Trang trước/ });
    const next = kiosk.getByRole('button', { name: /Trang sau/ });
    const onPage = () => kiosk.locator('[data-testid=fields] .field-btn').count();
    const first = await onPage();
    expect(first).toBeGreaterThan(4);
    const n = (x: number) => readNumber(x, { ...reading, style: 'number' });
    const P = KIOSK_PAGING_SPEECH;
    const where = (page: number) => [P.youAreOn, P.page, ...n(page), P.ofTotal, ...n(2), P.page];
    const arrive = (page: number, count: number) => [
      P.page,
      ...n(page),
      P.ofTotal,
      ...n(2),
      P.page,
      KIOSK_SPEECH.there,
      ...n(count),
      KIOSK_SPEECH.fields,
    ];
    expect(said(arrive(1, 10))).toEqual(['trang', 'một', 'trên tổng số', 'hai', 'trang', 'có', 'mười', 'lĩnh vực']);

    await kiosk.getByTestId('voice-guide').click();
    const soon = { timeout: 15_000 };
    // The offer, then the page the citizen is on and what it offers.
    let heard = [...said(offerWords(fieldCount, reading)), ...arrive(1, first)];
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);

    // "Trang trước" on the first page: said with where the citizen is, and it turns nothing however often touched.
    await previous.click();
    heard = [...heard, P.previous, ...where(1)];
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);
    await previous.click();
    heard = [...heard, P.previous, ...where(1)];
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);
    expect(await pageText.textContent()).toBe('Trang 1/2');

    // "Trang sau": the first touch says it and how to turn, and turns nothing.
    await next.click();
    heard = [...heard, P.next, ...where(1), P.touchToTurn];
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);
    expect(await pageText.textContent()).toBe('Trang 1/2');
    await expect.poll(() => next.getAttribute('class')).toContain('heard');
    await screenshot(kiosk, 'kiosk-voice-paged-heard-1080x1920');
    // The second turns the page, which says what it offers.
    await next.click();
    await expect.poll(() => pageText.textContent()).toBe('Trang 2/2');
    const second = await onPage();
    expect(first + second).toBe(14);
    heard = [...heard, ...arrive(2, second)];
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);
    expect(await next.getAttribute('class')).not.toContain('heard');

    // The last page's "Trang sau" only says where the citizen is.
    await next.click();
    heard = [...heard, P.next, ...where(2)];
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);
    await next.click();
    heard = [...heard, P.next, ...where(2)];
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);
    expect(await pageText.textContent()).toBe('Trang 2/2');

    // A field between two touches of "Trang trước" makes the second a first one again. Each touch
    // cuts off what was being said: the next waits for the whole sentence, so the log holds it all.
    const lastField = kiosk.locator('[data-testid=fields] .field-btn').last();
    const lastName = fieldKeyOf((await lastField.locator('.field-name').textContent()) ?? '');
    await previous.click();
    heard = [...heard, P.previous, ...where(2), P.touchToTurn];
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);
    await lastField.click();
    heard = [...heard, lastName];
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);
    await previous.click();
    heard = [...heard, P.previous, ...where(2), P.touchToTurn];
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);
    expect(await pageText.textContent()).toBe('Trang 2/2');
    await previous.click();
    await expect.poll(() => pageText.textContent()).toBe('Trang 1/2');
    heard = [...heard, ...arrive(1, first)];
    await expect.poll(() => spoken(kiosk, keyOf), soon).toEqual(heard);
    await screenshot(kiosk, 'kiosk-voice-paged-1080x1920');
    // Paging took no ticket.
    expect(await kiosk.getByTestId('ticket').count()).toBe(0);
    expect((await env.hub.api('floor:get', {}, await env.hub.login('admin'))).fields.find((f) => f.waiting > 0)).toBeUndefined();
  });

  it('without the paging words the mode is offered while the fields fit one page, and leaves when they come to take two', async () => {
    await withFields(env.hub, 14);
    const { keyOf } = await recordCenterVoice();
    const kiosk = await pairKiosk();
    // Fourteen fields in normal text on a portrait kiosk: one page.
    expect(await kiosk.getByTestId('page').count()).toBe(0);
    const toggle = kiosk.getByTestId('voice-guide');
    await toggle.click();
    await expect.poll(async () => (await spoken(kiosk, keyOf)).at(-1), { timeout: 15_000 }).toBe(KIOSK_SPEECH.touchPriority);
    const offer = await spoken(kiosk, keyOf);
    // Large text takes two pages, which the pack cannot say: the mode goes, and its toggle with it.
    await kiosk.getByTestId('large-text').click();
    await expect.poll(() => kiosk.getByTestId('page').textContent()).toBe('Trang 1/2');
    await expect.poll(() => toggle.count()).toBe(0);
    // The paging buttons work at one touch, as without the mode, and say nothing.
    await kiosk.getByRole('button', { name: /Trang sau/ }).click();
    await expect.poll(() => kiosk.getByTestId('page').textContent()).toBe('Trang 2/2');
    expect(await spoken(kiosk, keyOf)).toEqual(offer);

    // Once the paging words are recorded, the kiosk on screen offers the mode on its two pages.
    await recordCenterVoice({ paging: true });
    await expect.poll(() => toggle.count(), { timeout: 15_000 }).toBe(1);
  });

  it('a kiosk already on screen offers the mode once the last clip it needs is recorded, and withdraws it when one is deleted', async () => {
    const admin = await env.hub.login('admin');
    const settings = await env.hub.api('settings:get', {}, admin);
    const v = settings.voice;
    const reading: ReadingStyle = { style: v.numberStyle, dialect: v.dialect, tuAfterMuoi: v.tuAfterMuoi };
    const fields = (await env.hub.api('fields:list', {}, admin)).filter((f) => f.active);
    const needed = neededClips(fields, reading);
    const save = (key: string, i: number) =>
      env.hub.api(
        'voice-clips:save',
        { key, wav: Buffer.from(take(key, { lead: 0.2, tail: 0.2, gainDb: 0, seed: i + 1 }).wav).toString('base64') },
        admin,
      );
    // The built-in pack has no 'chạm' to say this phrase word by word.
    const last = KIOSK_SPEECH.touchToHear;
    for (const [i, key] of needed.filter((k) => k !== last).entries()) await save(key, i);
    await env.hub.api('settings:update', { ...settings, voice: { ...v, pack: 'center' } }, admin);
    const kiosk = await pairKiosk();
    await expect.poll(() => kiosk.getByTestId('large-text').count()).toBe(1);
    expect(await kiosk.getByTestId('voice-guide').count()).toBe(0);

    await save(last, needed.length);
    await expect.poll(() => kiosk.getByTestId('voice-guide').count(), { timeout: 15_000 }).toBe(1);
    await env.hub.api('voice-clips:delete', { key: last }, admin);
    await expect.poll(() => kiosk.getByTestId('voice-guide').count(), { timeout: 15_000 }).toBe(0);
  });
});
