// The ticket just issued: the number very large, the wait, and what became of its printing.
import { useEffect, useState } from 'react';
import { printFaultText } from '../../../main/contract/enums.ts';
import type { TicketWithWait } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { texts, type Texts } from '../common/text.ts';
import { kioskText } from './kioskText.ts';
import type { PrintState } from './usePrintJob.ts';
import { SmsOptIn, type SmsSaved } from './SmsOptIn.tsx';

export function TicketView(props: {
  lang: Lang;
  issued: TicketWithWait;
  fieldName: string;
  /** No active counter is set up to serve the field at all: nobody will call it until one is. */
  unserved: boolean;
  print: PrintState;
  /** The ticket on the citizen's phone: the same link as the printed QR, so a failed print loses nothing. */
  phoneUrl: string | null;
  /** Goes home by itself after this many seconds (null: stays, a print failed). */
  leavesInSeconds: number | null;
  onReprint: (jobId: number) => void;
  onDone: () => void;
  /** The text-message opt-in, when the center sends them (#26). */
  sms?: { send: (phone: string) => Promise<SmsSaved>; onHold: (held: boolean) => void } | null;
}) {
  const { lang, issued, print } = props;
  const t = texts(kioskText, lang);
  const number = String(issued.ticket.number);
  return (
    <main
      className="kiosk-ticket"
      data-testid="ticket"
      // The next touch that is not on a button belongs to the next citizen.
      onPointerDown={(e) => {
        if (!(e.target instanceof Element && e.target.closest('button'))) props.onDone();
      }}
    >
      <section className="ticket-main">
        <div className="ticket-label">{t.yourNumber}</div>
        {/* The number fills what the screen leaves it, by its count of digits: never clipped. */}
        <div className="ticket-number-box" style={{ '--digits': number.length }}>
          <span className="ticket-number" data-testid="ticket-number">
            {number}
          </span>
        </div>
        <div className="ticket-field">{props.fieldName}</div>
        {issued.ticket.priority && <div className="badge priority-badge">{t.priority}</div>}
        <div className="ticket-wait" data-testid="ticket-wait">
          <div>{issued.peopleAhead === 0 ? t.nobodyAhead : t.peopleAhead(issued.peopleAhead)}</div>
          {props.unserved ? (
            <div className="ticket-warn">{t.noCounterServes}</div>
          ) : issued.estimatedWaitMin === null ? (
            <div className="ticket-warn">{t.noEstimate}</div>
          ) : (
            issued.peopleAhead > 0 && <div>{t.expectedWait(issued.estimatedWaitMin)}</div>
          )}
        </div>
      </section>
      <section className="ticket-side">
        <PrintStatus print={print} t={t} lang={lang} number={issued.ticket.number} />
        {props.phoneUrl && <PhoneQr url={props.phoneUrl} caption={t.scanForPhone} />}
        {props.sms && <SmsOptIn lang={lang} send={props.sms.send} onHold={props.sms.onHold} />}
        <div className="ticket-actions">
          {print.kind === 'failed' && (
            <button type="button" className="toggle" data-testid="reprint" onClick={() => props.onReprint(print.jobId)}>
              {t.printAgain}
            </button>
          )}
          <button type="button" className="primary big" onClick={props.onDone}>
            {t.done}
          </button>
        </div>
        {props.leavesInSeconds !== null && <p className="muted back-hint">{t.backHomeIn(props.leavesInSeconds)}</p>}
      </section>
    </main>
  );
}

function PrintStatus({ print, t, lang, number }: { print: PrintState; t: Texts<typeof kioskText>; lang: Lang; number: number }) {
  switch (print.kind) {
    case 'printing':
      return (
        <p className="print-status" data-testid="print-status">
          {t.printing}
        </p>
      );
    case 'printed':
      // Through a spooler, only the sending is known: say what is known, not more.
      return (
        <p className="print-status ok" data-testid="print-status">
          {print.confirmed ? t.takeTicket : t.sentToSpooler(number)}
        </p>
      );
    case 'failed':
      return (
        <p className="print-status fault" data-testid="print-status">
          {t.notPrinted(printFaultText[print.reason][lang], number)}
        </p>
      );
    case 'may-print':
      return (
        <p className="print-status" data-testid="print-status">
          {t.mayStillPrint(number)}
        </p>
      );
    case 'no-printer':
      return (
        <p className="print-status" data-testid="print-status">
          {t.rememberNumber(number)}
        </p>
      );
  }
}

/** The ticket's link as a QR on screen: a citizen whose ticket did not print can still take it along. */
function PhoneQr({ url, caption }: { url: string; caption: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Loaded when a ticket has a phone link, not with the kiosk's home screen.
    void import('qrcode')
      .then((QRCode) => QRCode.toDataURL(url, { margin: 1, width: 220, errorCorrectionLevel: 'M' }))
      .then((d) => live && setSrc(d));
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <figure className="phone-qr" data-testid="phone-qr" data-url={url}>
      {src && <img src={src} alt="" />}
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
