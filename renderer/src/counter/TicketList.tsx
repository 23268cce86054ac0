import type { Ticket } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { durationWords, texts } from '../common/text.ts';
import { counterText } from './counterText.ts';

/** A list of tickets at the desk (waiting, or no-shows) with one action each. */
export function TicketList(props: {
  title: string;
  testId: string;
  /** Marks the first row: the one "Gọi số tiếp" takes. */
  nextLabel?: string;
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
            {props.tickets.slice(0, 50).map((ticket, i) => (
              <tr key={ticket.id} data-number={ticket.number} className={i === 0 && props.nextLabel ? 'next-up' : undefined}>
                <td className="num strong">
                  {ticket.number}
                  {i === 0 && props.nextLabel && <span className="badge next-badge">{props.nextLabel}</span>}
                </td>
                <td>
                  {props.fieldName(ticket.fieldId)}
                  {ticket.priority ? ` · ${t.priority}` : ''}
                </td>
                <td className="num muted">{durationWords(props.now - ticket.issuedAt, props.lang)}</td>
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
