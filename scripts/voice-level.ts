// Prints the active level (dBFS, see main/voice/loudness.ts) of each WAV file given: the voice pack
// script uses it to bring every clip to one level. Usage: tsx scripts/voice-level.ts a.wav b.wav…
import { readFileSync } from 'node:fs';
import { activeLevelDb, readWav } from '../main/voice/loudness.ts';

for (const file of process.argv.slice(2)) {
  const { samples, sampleRate } = readWav(readFileSync(file));
  console.log(`${activeLevelDb(samples, sampleRate).toFixed(2)} ${file}`);
}
