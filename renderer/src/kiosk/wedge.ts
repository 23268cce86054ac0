// A keyboard-wedge scanner types a code in one fast burst and presses Enter; people do not.
// Keys more than maxGapMs apart start over, so touch-screen typing never becomes a "scan".

export class WedgeReader {
  private chars: string[] = [];
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly maxGapMs = 50, private readonly minLength = 6) {}

  /** Feed each key with its time; returns the code when a burst ends with Enter. */
  key(key: string, at: number): string | null {
    if (at - this.last > this.maxGapMs) this.chars = [];
    this.last = at;
    if (key === 'Enter') {
      const code = this.chars.join('');
      this.chars = [];
      return code.length >= this.minLength ? code : null;
    }
    if (key.length === 1) this.chars.push(key);
    return null;
  }
}
