// What a caught value says. hardware/ imports only hardware/, so these live here and
// main/base/errors.ts passes them on to the rest of main/.

/** An Error's message, or the thrown value itself as text. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A Node, SQLite or libusb error's `code` (ENOENT, SQLITE_CONSTRAINT_UNIQUE, LIBUSB_ERROR_PIPE…), when the caught value has one. */
export function codeOf(err: unknown): string | undefined {
  return err !== null && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/** A libusb error's `errno`, when the caught value has one. */
export function errnoOf(err: unknown): number | undefined {
  return err !== null && typeof err === 'object' && 'errno' in err && typeof err.errno === 'number' ? err.errno : undefined;
}
