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
