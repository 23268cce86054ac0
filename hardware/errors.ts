// What a caught value says, for the drivers here (hardware/ imports only hardware/, so these are
// the twins of main/base/errors.ts rather than imports of it).

/** An Error's message, or the thrown value itself as text. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A Node or libusb error's `code` (EAGAIN, LIBUSB_ERROR_PIPE…), when the caught value has one. */
export function codeOf(err: unknown): string | undefined {
  return err !== null && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/** A libusb error's `errno`, when the caught value has one. */
export function errnoOf(err: unknown): number | undefined {
  return err !== null && typeof err === 'object' && 'errno' in err && typeof err.errno === 'number' ? err.errno : undefined;
}
