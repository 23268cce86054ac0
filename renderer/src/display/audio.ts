// Plays calls from a voice pack: a chime, then one clip per phrase or word, scheduled back to
// back on one AudioContext. Announcements wait in a queue: they never overlap or cut each other.
// A pack may name a fallback (the center's own recorded voice names the built-in one): what it has
// not recorded is said from there, never left silent.

export interface VoiceManifest {
  name: string;
  /** The built-in pack's; a recorded pack may leave it to its fallback. */
  chime?: string;
  clips: Record<string, string>;
  /** A sibling pack (by folder name) that says what this one lacks. */
  fallback?: string;
  /** Recorded while in use: asked again before each call, so a clip recorded now is heard at the next. */
  live?: boolean;
}
export interface PlayLogEntry {
  /** The file, as the pack's manifest names it. */
  clip: string;
  /** The pack (folder) it came from: the one asked for, or its fallback. */
  pack: string;
  start: number;
  end: number;
}
interface Clip {
  url: string;
  pack: string;
  file: string;
}
interface Packs {
  main: VoiceManifest;
  fallback: VoiceManifest | null;
}
export interface AnnounceOptions {
  repeat: number;
  volume: number;
  chime: boolean;
}

const GAP_S = 0.03;
const REPEAT_GAP_S = 0.7;

export class AnnouncementPlayer {
  /** Every clip played, in AudioContext seconds: the audio's own timeline, for tests and support. */
  readonly log: PlayLogEntry[] = [];
  readonly missing = new Set<string>();
  private ctx: AudioContext | null = null;
  private manifest: Promise<VoiceManifest> | null = null;
  private fallbackManifest: Promise<VoiceManifest | null> | null = null;
  private readonly buffers = new Map<string, Promise<AudioBuffer>>();
  private tail: Promise<void> = Promise.resolve();
  /** Bumped by interrupt(): an announcement started under an older one schedules nothing more. */
  private cuts = 0;
  private readonly sounding = new Set<AudioBufferSourceNode>();

  /** `fallbackUrl`: a pack saying what this one lacks; by default the one its manifest names. */
  constructor(
    /** The pack asked for (its folder's URL), for support and tests. */
    readonly packUrl: string,
    private readonly fallbackUrl?: string,
  ) {}

  /** False until the browser lets the page make sound (a tap may be needed on a TV). */
  get audible(): boolean {
    return this.context().state === 'running';
  }

  async unlock(): Promise<void> {
    await this.context().resume();
  }

  enqueue(words: readonly string[], opts: AnnounceOptions): Promise<void> {
    const cut = this.cuts;
    this.tail = this.tail.then(() => this.play(words, opts, cut)).catch((err: unknown) => console.error('announcement failed', err));
    return this.tail;
  }

  /** Silences what sounds and drops what waits: the speaking kiosk's next touch is answered at once. */
  interrupt(): void {
    this.cuts++;
    for (const src of this.sounding) src.stop();
    this.sounding.clear();
    this.tail = Promise.resolve();
  }

  private context(): AudioContext {
    this.ctx ??= new AudioContext();
    return this.ctx;
  }

  private async loadPacks(): Promise<Packs> {
    // The hub offers only packs whose manifest.json it has read (main/hub/voicePacks.ts); a word
    // the manifest does not name is noted in `missing`, never thrown.
    const last = this.manifest;
    this.manifest ??= fetchManifest(this.packUrl).catch((err: unknown) => {
      this.manifest = null; // asked again at the next call: a hub restarting is no reason to stay silent
      throw err;
    });
    let main = await this.manifest;
    if (main.live && last !== null) {
      // A pack being recorded: the newest manifest, or the last one while the hub is out of reach.
      const fresh = fetchManifest(this.packUrl);
      main = await fresh.catch(() => main);
      this.manifest = Promise.resolve(main);
    }
    const fallbackUrl = this.fallbackUrl ?? (main.fallback ? siblingPack(this.packUrl, main.fallback) : null);
    this.fallbackManifest ??= fallbackUrl ? fetchManifest(fallbackUrl).catch(() => null) : Promise.resolve(null);
    return { main, fallback: await this.fallbackManifest };
  }

  private buffer(url: string): Promise<AudioBuffer> {
    let b = this.buffers.get(url);
    if (!b) {
      b = fetch(url)
        .then((r) => r.arrayBuffer())
        .then((data) => this.context().decodeAudioData(data));
      this.buffers.set(url, b);
    }
    return b;
  }

  /** The clip of a phrase or word: the pack's own, else its fallback's (a phrase whole), else none. */
  private clipOf(w: string, p: Packs): Clip | null {
    const own = p.main.clips[w];
    if (own) return { url: `${this.packUrl}/${own}`, pack: packName(this.packUrl), file: own };
    const fallbackUrl = this.fallbackUrl ?? (p.main.fallback ? siblingPack(this.packUrl, p.main.fallback) : null);
    const other = p.fallback?.clips[w];
    if (other && fallbackUrl) return { url: `${fallbackUrl}/${other}`, pack: packName(fallbackUrl), file: other };
    return null;
  }

  /**
   * Phrases neither pack has are said word by word; words neither has are skipped and noted. A pause
   * ("," or ".") is a clip of silence where a pack has one, and the words simply meet where none has.
   */
  private clipsFor(words: readonly string[], p: Packs): Clip[] {
    const clips: Clip[] = [];
    for (const w of words) {
      const c = this.clipOf(w, p);
      if (c) clips.push(c);
      else if (w === ',' || w === '.') continue;
      else if (w.includes(' ')) clips.push(...this.clipsFor(w.split(' '), p));
      else this.missing.add(w);
    }
    return clips;
  }

  private chimeOf(p: Packs): Clip | null {
    if (p.main.chime) return { url: `${this.packUrl}/${p.main.chime}`, pack: packName(this.packUrl), file: p.main.chime };
    const fallbackUrl = this.fallbackUrl ?? (p.main.fallback ? siblingPack(this.packUrl, p.main.fallback) : null);
    return p.fallback?.chime && fallbackUrl
      ? { url: `${fallbackUrl}/${p.fallback.chime}`, pack: packName(fallbackUrl), file: p.fallback.chime }
      : null;
  }

  private async play(words: readonly string[], opts: AnnounceOptions, cut: number): Promise<void> {
    const packs = await this.loadPacks();
    const once = this.clipsFor(words, packs);
    const chime = opts.chime ? this.chimeOf(packs) : null;
    const ctx = this.context();
    const gain = ctx.createGain();
    gain.gain.value = opts.volume;
    gain.connect(ctx.destination);
    let t = ctx.currentTime + 0.05;
    const sequence: (Clip | null)[] = chime ? [chime] : [];
    for (let r = 0; r < opts.repeat; r++) sequence.push(...(r > 0 ? [null] : []), ...once);
    for (const clip of sequence) {
      if (clip === null) {
        t += REPEAT_GAP_S;
        continue;
      }
      const buf = await this.buffer(clip.url);
      if (cut !== this.cuts) return;
      const src = ctx.createBufferSource();
      src.buffer = buf;
      src.connect(gain);
      t = Math.max(t, ctx.currentTime + 0.01);
      src.start(t);
      this.sounding.add(src);
      src.onended = () => this.sounding.delete(src);
      this.log.push({ clip: clip.file, pack: clip.pack, start: t, end: t + buf.duration });
      t += buf.duration + GAP_S;
    }
    // The queue moves on only when this announcement has finished sounding.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (t - ctx.currentTime) * 1000)));
  }
}

function fetchManifest(packUrl: string): Promise<VoiceManifest> {
  return fetch(`${packUrl}/manifest.json`, { cache: 'no-cache' }).then((r) => {
    if (!r.ok) throw new Error(`${packUrl}/manifest.json: ${r.status}`);
    // the hub serves only manifests it has read and checked (main/hub/voicePacks.ts)
    return r.json() as Promise<VoiceManifest>;
  });
}

/** "/voice/center" → "center". */
const packName = (url: string) => url.replace(/\/+$/, '').split('/').at(-1) ?? url;
/** The pack `name` beside the one at `url`: "/voice/center" and "vi-espeak" → "/voice/vi-espeak". */
const siblingPack = (url: string, name: string) => url.replace(/\/+$/, '').replace(/[^/]*$/, name);
