// Trimming and levelling a recorded clip, on synthetic recordings whose speech edges and gains are
// known: the speech found within 30 ms of its true edges, every clip brought within ±1 dB of one level.
import { describe, expect, it } from 'vitest';
import {
  ClipProblem,
  MARGIN_S,
  TARGET_DBFS,
  levelTo,
  prepareClip,
  speechBounds,
  trimSilence,
  writeWav,
} from '../../main/voice/clipAudio.ts';
import { activeLevelDb, readWav } from '../../main/voice/loudness.ts';

const RATE = 48_000;

/** A seeded generator: the same "recordings" every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

interface Take {
  samples: Float32Array;
  /** The true edges of the speech, in seconds. */
  start: number;
  end: number;
}

/**
 * A syllable as a microphone hears it: a soft hiss ("x", "s") leading into a voiced vowel with its
 * harmonics, which dies away over 80 ms; room noise under everything.
 */
function take(o: {
  lead: number;
  speech: number;
  tail: number;
  peakDb: number;
  noiseDb: number | null;
  hiss: boolean;
  seed: number;
}): Take {
  const rnd = random(o.seed);
  const n = Math.round((o.lead + o.speech + o.tail) * RATE);
  const samples = new Float32Array(n);
  const amp = 10 ** (o.peakDb / 20);
  const noise = o.noiseDb === null ? 0 : 10 ** (o.noiseDb / 20) * Math.sqrt(12);
  const hissS = o.hiss ? 0.06 : 0;
  for (let i = 0; i < n; i++) {
    const t = i / RATE - o.lead;
    let v = noise * rnd();
    if (t >= 0 && t < o.speech) {
      if (t < hissS)
        v += amp * 0.1 * 2 * rnd(); // -20 dB under the vowel
      else {
        const tv = t - hissS;
        const rest = o.speech - t;
        const env = Math.min(1, tv / 0.02, rest / 0.08);
        const f0 = 140 + 20 * Math.sin(2 * Math.PI * 3 * t);
        let s = 0;
        for (let h = 1; h <= 8; h++) s += Math.sin(2 * Math.PI * f0 * h * t) / h;
        v += amp * env * 0.55 * s;
      }
    }
    samples[i] = v;
  }
  return { samples, start: o.lead, end: o.lead + o.speech };
}

const takes: Take[] = [
  take({ lead: 1.2, speech: 0.45, tail: 0.9, peakDb: -8, noiseDb: -62, hiss: true, seed: 1 }),
  take({ lead: 0.3, speech: 1.6, tail: 0.05, peakDb: -30, noiseDb: -70, hiss: false, seed: 2 }),
  take({ lead: 0.02, speech: 0.25, tail: 2.0, peakDb: -18, noiseDb: null, hiss: true, seed: 3 }),
  take({ lead: 0.7, speech: 0.8, tail: 0.7, peakDb: -3, noiseDb: -48, hiss: false, seed: 4 }),
  take({ lead: 2.5, speech: 0.3, tail: 0.4, peakDb: -40, noiseDb: -80, hiss: true, seed: 5 }),
];

describe('trimming', () => {
  it('finds the speech within 30 ms of its true edges: quiet or loud, hissing or voiced, noisy room or none', () => {
    for (const [i, t] of takes.entries()) {
      const b = speechBounds(t.samples, RATE)!;
      expect(b, `take ${i}`).not.toBeNull();
      expect(Math.abs(b.start / RATE - t.start), `take ${i} start`).toBeLessThanOrEqual(0.03);
      expect(Math.abs(b.end / RATE - t.end), `take ${i} end`).toBeLessThanOrEqual(0.03);
    }
  });

  it('keeps a 30 ms margin around the speech and drops the rest of the silence', () => {
    for (const [i, t] of takes.entries()) {
      const out = trimSilence(t.samples, RATE);
      const lead = Math.min(t.start, MARGIN_S);
      const tail = Math.min(t.samples.length / RATE - t.end, MARGIN_S);
      expect(Math.abs(out.length / RATE - (t.end - t.start + lead + tail)), `take ${i}`).toBeLessThanOrEqual(0.06);
    }
  });

  it('a recording with no speech is refused, not stored as a silent clip', () => {
    const hum = take({ lead: 2, speech: 0, tail: 0, peakDb: -10, noiseDb: -55, hiss: false, seed: 9 });
    expect(() => trimSilence(hum.samples, RATE)).toThrow(ClipProblem);
    expect(() => trimSilence(new Float32Array(RATE), RATE)).toThrow(ClipProblem);
  });
});

describe('levelling', () => {
  it('brings clips recorded 37 dB apart within ±1 dB of the target and of each other', () => {
    const levels = takes.map((t) => activeLevelDb(levelTo(trimSilence(t.samples, RATE), RATE), RATE));
    for (const l of levels) expect(Math.abs(l - TARGET_DBFS)).toBeLessThanOrEqual(1);
    expect(Math.max(...levels) - Math.min(...levels)).toBeLessThanOrEqual(1);
    const before = takes.map((t) => activeLevelDb(t.samples, RATE));
    expect(Math.max(...before) - Math.min(...before)).toBeGreaterThan(30); // the takes did differ
  });

  it('never clips: a loud take is levelled with its peaks under full scale', () => {
    const loud = take({ lead: 0.2, speech: 0.5, tail: 0.2, peakDb: 0, noiseDb: null, hiss: false, seed: 7 });
    const out = levelTo(loud.samples, RATE, -6);
    expect(Math.max(...out.map(Math.abs))).toBeLessThan(1);
  });
});

describe('an uploaded WAV', () => {
  it('comes back trimmed, levelled, as 16-bit PCM the hall can play', () => {
    for (const t of takes) {
      const made = prepareClip(writeWav(t.samples, RATE));
      const back = readWav(made.wav);
      expect(back.sampleRate).toBe(RATE);
      expect(made.durationMs).toBeLessThanOrEqual(Math.round((t.end - t.start + 2 * MARGIN_S + 0.06) * 1000));
      expect(Math.abs(activeLevelDb(back.samples, RATE) - TARGET_DBFS)).toBeLessThanOrEqual(1);
    }
  });

  it('says what is wrong with a bad one: not a WAV, silent, too long', () => {
    const reason = (bytes: Uint8Array) => {
      try {
        prepareClip(bytes);
        return 'accepted';
      } catch (err) {
        return err instanceof ClipProblem ? err.reason : String(err);
      }
    };
    expect(reason(new TextEncoder().encode('OggS not a wav at all'))).toBe('unreadable');
    expect(reason(writeWav(new Float32Array(RATE), RATE))).toBe('silent');
    const long = take({ lead: 0.4, speech: 11, tail: 0.4, peakDb: -12, noiseDb: -70, hiss: false, seed: 8 });
    expect(reason(writeWav(long.samples, RATE))).toBe('too-long');
  });
});
