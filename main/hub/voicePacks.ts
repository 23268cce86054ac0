// The voice packs the hub serves to hall displays (renderer/public/voice/<pack>/manifest.json), read
// once at start, so settings can refuse a sentence the pack cannot say before any TV is silent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The part of a voice pack's manifest.json the hub reads: the words it has clips for. */
const VoiceManifest = z.object({ clips: z.record(z.string(), z.unknown()).optional() });

export type VoicePacks = ReadonlyMap<string, ReadonlySet<string>>;

export function loadVoicePacks(rendererDir: string): VoicePacks {
  const sourceDir = fileURLToPath(new URL('../../renderer/public/voice', import.meta.url));
  const dir = [join(rendererDir, 'voice'), sourceDir].find((d) => existsSync(d));
  const packs = new Map<string, ReadonlySet<string>>();
  if (!dir) return packs;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name, 'manifest.json');
    if (!existsSync(file)) continue;
    try {
      const manifest = VoiceManifest.parse(JSON.parse(readFileSync(file, 'utf8')));
      packs.set(name, new Set(Object.keys(manifest.clips ?? {})));
    } catch {
      // A broken manifest is a pack the hub cannot vouch for: left out, so settings naming it are refused.
    }
  }
  return packs;
}
