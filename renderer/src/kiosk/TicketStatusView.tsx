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
      <div className="ticket-label">{t.ticketStatus}</div>
      <div className="ticket-number">{status.ticket.number}</div>
      <div className="ticket-wait">
        {s === 'waiting'
          ? status.peopleAhead === 0
            ? t.youAreNext
            : t.aheadAndWait(status.peopleAhead, status.estimatedWaitMin)
          : s === 'called' || s === 'serving'
            ? t.goToCounter(status.ticket.counterNumber)
            : t.noLongerValid}
      </div>
      {props.canReprint && s === 'waiting' && (
        <button type="button" className="toggle" onClick={props.onReprint}>
          {t.printAgain}
        </button>
      )}
      <button type="button" className="primary big" onClick={props.onDone}>
        {t.done}
      </button>
    </main>
  );
}
