// What an officer sometimes needs beyond the usual buttons: call a given number, issue a number to
// a citizen who came straight to the counter, cancel the current ticket (confirmed first).
import { useState } from 'react';
import type { CounterDesk } from '../../../main/contract/index.ts';
import { api, type Lang } from '../api.ts';
import { ConfirmDialog, Dialog } from '../common/Dialog.tsx';
import { texts } from '../common/text.ts';
import { counterText } from './counterText.ts';
import type { DeskActions } from './useDeskActions.ts';
import type { DeskProps } from './DeskView.tsx';

export function DeskTools(props: DeskProps & { onMessage: (text: string | null) => void }) {
  const { lang, token, desk, actions } = props;
  const t = texts(counterText, lang);
  const [number, setNumber] = useState('');
  const [issuing, setIssuing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
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
          onIssued={(n) => {
            setIssuing(false);
            props.onMessage(t.issuedHere(n));
          }}
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
  onIssued: (n: number) => void;
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
              (issued) => props.onIssued(issued.ticket.number),
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
