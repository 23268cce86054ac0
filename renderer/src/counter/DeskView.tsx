// The desk: the ticket being served with its actions, the waiting lines, and the lists to act on.
import { useState, type ReactNode } from 'react';
import type { CenterInfo, CounterDesk } from '../../../main/contract/index.ts';
import { api, type Lang } from '../api.ts';
import { durationWords, texts } from '../common/text.ts';
import { useNow } from '../common/ui.tsx';
import { counterText } from './counterText.ts';
import { TicketList } from './TicketList.tsx';
import { TransferDialog } from './TransferDialog.tsx';
import { SmsEntry } from './SmsEntry.tsx';
import { useDeskShortcuts, type Action, type DeskActions } from './useDeskActions.ts';

/** What every part of the desk works with. */
export interface DeskProps {
  lang: Lang;
  token: string;
  center: CenterInfo | null;
  desk: CounterDesk;
  actions: DeskActions;
  fieldName: (id: number) => string;
}

/** `tools`: the desk's other tools, kept in view under the current ticket. */
export function DeskView(props: DeskProps & { shortcuts: boolean; tools: ReactNode }) {
  const { lang, token, desk, actions, fieldName } = props;
  const { busy, run, act } = actions;
  const t = texts(counterText, lang);
  const now = useNow(1000);
  const [transferring, setTransferring] = useState(false);
  const current = desk.current;
  useDeskShortcuts(props.shortcuts && !transferring, act, () => current && setTransferring(true));

  const paused = desk.counter.state === 'paused';
  const since = current ? (current.servingAt ?? current.calledAt ?? now) : now;
  const btn = (action: Action, label: string, key: string, enabled: boolean) => (
    <button
      type="button"
      className={`action action-${action}`}
      data-testid={`action-${action}`}
      disabled={busy || !enabled}
      onClick={() => void act(action)}
    >
      {label} <kbd>{key}</kbd>
    </button>
  );
  // "Hoàn thành" not yet possible says why when pressed (aria-disabled keeps it clickable and focusable).
  const canFinish = current?.status === 'serving';
  const moved = current ? desk.transfers.find((x) => x.ticketId === current.id) : undefined;

  return (
    <>
      <div className="desk">
        <div className="desk-side">
          <section className="current card" data-testid="current">
            {current ? (
              <>
                <div className="muted">
                  {current.status === 'serving' ? t.serving : t.called}
                  {current.callCount > 1 ? t.calledTimes(current.callCount) : ''}
                </div>
                <div className="current-number" data-testid="current-number">
                  {current.number}
                </div>
                <div>
                  {fieldName(current.fieldId)}
                  {current.priority ? ` · ${t.priority}` : ''}
                </div>
                {moved && (
                  <div className="current-transfer" data-testid="current-transfer">
                    <strong>{moved.fromCounterNumber !== null ? t.transferredFrom(moved.fromCounterNumber) : t.transferredHere}</strong>
                    {moved.note && <div data-testid="current-transfer-note">{t.transferNoteShown(moved.note)}</div>}
                  </div>
                )}
                <div className="timer" data-testid="timer">
                  {durationWords(now - since, lang)}
                </div>
                {props.center?.smsOptIn && (
                  <SmsEntry
                    key={current.id}
                    lang={lang}
                    known={desk.currentSms ? t.smsOnFile(desk.currentSms) : null}
                    send={(phone) => api('ticket:sms', { id: current.id, phone }, token)}
                  />
                )}
              </>
            ) : (
              <div className="muted idle">{t.noTicket}</div>
            )}
            <div className="actions">
              {btn('call-next', t.callNext, 'N', !current && !paused)}
              {btn('recall', t.recall, 'R', current?.status === 'called')}
              {btn('start', t.start, 'B', current?.status === 'called')}
              <button
                type="button"
                className="action action-finish"
                data-testid="action-finish"
                aria-disabled={busy || !canFinish}
                onClick={() => (canFinish ? void act('finish') : actions.explainFinish())}
              >
                {t.finish} <kbd>H</kbd>
              </button>
              {btn('no-show', t.noShow, 'V', current?.status === 'called')}
              <button
                type="button"
                className="action"
                data-testid="action-transfer"
                disabled={busy || !current}
                onClick={() => setTransferring(true)}
              >
                {t.transfer} <kbd>C</kbd>
              </button>
              {btn('pause', paused ? t.resume : t.pause, 'P', true)}
            </div>
          </section>
          {props.tools}
          <section className="card desk-fields">
            <h2>{t.waitingByField}</h2>
            <table className="grid">
              <tbody>
                {desk.fields.map((f) => (
                  <tr key={f.fieldId}>
                    <td>{fieldName(f.fieldId)}</td>
                    <td className="num" data-testid={`waiting-${f.fieldId}`}>
                      {f.waiting}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
        <div className="desk-lines">
          <TicketList
            title={t.waitingList}
            testId="waiting-list"
            nextLabel={t.nextUp}
            tickets={desk.waiting}
            total={desk.waitingTotal}
            transfers={desk.transfers}
            now={now}
            lang={lang}
            fieldName={fieldName}
            actionLabel={t.callThis}
            disabled={busy || current !== null || paused}
            onAction={(ticket) => void run(() => api('counter:call', { ticketId: ticket.id }, token))}
          />
          <TicketList
            title={t.noShows}
            testId="no-show-list"
            tickets={desk.noShows}
            now={now}
            lang={lang}
            fieldName={fieldName}
            actionLabel={t.reactivate}
            disabled={busy}
            onAction={(ticket) => void run(() => api('ticket:reactivate', { id: ticket.id }, token))}
          />
        </div>
      </div>
      {transferring && current && props.center && (
        <TransferDialog
          lang={lang}
          center={props.center}
          ticket={current}
          ownCounter={desk.counter.id}
          fieldName={fieldName}
          onCancel={() => setTransferring(false)}
          onTransfer={(target) => {
            setTransferring(false);
            void run(() => api('ticket:transfer', { id: current.id, ...target }, token));
          }}
        />
      )}
    </>
  );
}
