import type { Ticket } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { texts } from '../common/text.ts';
import { formatDuration } from '../common/ui.tsx';
import { counterText } from './counterText.ts';

/** A list of tickets at the desk (waiting, or no-shows) with one action each. */
export function TicketList(props: {
  title: string;
  testId: string;
  tickets: Ticket[];
  now: number;
  lang: Lang;
  fieldName: (id: number) => string;
  actionLabel: string;
  disabled: boolean;
  onAction: (t: Ticket) => void;
}) {
  const t = texts(counterText, props.lang);
  return (
    <section className="card list" data-testid={props.testId}>
      <h2>
        {props.title} ({props.tickets.length})
      </h2>
      {props.tickets.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <table className="grid">
          <tbody>
            {props.tickets.slice(0, 50).map((ticket) => (
              <tr key={ticket.id} data-number={ticket.number}>
                <td className="num strong">{ticket.number}</td>
                <td>
                  {props.fieldName(ticket.fieldId)}
                  {ticket.priority ? ` · ${t.priority}` : ''}
                </td>
                <td className="num muted">{formatDuration(props.now - ticket.issuedAt)}</td>
                <td>
                  <button type="button" disabled={props.disabled} onClick={() => props.onAction(ticket)}>
                    {props.actionLabel}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
