// The journal's event families as guards, and where the live stream is served: all a hall screen
// needs of events.ts at run time, without its zod schemas (#24). Types only come from events.ts.
import type { JournalEvent } from './events.ts';

export const WS_PATH = '/ws';

/** An event of one family: `EventOf<'ticket:'>` is every ticket event, with its data typed. */
export type EventOf<Prefix extends string> = Extract<JournalEvent, { type: `${Prefix}${string}` }>;
export type TicketEvent = EventOf<'ticket:'>;
export type CounterEvent = EventOf<'counter:'>;

/** A guard for one family: `isEventOf('print:')(e)` narrows `e` to the print events, data included. */
export function isEventOf<P extends string>(prefix: P) {
  return <E extends Pick<JournalEvent, 'type'>>(e: E): e is E & EventOf<P> => e.type.startsWith(prefix);
}
export const isTicketEvent = isEventOf('ticket:');
export const isCounterEvent = isEventOf('counter:');
export const isPrintEvent = isEventOf('print:');
export const isPrinterEvent = isEventOf('printer:');
export const isAlertEvent = isEventOf('alert:');
