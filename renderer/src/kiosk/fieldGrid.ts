// How many fields fit on a kiosk screen: columns and rows by the number of fields, the screen's
// orientation and the text size, so 6 to 30 fields fit one screen with every target large enough
// to touch; beyond that (or with large text) the list is paged.
export interface FieldGrid {
  cols: number;
  rows: number;
  perPage: number;
  pages: number;
}

/** `rowsCap`, `colsCap`: at most so many rows and columns, when the names measured too long (see useFieldFit). */
export function fieldGrid(
  count: number,
  portrait: boolean,
  large: boolean,
  rowsCap: number | null = null,
  colsCap: number | null = null,
): FieldGrid {
  const n = Math.max(1, count);
  let cols: number;
  let maxRows: number;
  if (portrait) {
    cols = large ? (n <= 4 ? 1 : 2) : n <= 7 ? 1 : n <= 16 ? 2 : 3;
    maxRows = large ? 5 : 10;
  } else {
    cols = large ? (n <= 4 ? 2 : 3) : n <= 4 ? 2 : n <= 9 ? 3 : n <= 16 ? 4 : 5;
    maxRows = large ? 4 : 6;
  }
  if (colsCap !== null) cols = Math.max(1, Math.min(cols, colsCap));
  if (rowsCap !== null) maxRows = Math.max(1, Math.min(maxRows, rowsCap));
  const perPage = cols * maxRows;
  return { cols, rows: Math.min(maxRows, Math.ceil(n / cols)), perPage, pages: Math.ceil(n / perPage) };
}
