// Plays calls from a voice pack: a chime, then one clip per phrase or word, scheduled back to
// back on one AudioContext. Announcements wait in a queue: they never overlap or cut each other.

export interface VoiceManifest {
  name: string;
  chime: string;
  clips: Record<string, string>;
}
export interface PlayLogEntry {
  clip: string;
  start: number;
  end: number;
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
  private readonly buffers = new Map<string, Promise<AudioBuffer>>();
  private tail: Promise<void> = Promise.resolve();
  /** Bumped by interrupt(): an announcement started under an older one schedules nothing more. */
  private cuts = 0;
  private readonly sounding = new Set<AudioBufferSourceNode>();

  constructor(private readonly packUrl: string) {}

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

  private loadManifest(): Promise<VoiceManifest> {
    // The hub offers only packs whose manifest.json it has read (main/hub/voicePacks.ts); a word
    // the manifest does not name is noted in `missing`, never thrown.
    this.manifest ??= fetch(`${this.packUrl}/manifest.json`).then((r) => r.json() as Promise<VoiceManifest>);
    return this.manifest;
  }

  private buffer(file: string): Promise<AudioBuffer> {
    let b = this.buffers.get(file);
    if (!b) {
      b = fetch(`${this.packUrl}/${file}`)
        .then((r) => r.arrayBuffer())
        .then((data) => this.context().decodeAudioData(data));
      this.buffers.set(file, b);
    }
    return b;
  }

  /**
   * Phrases the pack lacks are said word by word; words it lacks are skipped and noted. A pause
   * ("," or ".") is a clip of silence where the pack has one, and the words simply meet where it has not.
   */
  private filesFor(words: readonly string[], m: VoiceManifest): string[] {
    const files: string[] = [];
    for (const w of words) {
      const f = m.clips[w];
      if (f) files.push(f);
      else if (w === ',' || w === '.') continue;
      else if (w.includes(' ')) files.push(...this.filesFor(w.split(' '), m));
      else this.missing.add(w);
    }
    return files;
  }

  private async play(words: readonly string[], opts: AnnounceOptions, cut: number): Promise<void> {
    const m = await this.loadManifest();
    const once = this.filesFor(words, m);
    const ctx = this.context();
    const gain = ctx.createGain();
    gain.gain.value = opts.volume;
    gain.connect(ctx.destination);
    let t = ctx.currentTime + 0.05;
    const sequence: (string | null)[] = opts.chime ? [m.chime] : [];
    for (let r = 0; r < opts.repeat; r++) sequence.push(...(r > 0 ? [null] : []), ...once);
    for (const file of sequence) {
      if (file === null) {
        t += REPEAT_GAP_S;
        continue;
      }
      const buf = await this.buffer(file);
      if (cut !== this.cuts) return;
      const src = ctx.createBufferSource();
      src.buffer = buf;
      src.connect(gain);
      t = Math.max(t, ctx.currentTime + 0.01);
      src.start(t);
      this.sounding.add(src);
      src.onended = () => this.sounding.delete(src);
      this.log.push({ clip: file, start: t, end: t + buf.duration });
      t += buf.duration + GAP_S;
    }
    // The queue moves on only when this announcement has finished sounding.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (t - ctx.currentTime) * 1000)));
  }
}
