// Reading protocol bytes at positions a length check has already vouched for: past the end is a
// RangeError (a bug in that check), never an `undefined` that turns into 0 or NaN in arithmetic.

/** The byte at `i`. */
export function byteAt(bytes: ArrayLike<number>, i: number): number {
  const b = bytes[i];
  if (b === undefined) throw new RangeError(`byte ${i} of ${bytes.length}`);
  return b;
}

/** The little-endian 16-bit number at `i` (ESC/POS sizes: nL nH). */
export function u16le(bytes: ArrayLike<number>, i: number): number {
  return byteAt(bytes, i) | (byteAt(bytes, i + 1) << 8);
}
