// Recordings made at test time (no committed audio): espeak-ng says a word, and the "take" puts it
// between known lengths of room tone at a chosen gain, as a staff member's microphone would give it.
import { execFileSync } from 'node:child_process';
import { readWav } from '../../main/voice/loudness.ts';
import { writeWav } from '../../main/voice/clipAudio.ts';

export interface VoiceTake {
  wav: Uint8Array;
  sampleRate: number;
  /** Where the speech truly is in the take, in seconds. */
  start: number;
  end: number;
}

/** espeak-ng's Vietnamese voice saying `text`, its own padding cut at the first and last audible sample. */
export function espeakSpeech(text: string): { samples: Float32Array; sampleRate: number } {
  const out = execFileSync('espeak-ng', ['-v', 'vi', '-s', '150', '--stdout', text], { maxBuffer: 64 * 1024 * 1024 });
  const { samples, sampleRate } = readWav(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
  const audible = (v: number) => Math.abs(v) > 0.003;
  const first = samples.findIndex(audible);
  const last = samples.findLastIndex(audible);
  return { samples: samples.slice(first, last + 1), sampleRate };
}

/** `text` said between `lead` and `tail` seconds of faint room noise, `gainDb` louder or softer than espeak-ng. */
export function take(text: string, o: { lead: number; tail: number; gainDb: number; seed?: number }): VoiceTake {
  const speech = espeakSpeech(text);
  const rate = speech.sampleRate;
  const lead = Math.round(o.lead * rate);
  const samples = new Float32Array(lead + speech.samples.length + Math.round(o.tail * rate));
  let s = o.seed ?? 1;
  const noise = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return (s / 2 ** 32 - 0.5) * 0.001; // about -70 dBFS
  };
  const gain = 10 ** (o.gainDb / 20);
  for (let i = 0; i < samples.length; i++) samples[i] = noise() + gain * (speech.samples[i - lead] ?? 0);
  return { wav: writeWav(samples, rate), sampleRate: rate, start: o.lead, end: o.lead + speech.samples.length / rate };
}
