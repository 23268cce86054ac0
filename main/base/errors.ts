import { errorCatalog, type ErrorCode } from '../contract/index.ts';

/** A refusal the hub explains to the caller: stable code, 4xx status, nothing changed. */
export class HubError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(errorCatalog[code].en);
    this.status = errorCatalog[code].status;
  }
}

/** What a caught value says: an Error's message, or the thrown value itself as text. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A Node or SQLite error's `code` (ENOENT, SQLITE_CONSTRAINT_UNIQUE…), when the caught value has one. */
export function codeOf(err: unknown): string | undefined {
  return err !== null && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}
