// What an officer sometimes needs beyond the usual buttons: call a given number, issue a number to
// a citizen who came straight to the counter, cancel the current ticket (confirmed first).
import { useEffect, useState } from 'react';
import type { CounterDesk, IssuedTicket } from '../../../main/contract/index.ts';
import { api, type Lang } from '../api.ts';
import { ConfirmDialog, Dialog } from '../common/Dialog.tsx';
import { texts } from '../common/text.ts';
import { counterText } from './counterText.ts';
import { SmsEntry } from './SmsEntry.tsx';
import type { DeskActions } from './useDeskActions.ts';
import type { DeskProps } from './DeskView.tsx';

export function DeskTools(props: DeskProps & { onMessage: (text: string | null) => void }) {
  const { lang, token, desk, actions } = props;
  const t = texts(counterText, lang);
  const [number, setNumber] = useState('');
  const [issuing, setIssuing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [slip, setSlip] = useState<IssuedTicket | null>(null);
  const current = desk.current;

  const callNumber = () => {
    const n = Number(number);
    const ticket = [...desk.waiting, ...desk.noShows].find((x) => x.number === n);
    if (!ticket) return props.onMessage(t.notInLine(n));
    setNumber('');
    void actions.run(() => api('counter:call', { ticketId: ticket.id }, token));
  };

  return (
    <section className="card desk-tools">
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          callNumber();
        }}
      >
        <label>
          {t.callNumber}
          <input
            name="callNumber"
            inputMode="numeric"
            value={number}
            onChange={(e) => setNumber(e.target.value.replace(/\D/g, '').slice(0, 6))}
            disabled={current !== null}
          />
        </label>
        <button type="submit" disabled={actions.busy || current !== null || number === ''} data-testid="call-number">
          {t.call}
        </button>
      </form>
      <div className="row">
        <button type="button" data-testid="issue-here" disabled={actions.busy} onClick={() => setIssuing(true)}>
          {t.issueHere}
        </button>
        <button type="button" data-testid="cancel-ticket" disabled={actions.busy || current === null} onClick={() => setCancelling(true)}>
          {t.cancelTicket}
        </button>
      </div>
      {issuing && (
        <IssueDialog
          {...props}
          onClose={() => setIssuing(false)}
          onIssued={(issued) => {
            setIssuing(false);
            props.onMessage(t.issuedHere(issued.ticket.number));
            setSlip(issued);
          }}
        />
      )}
      {slip && (
        <IssueSlip
          lang={lang}
          token={token}
          issued={slip}
          center={props.center}
          fieldName={props.fieldName}
          onClose={() => setSlip(null)}
        />
      )}
      {cancelling && current && (
        <ConfirmDialog
          title={t.cancelTitle(current.number)}
          explain={t.cancelExplain}
          confirm={t.cancelTicket}
          back={t.back}
          testId="cancel"
          onConfirm={() => void actions.run(() => api('ticket:cancel', { id: current.id }, token))}
          onClose={() => setCancelling(false)}
        />
      )}
    </section>
  );
}

function IssueDialog(props: {
  lang: Lang;
  token: string;
  desk: CounterDesk;
  actions: DeskActions;
  fieldName: (id: number) => string;
  onClose: () => void;
  onIssued: (issued: IssuedTicket) => void;
}) {
  const t = texts(counterText, props.lang);
  const [fieldId, setFieldId] = useState(props.desk.counter.fields[0]?.fieldId ?? 0);
  const [priority, setPriority] = useState(false);
  return (
    <Dialog title={t.issueHere} testId="issue-dialog" onClose={props.onClose}>
      <label>
        {t.field}
        <select name="field" value={fieldId} onChange={(e) => setFieldId(Number(e.target.value))}>
          {props.desk.counter.fields.map((l) => (
            <option key={l.fieldId} value={l.fieldId}>
              {props.fieldName(l.fieldId)}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" name="priority" checked={priority} onChange={(e) => setPriority(e.target.checked)} />
        {t.priorityCitizen}
      </label>
      <div className="row">
        <button
          type="button"
          className="primary"
          data-testid="issue-confirm"
          onClick={() =>
            void props.actions.run(
              () => api('ticket:issue', { fieldId, priority }, props.token),
              (issued) => props.onIssued(issued),
            )
          }
        >
          {t.issue}
        </button>
        <button type="button" onClick={props.onClose}>
          {t.back}
        </button>
      </div>
    </Dialog>
  );
}

/**
 * The number issued at the counter as the citizen takes it away: shown on screen (turned to the
 * citizen) and printable on the counter's own printer, with the same QR as a kiosk ticket. When
 * the centre texts citizens (#26), the officer may type the citizen's phone number under it, so
 * the citizen is texted when few are ahead and when called (not printed; shown back masked only).
 */
function IssueSlip(props: {
  lang: Lang;
  token: string;
  issued: IssuedTicket;
  center: DeskProps['center'];
  fieldName: (id: number) => string;
  onClose: () => void;
}) {
  const t = texts(counterText, props.lang);
  const { ticket, peopleAhead } = props.issued;
  const payload = props.issued.qrPayload ?? null;
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (!payload) return;
    let live = true;
    void import('qrcode')
      .then((QRCode) => QRCode.toDataURL(payload, { margin: 1, width: 200, errorCorrectionLevel: 'M' }))
      .then((d) => live && setQr(d));
    return () => {
      live = false;
    };
  }, [payload]);
  return (
    <Dialog title={t.slipTitle} testId="issue-slip" onClose={props.onClose}>
      <div className="counter-slip" data-testid="issue-slip-body">
        <p className="strong">{props.center?.centerName}</p>
        <div className="counter-slip-number" data-testid="issue-slip-number">
          {ticket.number}
        </div>
        <p>
          {props.fieldName(ticket.fieldId)}
          {ticket.priority ? ` · ${t.priority}` : ''}
        </p>
        <p>{t.slipAhead(peopleAhead)}</p>
        {qr && <img src={qr} alt="" data-testid="issue-slip-qr" data-payload={payload ?? ''} />}
        <p className="muted">{props.issued.phoneUrl ? t.slipHowToPhone : t.slipHowTo}</p>
      </div>
      {props.center?.smsOptIn && (
        <div className="no-print">
          <SmsEntry lang={props.lang} send={(phone) => api('ticket:sms', { id: ticket.id, phone }, props.token)} />
        </div>
      )}
      <div className="row no-print">
        <button type="button" className="primary" data-testid="issue-slip-print" onClick={() => window.print()}>
          {t.printSlip}
        </button>
        <button type="button" data-autofocus data-testid="issue-slip-done" onClick={props.onClose}>
          {t.done}
        </button>
      </div>
    </Dialog>
  );
}
