// The voice packs the hub serves to hall displays: the built-in ones (renderer/public/voice/<pack>/
// manifest.json, read once at start, so settings can refuse a sentence a pack cannot say before
// any TV is silent) and the center's own, recorded by its staff and kept in the hub's data folder.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, createReadStream } from 'node:fs';
import { storageFaultOf } from '../../db/open.ts';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { HubError } from '../base/errors.ts';
import type { VoiceClipList } from '../contract/index.ts';
import { clipKey } from '../voice/clipKey.ts';
import { announcementText, composeAnnouncement } from '../voice/announcement.ts';
import { neededClips, type ClipListInput } from '../voice/clipList.ts';
import { ClipProblem, prepareClip, TARGET_DBFS } from '../voice/clipAudio.ts';
import type { SettingsStore } from '../store/settings.ts';
import type { CenterConfig } from '../queue/config.ts';

/** The part of a voice pack's manifest.json the hub reads: the words it has clips for. */
const VoiceManifest = z.object({ clips: z.record(z.string(), z.unknown()).optional() });

export type VoicePacks = ReadonlyMap<string, ReadonlySet<string>>;

/** The center's own pack, as settings name it (voice.pack) and as displays fetch it (/voice/center/). */
export const CENTER_PACK = 'center';
/** The built-in pack that says whatever the center has not recorded. */
export const BUILT_IN_PACK = 'vi-espeak';

/** Every pack the hub serves, by name; the center's entry follows its recordings (CenterVoicePack). */
export function loadVoicePacks(rendererDir: string): Map<string, ReadonlySet<string>> {
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

const Recorded = z.record(z.string(), z.strictObject({ file: z.string().regex(/^[a-z0-9-]+\.wav$/), durationMs: z.number() }));
type Recorded = z.infer<typeof Recorded>;

const hash = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex').slice(0, 10);

/**
 * The center's own voice: one WAV per clip in `<data>/voice/center/`, with a manifest.json the
 * hall's player reads like a built-in pack's. It names the built-in pack as its fallback, so a clip
 * not yet recorded is said by espeak-ng, never left silent. A file's name carries a hash of its
 * content: a take recorded again is a new URL, which no display has cached.
 *
 * A disk that takes no writes (full, read-only) changes nothing: every file is written whole under
 * a temporary name and renamed into place, the pack as served changes only once its manifest is
 * on disk, and the manager is told VOICE_CLIP_NOT_SAVED.
 */
export class CenterVoicePack {
  readonly dir: string;
  private recorded: Recorded;

  constructor(
    dataDir: string,
    /** The hub's packs: the center's entry is kept to what it can say, its clips and the fallback's. */
    private readonly packs: Map<string, ReadonlySet<string>>,
    /** What the center says now: its template, reading, fields and counters. */
    private readonly needs: () => ClipListInput,
    /** Hears of each write the disk refused (the hub's storage watch). */
    private readonly onDiskFault: (err: unknown, source: string) => void = () => undefined,
  ) {
    this.dir = join(dataDir, 'voice', CENTER_PACK);
    mkdirSync(this.dir, { recursive: true });
    this.recorded = this.readRecorded();
    this.writeManifest(this.recorded);
    this.usePack();
  }

  list(): VoiceClipList {
    const clips = neededClips(this.needs()).map(({ key, group }) => {
      const r = this.recorded[key];
      return { key, group, file: r?.file ?? null, durationMs: r?.durationMs ?? null };
    });
    return { pack: CENTER_PACK, fallback: BUILT_IN_PACK, clips, recorded: clips.filter((c) => c.file).length, total: clips.length };
  }

  /** A call to ticket `so` at counter `quay` in the center's sentence and reading: the words the hall would play. */
  call(so: number, quay: number): { words: string[]; text: string } {
    const { template, reading } = this.needs();
    const words = composeAnnouncement(template, so, quay, reading);
    return { words, text: announcementText(words) };
  }

  /** A take of one clip: trimmed, levelled, stored in place of the last one. */
  save(key: string, wav: Uint8Array): VoiceClipList {
    const k = this.needed(key);
    let made;
    try {
      made = prepareClip(wav);
    } catch (err) {
      if (!(err instanceof ClipProblem)) throw err;
      throw new HubError(
        err.reason === 'silent' ? 'VOICE_CLIP_SILENT' : err.reason === 'too-long' ? 'VOICE_CLIP_TOO_LONG' : 'VOICE_CLIP_UNREADABLE',
      );
    }
    const file = `${hash(k)}-${hash(made.wav)}.wav`;
    const old = this.recorded[k]?.file;
    const next = { ...this.recorded, [k]: { file, durationMs: made.durationMs } };
    this.onDisk(() => {
      // Whole under a temporary name, then renamed: a clip with the same name is never cut short.
      try {
        this.writeWhole(file, made.wav);
        this.writeManifest(next);
      } catch (err) {
        if (file !== old) removeQuietly(join(this.dir, file));
        throw err;
      }
    });
    this.recorded = next;
    this.usePack();
    if (old && old !== file) removeQuietly(join(this.dir, old));
    return this.list();
  }

  remove(key: string): VoiceClipList {
    const k = clipKey(key);
    const old = this.recorded[k]?.file;
    if (old) {
      const { [k]: _gone, ...rest } = this.recorded;
      this.onDisk(() => this.writeManifest(rest));
      this.recorded = rest;
      this.usePack();
      removeQuietly(join(this.dir, old)); // the disk may refuse: a file no manifest names is never served
    }
    return this.list();
  }

  /** Serves /voice/center/manifest.json and its clips; false for any other path (the renderer's files). */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    const path = new URL(req.url ?? '/', 'http://hub.invalid').pathname;
    const m = /^\/voice\/center\/(manifest\.json|[a-z0-9-]+\.wav)$/.exec(path);
    if (!m?.[1] || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const file = join(this.dir, m[1]);
    if (!existsSync(file)) return false;
    res.writeHead(200, {
      'Content-Type': m[1].endsWith('.wav') ? 'audio/wav' : 'application/json',
      'Content-Length': statSync(file).size,
      // A clip's name changes with its content; the manifest is asked again before each call.
      'Cache-Control': m[1].endsWith('.wav') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return true;
  }

  private needed(key: string): string {
    const k = clipKey(key);
    if (!neededClips(this.needs()).some((c) => c.key === k)) throw new HubError('VOICE_CLIP_NOT_NEEDED', [{ path: ['key'], message: k }]);
    return k;
  }

  private readRecorded(): Recorded {
    try {
      const manifest = z.object({ recorded: Recorded }).parse(JSON.parse(readFileSync(join(this.dir, 'manifest.json'), 'utf8')));
      return Object.fromEntries(Object.entries(manifest.recorded).filter(([, r]) => existsSync(join(this.dir, r.file))));
    } catch {
      return {}; // no pack yet (or a manifest half-written by a crash before rename: none is)
    }
  }

  /** A change to the pack's files: a disk that refuses it is told to the storage watch and to the manager. */
  private onDisk(write: () => void): void {
    try {
      write();
    } catch (err) {
      if (storageFaultOf(err) === null) throw err;
      this.onDiskFault(err, 'voice');
      throw new HubError('VOICE_CLIP_NOT_SAVED');
    }
  }

  /** Writes a file whole under a temporary name, then renames it into place; nothing half-written stays. */
  private writeWhole(name: string, data: string | Uint8Array): void {
    const tmp = join(this.dir, `${name}.tmp`);
    try {
      writeFileSync(tmp, data);
      renameSync(tmp, join(this.dir, name));
    } catch (err) {
      removeQuietly(tmp);
      throw err;
    }
  }

  /** Tells settings what the pack can say now (its clips, and the fallback's). */
  private usePack(): void {
    this.packs.set(CENTER_PACK, new Set([...Object.keys(this.recorded), ...(this.packs.get(BUILT_IN_PACK) ?? [])]));
  }

  /** Writes the manifest naming these clips (whole, then renamed into place). */
  private writeManifest(recorded: Recorded): void {
    const manifest = {
      name: CENTER_PACK,
      description: 'Giọng đọc của trung tâm, thu tại màn hình "Thu âm giọng đọc"',
      fallback: BUILT_IN_PACK,
      // Recorded while TVs use it: the hall's player asks for this manifest again before each call.
      live: true,
      levelDbfs: TARGET_DBFS,
      clips: Object.fromEntries(Object.entries(recorded).map(([k, r]) => [k, r.file])),
      recorded,
    };
    this.writeWhole('manifest.json', JSON.stringify(manifest, null, 2));
  }
}

/** Removes a file if the disk lets it (what stays is named by no manifest). */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // a disk that refuses writes refuses this too
  }
}

/** What the center says now: its call sentence and reading, and the fields and counters in use. */
export function centerNeeds(settings: SettingsStore, config: CenterConfig): () => ClipListInput {
  return () => {
    const v = settings.get().voice;
    const fields = config.listFields().filter((f) => f.active);
    const counters = config.listCounters().filter((c) => c.active);
    return {
      template: v.template,
      reading: { style: v.numberStyle, dialect: v.dialect, tuAfterMuoi: v.tuAfterMuoi },
      maxTicket: Math.max(0, ...fields.map((f) => f.rangeEnd)),
      maxCounter: Math.max(0, ...counters.map((c) => c.number)),
      fieldNames: fields.map((f) => f.nameVi),
      shownFields: config.listFields().length, // the kiosk shows the paused ones too, and counts them
    };
  };
}
