// A <select>'s pick as the type of the options it offers, and a constant table's keys as its key
// type: the screens need no cast for either.

/** `value` when it is one of `options` (a select offers only these), else undefined. */
export function oneOf<T extends string | number>(options: readonly T[], value: string | number): T | undefined {
  return options.find((o) => o === value);
}

/** The keys of one of the screens' own objects (a constant table, a patch), typed. */
export function keysOf<K extends string>(table: { readonly [P in K]?: unknown }): K[] {
  // The objects passed here are the screens' literals typed by their keys: they hold no others.
  return Object.keys(table) as K[];
}
