// A keyboard-wedge scanner types a code in one fast burst and presses Enter; people do not.
// A burst counts as a scan when its keys average at most maxAverageGapMs apart (scanners: a few
// ms, people: 100 ms and more); one late key on a busy machine does not spoil it, a real pause
// (restartAfterMs) starts over. Touch-screen typing never becomes a "scan".

export class WedgeReader {
  private chars: string[] = [];
  private keys = 0;
  private first = 0;
  private last = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly maxAverageGapMs = 40,
    private readonly minLength = 6,
    private readonly restartAfterMs = 400,
  ) {}

  /** Feed each key with its time; returns the code when a burst ends with Enter. */
  key(key: string, at: number): string | null {
    if (at - this.last > this.restartAfterMs) {
      this.chars = [];
      this.keys = 0;
      this.first = at;
    }
    this.last = at;
    if (key === 'Enter') {
      const code = this.chars.join('');
      const average = (at - this.first) / Math.max(1, this.keys);
      this.chars = [];
      this.keys = 0;
      this.last = Number.NEGATIVE_INFINITY;
      return [...code].length >= this.minLength && average <= this.maxAverageGapMs ? code : null;
    }
    // UniKey (Telex, VNI) rewrites a word by erasing letters and typing new ones: follow it, so the
    // code is what the field would hold (`MÀ.` for `MA2.`); the hub undoes the rewriting.
    if (key === 'Backspace') {
      this.keys++;
      this.chars.pop();
    } else if ([...key].length === 1) {
      this.keys++;
      this.chars.push(key);
    }
    return null;
  }
}
