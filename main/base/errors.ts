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

// What a caught value says (an Error's message, a Node, SQLite or libusb error's `code`): the
// drivers' own helpers, since hardware/ may import only hardware/.
export { codeOf, messageOf } from '../../hardware/errors.ts';
