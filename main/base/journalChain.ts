// A center's journal as the province holds it, summed up in one hash: each kept event's whole
// content (as the contract parses it) is chained onto the hash before it. Two ends
// with the same chain at a sequence hold the same events up to it, so a hub restored from a
// backup, or a province restored from an older database, is told apart from a batch sent twice by
// content, never by sequence numbers alone. Both ends compute it with this one function.
import { createHash } from 'node:crypto';
import { isCounterEvent, JournalEvent } from '../contract/index.ts';

/** The chain of an empty journal. */
export const CHAIN_GENESIS = createHash('sha256').update('motcua-journal-chain-v1').digest('hex');

/** Both ends remember the chain at every multiple of this sequence, to find where two journals part. */
export const CHECKPOINT_EVERY = 256;
/** …and at each push's mark among the latest this many sequences (a recent backup's mark is found exactly). */
export const RECENT_MARKS = 4096;

/** Officers' names go only when the center shares them: the chain never depends on that choice. */
function unnamed(e: JournalEvent): JournalEvent {
  if (!isCounterEvent(e)) return e;
  return { ...e, data: { ...e.data, counter: { ...e.data.counter, staffName: null } } };
}

/**
 * The chain after one more event: its JSON as the contract parses it. Zod writes an object's keys
 * in its schema's order and a record's in the order it met them, which JSON keeps from the hub to
 * the province, so both ends write the same text. The province passes events its endpoint has
 * already parsed (`parsed`); the hub's are parsed here.
 */
export function chainNext(chain: string, e: JournalEvent, parsed = false): string {
  const text = JSON.stringify(parsed ? unnamed(e) : JournalEvent.parse(unnamed(e)));
  return createHash('sha256').update(chain).update('\n').update(text).digest('hex');
}

/**
 * Runs the chain over events in sequence order, from `chain` (the chain at the sequence before
 * the first): the chain after each, and at each checkpoint the events cross up to `toSeq`.
 */
export function chainOver(
  chain: string,
  events: readonly JournalEvent[],
  fromSeq: number,
  toSeq: number,
  parsed = false,
): { chain: string; checkpoints: { seq: number; chain: string }[] } {
  const checkpoints: { seq: number; chain: string }[] = [];
  let next = Math.ceil(fromSeq / CHECKPOINT_EVERY) * CHECKPOINT_EVERY;
  for (const e of events) {
    while (next < e.seq && next <= toSeq) {
      checkpoints.push({ seq: next, chain });
      next += CHECKPOINT_EVERY;
    }
    chain = chainNext(chain, e, parsed);
  }
  while (next <= toSeq) {
    checkpoints.push({ seq: next, chain });
    next += CHECKPOINT_EVERY;
  }
  return { chain, checkpoints };
}
