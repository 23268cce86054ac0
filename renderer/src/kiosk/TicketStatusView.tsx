// A ticket's QR scanned at the kiosk: where that ticket stands now, and a reprint while it waits.
import type { TicketWithWait } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { texts } from '../common/text.ts';
import { kioskText } from './kioskText.ts';

export function TicketStatusView(props: {
  lang: Lang;
  status: TicketWithWait;
  canReprint: boolean;
  onReprint: () => void;
  onDone: () => void;
}) {
  const { status } = props;
  const t = texts(kioskText, props.lang);
  const s = status.ticket.status;
  return (
    <main className="kiosk-ticket" data-testid="ticket-status">
      <section className="ticket-main">
        <div className="ticket-label">{t.ticketStatus}</div>
        <div className="ticket-number-box" style={{ '--digits': String(status.ticket.number).length }}>
          <span className="ticket-number" data-testid="ticket-number">
            {status.ticket.number}
          </span>
        </div>
        <div className="ticket-wait">
          {s === 'waiting'
            ? status.peopleAhead === 0
              ? t.youAreNext
              : status.estimatedWaitMin === null
                ? t.aheadNoEstimate(status.peopleAhead)
                : t.aheadAndWait(status.peopleAhead, status.estimatedWaitMin)
            : s === 'called' || s === 'serving'
              ? t.goToCounter(status.ticket.counterNumber)
              : t.noLongerValid}
        </div>
      </section>
      <section className="ticket-side">
        <div className="ticket-actions">
          {props.canReprint && s === 'waiting' && (
            <button type="button" className="toggle" onClick={props.onReprint}>
              {t.printAgain}
            </button>
          )}
          <button type="button" className="primary big" onClick={props.onDone}>
            {t.done}
          </button>
        </div>
      </section>
    </main>
  );
}
