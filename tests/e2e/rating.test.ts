/// <reference lib="dom" />
// The rating tablet at a counter, in Chromium, against a real hub.
import { describe, expect, it } from 'vitest';
import { browserAndHub, hasChromium, screenshot } from '../helpers/browser.ts';

const maybe = hasChromium ? describe : describe.skip;
const env = browserAndHub({ width: 1280, height: 800 });

/** A tablet paired for counter 1, opened at `path` (its own counter's address unless a test says otherwise). */
async function tabletOfCounter1(path = '/rating/1') {
  const t = env.hub;
  const admin = await t.login('admin');
  const { code } = await t.api('devices:create', { kind: 'rating', name: 'Đánh giá quầy 1', counterId: await t.counterId(1) }, admin);
  const page = await env.ctx.newPage();
  await page.goto(`${t.hub.url}${path}#pair=${code}`);
  return page;
}

maybe('rating device', () => {
  it('an officer finishes → the tablet asks → the citizen rates with a reason → stored, chained, anonymous', async () => {
    const t = env.hub;
    const admin = await t.login('admin');
    const officer = await t.officerAt(1);
    const page = await tabletOfCounter1();
    await expect.poll(() => page.getByTestId('rating-idle').textContent()).toContain('Nguyễn Thị Lan');
    await screenshot(page, 'rating-idle-1280x800');

    const kiosk = await t.device('kiosk');
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
    const c = await t.api('counter:call-next', {}, officer);
    await t.api('ticket:finish', { id: c.id }, officer);
    await page.getByTestId('rating-ask').waitFor();
    expect(await page.getByTestId('rating-ask').textContent()).toContain('Số thứ tự 1001');
    await screenshot(page, 'rating-ask-1280x800');
    await page.getByTestId('level-1').click();
    await page.getByTestId('reason-thoi-gian-cho').click();
    await screenshot(page, 'rating-reasons-1280x800');
    await page.getByTestId('send-rating').click();
    await page.getByTestId('rating-thanks').waitFor();

    await expect
      .poll(() => t.hub.db.prepare('SELECT level, reasons FROM ratings WHERE ticket_id = ?').get(c.id))
      .toEqual({ level: 1, reasons: '["thoi-gian-cho"]' });
    expect(await t.api('ratings:verify', {}, admin)).toEqual({ ok: true, count: 1, firstBrokenId: null });
  });

  it('a rating the citizen started is kept while the next ticket finishes; an untouched one is recorded as not rated', async () => {
    const t = env.hub;
    const admin = await t.login('admin');
    const officer = await t.officerAt(1);
    const kiosk = await t.device('kiosk');
    const page = await tabletOfCounter1();
    await page.getByTestId('rating-idle').waitFor();
    const serve = async () => {
      await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
      const c = await t.api('counter:call-next', {}, officer);
      await t.api('ticket:finish', { id: c.id }, officer);
      return c;
    };

    // The first citizen starts rating (dissatisfied: the reasons screen)…
    const first = await serve();
    await page.getByTestId('rating-ask').waitFor();
    await page.getByTestId('level-1').click();
    await page.getByTestId('rating-reasons').waitFor();
    // …while the officer already finishes the next one.
    const second = await serve();
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.getByTestId('rating-reasons').count()).toBe(1);
    await page.getByTestId('reason-thai-do').click();
    await page.getByTestId('send-rating').click();
    // Then the second citizen is asked.
    await expect.poll(() => page.getByTestId('rating-ask').textContent(), { timeout: 8000 }).toContain(`Số thứ tự ${second.number}`);
    const level = (id: number) => t.hub.db.prepare('SELECT level, reasons FROM ratings WHERE ticket_id = ?').get(id);
    await expect.poll(() => level(first.id)).toEqual({ level: 1, reasons: '["thai-do"]' });

    // The second citizen leaves without touching it; the third is served: the second is recorded as not rated.
    const third = await serve();
    await expect.poll(() => page.getByTestId('rating-ask').textContent()).toContain(`Số thứ tự ${third.number}`);
    const timedOut = async () =>
      (await t.api('journal:list', { since: 0, limit: 1000 }, admin)).events
        .filter((e) => e.type === 'rating:timed-out')
        .map((e) => e.ticketId);
    await expect.poll(timedOut).toEqual([second.id]);
    await page.getByTestId('level-4').click();
    await expect.poll(() => level(third.id)).toEqual({ level: 4, reasons: '[]' });
  });

  it("a tablet belongs to its counter: opened at another counter's address it still shows and rates its own; English; a middle level asks what could be better", async () => {
    const t = env.hub;
    const admin = await t.login('admin');
    // A tablet needs its counter.
    const refused = await t
      .api('devices:create', { kind: 'rating', name: 'Không quầy', counterId: null }, admin)
      .catch((e: { code: string }) => e.code);
    expect(refused).toBe('DEVICE_NEEDS_COUNTER');
    const officer = await t.officerAt(1);
    await t.officerAt(2);
    const page = await tabletOfCounter1('/rating/2');
    await expect.poll(() => page.getByTestId('rating-idle').textContent()).toContain('Quầy số 1');
    expect(await page.getByTestId('rating-idle').textContent()).toContain('Nguyễn Thị Lan');

    const kiosk = await t.device('kiosk');
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
    const c = await t.api('counter:call-next', {}, officer);
    await t.api('ticket:finish', { id: c.id }, officer);
    await page.getByTestId('rating-ask').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.getByTestId('rating-ask').textContent()).toContain('How satisfied are you with the service?');
    expect(await page.getByTestId('rating-ask').textContent()).toContain('Neutral');
    await page.getByTestId('level-2').click();
    expect(await page.getByTestId('rating-reasons').textContent()).toContain('What could we do better?');
    await screenshot(page, 'rating-reasons-neutral-en-1280x800');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    expect(await page.getByTestId('rating-reasons').textContent()).toContain('Chúng tôi cần làm tốt hơn điều gì?');
    expect(await page.getByTestId('rating-reasons').textContent()).not.toContain('chưa hài lòng');
    await page.getByTestId('send-rating').click();
    await expect
      .poll(() => t.hub.db.prepare('SELECT level, counter_id FROM ratings WHERE ticket_id = ?').get(c.id))
      .toEqual({ level: 2, counter_id: await t.counterId(1) });
  });

  it('a short comment typed on the tablet keyboard, tones included, is stored and chained', async () => {
    const t = env.hub;
    const admin = await t.login('admin');
    const officer = await t.officerAt(1);
    const page = await tabletOfCounter1();
    await page.getByTestId('rating-idle').waitFor();
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, await t.device('kiosk'));
    const c = await t.api('counter:call-next', {}, officer);
    await t.api('ticket:finish', { id: c.id }, officer);
    await page.getByTestId('level-1').click();
    await page.getByTestId('add-comment').click();
    const key = (k: string) => page.locator(`[data-testid=keyboard] [data-key="${k}"]`).click();
    for (const k of ['c', 'h', 'ơ', 'huyen', 'space', 'l', 'â', 'u']) await key(k);
    expect(await page.getByTestId('comment').textContent()).toBe('chờ lâu');
    await screenshot(page, 'rating-comment-keyboard-1280x800');
    await page.getByTestId('send-rating').click();
    await expect.poll(() => t.hub.db.prepare('SELECT comment FROM ratings WHERE ticket_id = ?').get(c.id)).toEqual({ comment: 'chờ lâu' });
    expect(await t.api('ratings:verify', {}, admin)).toEqual({ ok: true, count: 1, firstBrokenId: null });
    // Nobody rewrites it afterwards (tests/main/ratings.test.ts: the comment is in the hash chain too).
    expect(() => t.hub.db.prepare("UPDATE ratings SET comment = 'rất tốt' WHERE ticket_id = ?").run(c.id)).toThrow(/append-only/);
  });
  it('a citizen who chose "Không hài lòng" and two reasons, then walked away: the rating keeps both reasons; each touch restarts the timer', async () => {
    const t = env.hub;
    const admin = await t.login('admin');
    const settings = await t.api('settings:get', {}, admin);
    await t.api('settings:update', { ...settings, rating: { ...settings.rating, timeoutSec: 5 } }, admin);
    const officer = await t.officerAt(1);
    const page = await tabletOfCounter1();
    await page.getByTestId('rating-idle').waitFor();
    await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, await t.device('kiosk'));
    const c = await t.api('counter:call-next', {}, officer);
    await t.api('ticket:finish', { id: c.id }, officer);
    await page.getByTestId('rating-ask').waitFor();
    await page.getByTestId('level-1').click();
    // 3 s, a reason; 3 s more (6 s after the level, past the 5 s timeout), another: each touch restarts it.
    await new Promise((r) => setTimeout(r, 3000));
    await page.getByTestId('reason-thai-do').click();
    await new Promise((r) => setTimeout(r, 3000));
    expect(await page.getByTestId('rating-reasons').count(), 'still asking 6 s after the level: the reason restarted the timer').toBe(1);
    await page.getByTestId('reason-thoi-gian-cho').click();
    await screenshot(page, 'rating-reasons-two-chosen-1280x800');
    // Then the citizen leaves: what they chose is stored, reasons included.
    await page.getByTestId('rating-thanks').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => t.hub.db.prepare('SELECT level, reasons FROM ratings WHERE ticket_id = ?').get(c.id))
      .toEqual({ level: 1, reasons: '["thai-do","thoi-gian-cho"]' });
  });
});
