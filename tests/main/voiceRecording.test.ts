// The center's own voice pack through the hub's API: listed, recorded, served, redone, deleted;
// managers only; a bad take refused with a Vietnamese reason; large takes accepted, larger refused;
// a full or read-only disk changes nothing and says so.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScratchDisks } from '../helpers/disks.ts';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';
import { take } from '../helpers/voiceTakes.ts';
import { activeLevelDb, readWav } from '../../main/voice/loudness.ts';
import { TARGET_DBFS, writeWav } from '../../main/voice/clipAudio.ts';
import { KIOSK_PHRASES, clipKey } from '../../main/voice/kioskPhrases.ts';
import { errorCatalog } from '../../main/contract/index.ts';

let t: TestHub;
let admin: string;
beforeEach(async () => {
  t = await startTestHub();
  admin = await t.login('admin');
});
afterEach(async () => t.close());

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function post(
  path: string,
  body: unknown,
  token: string | null,
  hubUrl = t.hub.url,
): Promise<{ status: number; code: string | null; message: string | null }> {
  const res = await fetch(`${hubUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as { error?: { code: string; message: string } };
  return { status: res.status, code: json.error?.code ?? null, message: json.error?.message ?? null };
}

describe('the center voice pack', () => {
  it('lists every clip the call and the kiosk need, all missing at first', async () => {
    const list = await t.api('voice-clips:list', {}, admin);
    expect(list.pack).toBe('center');
    expect(list.fallback).toBe('vi-espeak');
    expect(list.recorded).toBe(0);
    const keys = list.clips.map((c) => c.key);
    expect(keys.slice(0, 2)).toEqual(['mời công dân có số thứ tự', 'đến quầy số']);
    expect(keys).toEqual(
      expect.arrayContaining(['không', 'một', 'mốt', 'tư', 'lăm', 'mươi', 'mười', 'trăm', 'nghìn', 'linh', ...KIOSK_PHRASES]),
    );
    const fields = await t.api('fields:list', {}, admin);
    for (const f of fields.filter((x) => x.active))
      expect(list.clips.find((c) => c.group === 'field' && c.key === clipKey(f.nameVi))).toBeTruthy();
    expect(list.total).toBe(list.clips.length);
    // South: ngàn and lẻ instead of nghìn and linh.
    const s = await t.api('settings:get', {}, admin);
    await t.api('settings:update', { ...s, voice: { ...s.voice, dialect: 'south' } }, admin);
    const south = (await t.api('voice-clips:list', {}, admin)).clips.map((c) => c.key);
    expect(south).toEqual(expect.arrayContaining(['ngàn', 'lẻ']));
    expect(south).not.toContain('nghìn');
  });

  it('a take is trimmed, levelled and served to displays beside the built-in packs; redone, then deleted', async () => {
    const quiet = take('không', { lead: 0.8, tail: 1.1, gainDb: -14 });
    const list = await t.api('voice-clips:save', { key: 'Không', wav: b64(quiet.wav) }, admin);
    const clip = list.clips.find((c) => c.key === 'không')!;
    expect(clip.file).toMatch(/^[a-z0-9-]+\.wav$/);
    expect(list.recorded).toBe(1);
    expect(clip.durationMs).toBeLessThanOrEqual(Math.round((quiet.end - quiet.start + 0.06 + 0.03) * 1000));
    expect(clip.durationMs).toBeGreaterThanOrEqual(Math.round((quiet.end - quiet.start) * 1000) - 30);

    const manifest = (await (await fetch(`${t.hub.url}/voice/center/manifest.json`)).json()) as {
      clips: Record<string, string>;
      fallback: string;
    };
    expect(manifest.clips).toEqual({ không: clip.file });
    expect(manifest.fallback).toBe('vi-espeak');
    const served = await fetch(`${t.hub.url}/voice/center/${clip.file}`);
    expect(served.headers.get('content-type')).toBe('audio/wav');
    const pcm = readWav(new Uint8Array(await served.arrayBuffer()));
    expect(Math.abs(activeLevelDb(pcm.samples, pcm.sampleRate) - TARGET_DBFS)).toBeLessThanOrEqual(1);
    expect(existsSync(join(t.dir, 'voice', 'center', clip.file!))).toBe(true); // in the data folder, not the install

    const loud = take('không', { lead: 0.3, tail: 0.4, gainDb: 0, seed: 2 });
    const redone = (await t.api('voice-clips:save', { key: 'không', wav: b64(loud.wav) }, admin)).clips.find((c) => c.key === 'không')!;
    expect(redone.file).not.toBe(clip.file);
    expect((await fetch(`${t.hub.url}/voice/center/${clip.file}`)).status).toBe(404);
    const again = readWav(new Uint8Array(await (await fetch(`${t.hub.url}/voice/center/${redone.file}`)).arrayBuffer()));
    expect(Math.abs(activeLevelDb(again.samples, again.sampleRate) - activeLevelDb(pcm.samples, pcm.sampleRate))).toBeLessThanOrEqual(1);

    const after = await t.api('voice-clips:delete', { key: 'không' }, admin);
    expect(after.recorded).toBe(0);
    expect((await fetch(`${t.hub.url}/voice/center/${redone.file}`)).status).toBe(404);
  });

  it('survives a restart of the hub, and the center pack can be put in use with clips missing', async () => {
    await t.api('voice-clips:save', { key: 'đến quầy số', wav: b64(take('đến quầy số', { lead: 0.5, tail: 0.5, gainDb: -6 }).wav) }, admin);
    const { dir, hub } = t;
    const port = hub.port;
    await hub.close();
    t = await startTestHub({ dir, port });
    admin = await t.login('admin');
    const list = await t.api('voice-clips:list', {}, admin);
    expect(list.clips.filter((c) => c.file).map((c) => c.key)).toEqual(['đến quầy số']);
    const s = await t.api('settings:get', {}, admin);
    expect((await t.api('settings:update', { ...s, voice: { ...s.voice, pack: 'center' } }, admin)).voice.pack).toBe('center');
    expect((await t.api('voice:preview', { ...s.voice, pack: 'center' }, admin)).missing).toEqual([]);
  });

  it('"Nghe thử": any numbers, in the sentence and reading of the center', async () => {
    expect(await t.api('voice-clips:call', { so: 1024, quay: 4 }, admin)).toEqual({
      words: ['mời công dân có số thứ tự', 'một', 'nghìn', 'không', 'trăm', 'hai', 'mươi', 'tư', 'đến quầy số', 'bốn'],
      text: 'Mời công dân có số thứ tự một nghìn không trăm hai mươi tư đến quầy số bốn',
    });
    const s = await t.api('settings:get', {}, admin);
    await t.api('settings:update', { ...s, voice: { ...s.voice, dialect: 'south' } }, admin);
    expect((await t.api('voice-clips:call', { so: 2005, quay: 15 }, admin)).words).toEqual([
      'mời công dân có số thứ tự',
      'hai',
      'ngàn',
      'không',
      'trăm',
      'lẻ',
      'năm',
      'đến quầy số',
      'mười',
      'lăm',
    ]);
  });

  it("only the manager's pages may ask for the microphone; the kiosk's and the hall's may not", async () => {
    const policy = async (path: string) => (await fetch(`${t.hub.url}${path}`)).headers.get('permissions-policy') ?? '';
    for (const path of ['/manager', '/manager/voice']) expect(await policy(path)).toContain('microphone=(self)');
    for (const path of ['/kiosk', '/display/hall', '/counter', '/rating/1', '/api/health'])
      expect(await policy(path)).toContain('microphone=()');
  });

  it('managers only: an officer, a kiosk and no one at all are refused', async () => {
    const wav = b64(take('một', { lead: 0.2, tail: 0.2, gainDb: 0 }).wav);
    const officer = await t.login('canbo1');
    const kiosk = await t.device('kiosk');
    for (const [token, code] of [
      [officer, 'FORBIDDEN'],
      [kiosk, 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ] as const) {
      expect((await post('/api/config/voice-clips', { key: 'một', wav }, token)).code).toBe(code);
      expect((await post('/api/config/voice-clips/delete', { key: 'một' }, token)).code).toBe(code);
      expect(await errorCode(t.api('voice-clips:list', {}, token ?? undefined))).toBe(code);
    }
    const manager = await t.login('quanly');
    expect((await t.api('voice-clips:save', { key: 'một', wav }, manager)).recorded).toBe(1);
  });

  it('a bad take is refused with a reason in Vietnamese, and nothing is stored', async () => {
    const cases: [unknown, string][] = [
      [{ key: 'một', wav: b64(new TextEncoder().encode('OggS, not a WAV')) }, 'VOICE_CLIP_UNREADABLE'],
      [{ key: 'một', wav: b64(writeWav(new Float32Array(48_000), 48_000)) }, 'VOICE_CLIP_SILENT'],
      [{ key: 'chào buổi sáng', wav: b64(take('một', { lead: 0.2, tail: 0.2, gainDb: 0 }).wav) }, 'VOICE_CLIP_NOT_NEEDED'],
      [{ key: 'một', wav: 'không phải base64!' }, 'VALIDATION'],
    ];
    for (const [body, code] of cases) {
      const r = await post('/api/config/voice-clips', body, admin);
      expect(r).toEqual({ status: 400, code, message: errorCatalog[code as keyof typeof errorCatalog].vi });
    }
    expect(errorCatalog.VOICE_CLIP_UNREADABLE.vi).toBe('Không đọc được bản thu: cần tệp WAV PCM 16 bit. Hãy thu lại.');
    expect((await t.api('voice-clips:list', {}, admin)).recorded).toBe(0);
  });

  it('a take of several seconds fits (over the 64 KB other requests are held to); one over 2 MB is refused', async () => {
    const long = take('mời công dân có số thứ tự', { lead: 1.5, tail: 1.5, gainDb: -3 });
    expect(long.wav.length).toBeGreaterThan(64 * 1024);
    expect((await t.api('voice-clips:save', { key: 'mời công dân có số thứ tự', wav: b64(long.wav) }, admin)).recorded).toBe(1);
    const huge = b64(writeWav(new Float32Array(1_600_000), 48_000));
    const r = await post('/api/config/voice-clips', { key: 'một', wav: huge }, admin);
    expect(r.status).toBe(413);
    expect(r.code).toBe('BODY_TOO_LARGE');
  });
});

// A disk that takes no writes (full, or turned read-only), made by tests/helpers/disks.ts (as
// root; skipped where the kernel refuses): a take is refused in words, and nothing is lost or
// half-written: the recorded clip, the manifest the hall reads, the list the manager sees.
describe('on a disk that takes no writes', () => {
  const disks = new ScratchDisks('motcua-voice-disk-');
  afterAll(() => disks.removeAll());

  /** A 16 MB tmpfs and a way to fill it, or a 32 MB ext4 and a way to turn it read-only. */
  function disk(kind: 'full' | 'readonly'): { dir: string; fault: () => void; clear: () => void } | { skip: string } {
    if (kind === 'full') {
      const d = disks.tmpfs(kind);
      return 'skip' in d ? d : { dir: d.dir, fault: d.fill, clear: d.makeRoom };
    }
    const d = disks.ext4(kind);
    return 'skip' in d ? d : { dir: d.dir, fault: d.triggerError, clear: () => undefined };
  }

  for (const kind of ['full', 'readonly'] as const) {
    it(`${kind === 'full' ? 'full' : 'read-only'}: a new take, a take redone and a deletion are refused in words; the pack stays as it was`, async (ctx) => {
      const d = disk(kind);
      if ('skip' in d) return ctx.skip();
      const hub = await startTestHub({ dir: join(d.dir, 'data') });
      try {
        const manager = await hub.login('quanly');
        const first = await hub.api(
          'voice-clips:save',
          { key: 'không', wav: b64(take('không', { lead: 0.3, tail: 0.3, gainDb: -6 }).wav) },
          manager,
        );
        const clip = first.clips.find((c) => c.key === 'không')!.file!;
        const folder = join(hub.dir, 'voice', 'center');
        const served = async (path: string) => {
          const res = await fetch(`${hub.hub.url}/voice/center/${path}`);
          return res.status === 200 ? Buffer.from(await res.arrayBuffer()) : null;
        };
        const before = { files: readdirSync(folder).sort(), manifest: await served('manifest.json'), clip: await served(clip) };

        d.fault();
        const refusals = [
          await post(
            '/api/config/voice-clips',
            { key: 'không', wav: b64(take('không', { lead: 0.4, tail: 0.2, gainDb: 0, seed: 5 }).wav) },
            manager,
            hub.hub.url,
          ),
          await post(
            '/api/config/voice-clips',
            { key: 'một', wav: b64(take('một', { lead: 0.3, tail: 0.3, gainDb: -3 }).wav) },
            manager,
            hub.hub.url,
          ),
          await post('/api/config/voice-clips/delete', { key: 'không' }, manager, hub.hub.url),
        ];
        for (const r of refusals)
          expect(r).toEqual({ status: 503, code: 'VOICE_CLIP_NOT_SAVED', message: errorCatalog.VOICE_CLIP_NOT_SAVED.vi });
        // Nothing changed: the list, the manifest and the clip the hall plays, and no file half-written.
        const list = await hub.api('voice-clips:list', {}, manager);
        expect(list.clips.filter((c) => c.file).map((c) => [c.key, c.file])).toEqual([['không', clip]]);
        expect(await served('manifest.json')).toEqual(before.manifest);
        expect(await served(clip)).toEqual(before.clip);
        expect(readdirSync(folder).sort()).toEqual(before.files);
        // The manager's health page says why.
        await expect
          .poll(async () => (await hub.api('hub:health', {}, manager)).detail!.database, { timeout: 10_000 })
          .toMatchObject({ writable: false, fault: { kind } });
        if (kind === 'readonly') return;

        // Space returns: the take is kept as any other.
        d.clear();
        const after = await hub.api(
          'voice-clips:save',
          { key: 'một', wav: b64(take('một', { lead: 0.3, tail: 0.3, gainDb: -3 }).wav) },
          manager,
        );
        expect(after.recorded).toBe(2);
      } finally {
        await hub.close();
      }
    }, 60_000);
  }
});
