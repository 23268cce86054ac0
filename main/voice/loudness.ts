// How loud a voice clip is, measured the same way by the script that makes the pack and by its
// test: the active speech level (after ITU-T P.56's idea): the RMS of the 10 ms frames louder than
// a gate, so a stop's closure or the silence a short syllable is padded with does not count.
// Pure: PCM samples in, decibels out.

/** Frames quieter than this (dBFS) are pauses, not speech. */
export const GATE_DBFS = -50;
const FRAME_S = 0.01;

const db = (meanSquare: number) => 10 * Math.log10(Math.max(meanSquare, 1e-12));

/** The active level in dBFS of mono samples in [-1, 1]; -Infinity for a clip with no frame above the gate. */
export function activeLevelDb(samples: Float32Array, sampleRate: number): number {
  const frame = Math.max(1, Math.round(sampleRate * FRAME_S));
  let sum = 0;
  let count = 0;
  for (let at = 0; at < samples.length; at += frame) {
    const end = Math.min(samples.length, at + frame);
    let s = 0;
    for (const v of samples.subarray(at, end)) s += v * v;
    if (db(s / (end - at)) > GATE_DBFS) {
      sum += s;
      count += end - at;
    }
  }
  return count === 0 ? -Infinity : db(sum / count);
}

/** The samples of a 16-bit PCM WAV file (its first channel), with its sample rate. */
export function readWav(bytes: Uint8Array): { samples: Float32Array; sampleRate: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAV file');
  let channels = 1;
  let sampleRate = 0;
  let bits = 0;
  for (let at = 12; at + 8 <= bytes.length;) {
    // A streamed WAV (opusdec to a pipe) gives its data chunk an unknown size: read to the end.
    const size = view.getUint32(at + 4, true);
    if (tag(at) === 'fmt ') {
      channels = view.getUint16(at + 10, true);
      sampleRate = view.getUint32(at + 12, true);
      bits = view.getUint16(at + 22, true);
    } else if (tag(at) === 'data') {
      if (bits !== 16) throw new Error(`${bits}-bit WAV: only 16-bit PCM is read`);
      const end = Math.min(bytes.length, at + 8 + size);
      const n = Math.floor((end - at - 8) / (2 * channels));
      const samples = new Float32Array(n);
      for (let i = 0; i < n; i++) samples[i] = view.getInt16(at + 8 + i * 2 * channels, true) / 32768;
      return { samples, sampleRate };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('WAV file without data');
}
