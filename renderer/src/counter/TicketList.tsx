import type { DeskTransfer, Ticket } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { texts } from '../common/text.ts';
import { counterText } from './counterText.ts';

/**
 * A list of tickets at the desk (waiting, or no-shows) with one action each: one line per ticket
 * (number, field, minutes waited, action), so a long line shows many rows; the count of what is
 * not listed is said at the end.
 */
export function TicketList(props: {
  title: string;
  testId: string;
  /** Marks the first row: the one "Gọi số tiếp" takes. */
  nextLabel?: string;
  tickets: Ticket[];
  /** Every ticket in this list at the hub, when more than `tickets` holds. */
  total?: number;
  /** Transferred tickets: from where, with the sender's note. */
  transfers?: readonly DeskTransfer[];
  now: number;
  lang: Lang;
  fieldName: (id: number) => string;
  actionLabel: string;
  disabled: boolean;
  onAction: (t: Ticket) => void;
}) {
  const t = texts(counterText, props.lang);
  const total = Math.max(props.total ?? props.tickets.length, props.tickets.length);
  const more = total - props.tickets.length;
  // A ticket without priority called before a priority one is there by the center's rule (#24): say so.
  const lastPriority = props.tickets.findLastIndex((x) => x.priority);
  return (
    <section className="card list desk-list" data-testid={props.testId}>
      <h2>
        {props.title} ({total})
      </h2>
      {props.tickets.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <div className="desk-list-scroll">
          <table className="grid desk-rows">
            <tbody>
              {props.tickets.map((ticket, i) => {
                const moved = props.transfers?.find((x) => x.ticketId === ticket.id);
                const interleaved = props.nextLabel && !ticket.priority && ticket.targetCounterId === null && i < lastPriority;
                return (
                  <tr key={ticket.id} data-number={ticket.number} className={i === 0 && props.nextLabel ? 'next-up' : undefined}>
                    <td className="num strong desk-number">
                      {ticket.number}
                      {i === 0 && props.nextLabel && <span className="badge next-badge">{props.nextLabel}</span>}
                    </td>
                    <td className="desk-field" title={props.fieldName(ticket.fieldId)}>
                      {ticket.priority && <span className="badge priority-badge">{t.priority}</span>}
                      {interleaved && (
                        <span className="badge interleaved-badge" title={t.interleavedWhy} data-testid="interleaved">
                          {t.interleaved}
                        </span>
                      )}
                      {moved && (
                        <span className="badge moved-badge" data-testid="moved" title={moved.note ?? undefined}>
                          {moved.fromCounterNumber !== null ? t.transferredFrom(moved.fromCounterNumber) : t.transferredHere}
                        </span>
                      )}
                      {moved?.note && <span className="desk-note">{t.transferNoteShown(moved.note)}</span>}{' '}
                      {props.fieldName(ticket.fieldId)}
                    </td>
                    <td className="num muted desk-waited">
                      {t.waitedShort(Math.max(0, Math.floor((props.now - ticket.issuedAt) / 60_000)))}
                    </td>
                    <td className="desk-act">
                      <button type="button" disabled={props.disabled} onClick={() => props.onAction(ticket)}>
                        {props.actionLabel}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {more > 0 && (
            <p className="muted desk-more" data-testid={`${props.testId}-more`}>
              {t.notListed(more, props.tickets.length)}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
