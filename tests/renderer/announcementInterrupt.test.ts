// AnnouncementPlayer.interrupt() (#26 part 2): the speaking kiosk's next touch is answered at once.
// Clips here last 100 s on a stand-in AudioContext, so an answer queued behind one would come only
// after it; an interrupted clip is stopped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnnouncementPlayer } from '../../renderer/src/display/audio.ts';

interface FakeSource {
  buffer: unknown;
  onended: (() => void) | null;
  stopped: boolean;
}

const sources: FakeSource[] = [];
/** Decoding waits on this while a test holds it: an announcement whose clips are still loading. */
let decoding: Promise<void> = Promise.resolve();

class FakeAudioContext {
  currentTime = 0;
  state = 'running';
  destination = {};
  createGain() {
    return { gain: { value: 1 }, connect: () => undefined };
  }
  createBufferSource(): FakeSource & { connect: () => void; start: () => void; stop: () => void } {
    const s = {
      buffer: null,
      onended: null,
      stopped: false,
      connect: () => undefined,
      start: () => undefined,
      stop: () => {
        s.stopped = true;
      },
    };
    sources.push(s);
    return s;
  }
  decodeAudioData() {
    return decoding.then(() => ({ duration: 100 }));
  }
  resume() {
    return Promise.resolve();
  }
}

const manifest = { name: 'thu', clips: { 'đất đai': 'dat-dai.wav', 'tư pháp': 'tu-phap.wav' } };

describe('AnnouncementPlayer.interrupt', () => {
  beforeEach(() => {
    sources.length = 0;
    decoding = Promise.resolve();
    vi.stubGlobal('AudioContext', FakeAudioContext);
    vi.stubGlobal('fetch', (url: string) =>
      Promise.resolve(
        url.endsWith('manifest.json')
          ? { ok: true, json: () => Promise.resolve(manifest) }
          : { ok: true, arrayBuffer: () => Promise.resolve(new ArrayBuffer(8)) },
      ),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const once = { repeat: 1, volume: 1, chime: false };

  it('stops the clip sounding and says the next words at once, not after it', async () => {
    const player = new AnnouncementPlayer('/voice/thu');
    void player.enqueue(['đất đai'], once);
    await expect.poll(() => player.log.map((e) => e.clip)).toEqual(['dat-dai.wav']);
    player.interrupt();
    expect(sources.map((s) => s.stopped)).toEqual([true]);
    void player.enqueue(['tư pháp'], once);
    await expect.poll(() => player.log.map((e) => e.clip)).toEqual(['dat-dai.wav', 'tu-phap.wav']);
    expect(sources.map((s) => s.stopped)).toEqual([true, false]);
  });

  it('an announcement still loading its clips when interrupted never sounds', async () => {
    let release = () => undefined as void;
    decoding = new Promise<void>((resolve) => (release = resolve));
    const player = new AnnouncementPlayer('/voice/thu');
    void player.enqueue(['đất đai'], once);
    player.interrupt();
    void player.enqueue(['tư pháp'], once);
    release();
    await expect.poll(() => player.log.map((e) => e.clip)).toEqual(['tu-phap.wav']);
    expect(sources).toHaveLength(1);
  });
});
