// A recorded clip made ready for the hall: silence trimmed to short margins and loudness levelled
// to the built-in pack's, so recorded and built-in clips sound alike when one call mixes them.
// Pure: PCM in, PCM out; the hub runs it on every upload (main/hub/voicePacks.ts).
import { activeLevelDb, readWav } from './loudness.ts';

/** The active level every clip is brought to: the built-in pack's (its manifest's levelDbfs, scripts/make-voice-pack.sh). */
export const TARGET_DBFS = -21;
/** Silence kept before and after the speech: a breath of room, so a stop-final syllable is not clipped. */
export const MARGIN_S = 0.03;
/** Longer than any phrase of a call; a recording left running is refused rather than stored. */
export const MAX_CLIP_S = 10;
const FRAME_S = 0.005;
const FADE_S = 0.005;
/** Peaks stay under this after levelling: a loud syllable is softened rather than clipped. */
const PEAK_LIMIT = 0.97;

export class ClipProblem extends Error {
  constructor(readonly reason: 'unreadable' | 'silent' | 'too-long') {
    super(reason);
  }
}

const db = (meanSquare: number) => 10 * Math.log10(Math.max(meanSquare, 1e-12));

/** The level (dB) of each short frame. */
function frameLevels(samples: Float32Array, frame: number): number[] {
  const levels: number[] = [];
  for (let at = 0; at < samples.length; at += frame) {
    const end = Math.min(samples.length, at + frame);
    let s = 0;
    for (const v of samples.subarray(at, end)) s += v * v;
    levels.push(db(s / (end - at)));
  }
  return levels;
}

/**
 * Where the speech starts and ends, in samples. A frame is speech when it stands clear of the room's
 * noise (its quietest frames, plus 12 dB) and is within 40 dB of the loudest frame, so a soft "x" or
 * "s" at an edge counts but the hum of a PC fan does not. A room louder than 20 dB under the voice
 * is cut at 20 dB under it. Null when nothing stands out.
 */
export function speechBounds(samples: Float32Array, sampleRate: number): { start: number; end: number } | null {
  const frame = Math.max(1, Math.round(sampleRate * FRAME_S));
  const levels = frameLevels(samples, frame);
  if (levels.length === 0) return null;
  const sorted = [...levels].sort((a, b) => a - b);
  // The quietest 2 %: a take begins after the click and ends before the second, so it has that much room tone.
  const noise = sorted[Math.floor(sorted.length * 0.02)] ?? -Infinity;
  const peak = sorted.at(-1) ?? -Infinity;
  const threshold = Math.max(Math.min(noise + 12, peak - 20), peak - 40, -70);
  // Nothing 15 dB over the room, or nothing louder than a whisper far from the microphone: no speech.
  if (peak < -55 || peak - noise < 15) return null;
  const first = levels.findIndex((l) => l > threshold);
  const last = levels.findLastIndex((l) => l > threshold);
  return { start: first * frame, end: Math.min(samples.length, (last + 1) * frame) };
}

/** The speech with `MARGIN_S` of what surrounds it, faded in and out so a cut makes no click. */
export function trimSilence(samples: Float32Array, sampleRate: number): Float32Array {
  const bounds = speechBounds(samples, sampleRate);
  if (!bounds) throw new ClipProblem('silent');
  const margin = Math.round(sampleRate * MARGIN_S);
  const out = samples.slice(Math.max(0, bounds.start - margin), Math.min(samples.length, bounds.end + margin));
  const fade = Math.min(Math.round(sampleRate * FADE_S), Math.floor(out.length / 2));
  for (let i = 0; i < fade; i++) {
    const k = i / fade;
    out[i] = (out[i] ?? 0) * k;
    out[out.length - 1 - i] = (out[out.length - 1 - i] ?? 0) * k;
  }
  return out;
}

/** The samples brought to `target` dBFS of active speech level (loudness.ts), peaks held under the limit. */
export function levelTo(samples: Float32Array, sampleRate: number, target = TARGET_DBFS): Float32Array {
  const level = activeLevelDb(samples, sampleRate);
  if (!Number.isFinite(level)) throw new ClipProblem('silent');
  let gain = 10 ** ((target - level) / 20);
  let out = applyGain(samples, gain);
  // The gate counts more of a quiet take's fading syllable once it is louder: measure again and correct.
  for (let pass = 0; pass < 4; pass++) {
    const off = target - activeLevelDb(out, sampleRate);
    if (Math.abs(off) < 0.1) break;
    gain *= 10 ** (off / 20);
    out = applyGain(samples, gain);
  }
  return out;
}

function applyGain(samples: Float32Array, gain: number): Float32Array {
  return samples.map((s) => {
    const v = s * gain;
    // Soft knee above the limit: the few loudest peaks bend, the level of the speech does not move.
    const a = Math.abs(v);
    return a <= PEAK_LIMIT ? v : Math.sign(v) * (PEAK_LIMIT + (1 - PEAK_LIMIT) * Math.tanh((a - PEAK_LIMIT) / (1 - PEAK_LIMIT)));
  });
}

/** A 16-bit PCM mono WAV file of samples in [-1, 1]. */
export function writeWav(samples: Float32Array, sampleRate: number): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const tag = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  tag(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  tag(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((v, i) => view.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, v)) * 32767), true));
  return bytes;
}

export interface PreparedClip {
  wav: Uint8Array;
  durationMs: number;
  /** The active level after levelling (dBFS). */
  levelDb: number;
}

/** An uploaded WAV, trimmed and levelled, as the pack stores it; a ClipProblem says what is wrong with it. */
export function prepareClip(upload: Uint8Array): PreparedClip {
  let pcm: { samples: Float32Array; sampleRate: number };
  try {
    pcm = readWav(upload);
  } catch {
    throw new ClipProblem('unreadable');
  }
  const { samples, sampleRate } = pcm;
  if (sampleRate < 8000 || sampleRate > 96_000 || samples.length === 0) throw new ClipProblem('unreadable');
  // The silence around the speech may be long (a recording stopped late); the speech may not.
  const trimmed = trimSilence(samples, sampleRate);
  if (trimmed.length / sampleRate > MAX_CLIP_S + 2 * MARGIN_S) throw new ClipProblem('too-long');
  const levelled = levelTo(trimmed, sampleRate);
  return {
    wav: writeWav(levelled, sampleRate),
    durationMs: Math.round((levelled.length / sampleRate) * 1000),
    levelDb: activeLevelDb(levelled, sampleRate),
  };
}
