// What a manager does from the floor: close a counter its officer left open, move a field's line
// to another field, cancel a ticket by its number. Each asks first.
import { useState } from 'react';
import type { CenterInfo, Ticket } from '../../../main/contract/index.ts';
import { api, errorText, type Lang } from '../api.ts';
import { ConfirmDialog, Dialog } from '../common/Dialog.tsx';
import { texts } from '../common/text.ts';
import { floorText, ticketStatusText } from './floorText.ts';

export type FloorAsk =
  { kind: 'close-counter'; counterId: number; name: string } | { kind: 'move-waiting'; fieldId: number; name: string; waiting: number };

/** The confirmation for one floor action; `onDone` gets the message to show. */
export function FloorActionDialog(props: {
  ask: FloorAsk;
  lang: Lang;
  token: string;
  center: CenterInfo;
  onClose: () => void;
  onDone: (message: string, failed?: boolean) => void;
}) {
  const { ask, lang, token } = props;
  const t = texts(floorText, lang);
  const [toFieldId, setTo] = useState<number | null>(null);
  const run = (fn: () => Promise<string>) =>
    void fn().then(
      (message) => props.onDone(message),
      (err: unknown) => props.onDone(errorText(err, lang), true),
    );

  if (ask.kind === 'close-counter') {
    return (
      <ConfirmDialog
        title={t.closeCounterTitle(ask.name)}
        explain={t.closeCounterExplain}
        confirm={t.closeCounter}
        back={t.back}
        testId="close-counter"
        onClose={props.onClose}
        onConfirm={() => run(async () => (await api('floor:close-counter', { id: ask.counterId }, token), ''))}
      />
    );
  }
  const targets = props.center.fields.filter((f) => f.id !== ask.fieldId);
  return (
    <Dialog title={t.moveWaitingTitle(ask.name)} testId="move-waiting-dialog" onClose={props.onClose}>
      <label>
        {t.moveTo}
        <select data-testid="move-to" value={toFieldId ?? ''} onChange={(e) => setTo(e.target.value ? Number(e.target.value) : null)}>
          <option value="">—</option>
          {targets.map((f) => (
            <option key={f.id} value={f.id}>
              {lang === 'vi' ? f.nameVi : f.nameEn}
            </option>
          ))}
        </select>
      </label>
      <p>{t.moveWaitingExplain(ask.waiting)}</p>
      <div className="row">
        <button
          type="button"
          className="danger"
          data-testid="move-waiting-confirm"
          disabled={toFieldId === null}
          onClick={() => {
            if (toFieldId === null) return;
            props.onClose();
            run(async () => t.moved((await api('floor:move-waiting', { fromFieldId: ask.fieldId, toFieldId }, token)).moved));
          }}
        >
          {t.moveConfirm}
        </button>
        <button type="button" onClick={props.onClose}>
          {t.back}
        </button>
      </div>
    </Dialog>
  );
}

const cancellable = new Set<Ticket['status']>(['waiting', 'called', 'serving', 'no_show']);

/** A ticket number typed, found, then cancelled after a confirmation. */
export function CancelTicketForm(props: { lang: Lang; token: string; onDone: (message: string, failed?: boolean) => void }) {
  const t = texts(floorText, props.lang);
  const [number, setNumber] = useState('');
  const [found, setFound] = useState<Ticket | null>(null);
  const find = async () => {
    const n = Number(number);
    if (!Number.isInteger(n) || n < 1) return;
    try {
      const ticket = await api('floor:find-ticket', { number: n }, props.token);
      if (cancellable.has(ticket.status)) setFound(ticket);
      else props.onDone(t.notCancellable(ticket.number, statusWord(ticket.status, props.lang)), true);
    } catch (err) {
      props.onDone(errorText(err, props.lang), true);
    }
  };
  return (
    <form
      className="row"
      data-testid="cancel-ticket"
      onSubmit={(e) => {
        e.preventDefault();
        void find();
      }}
    >
      <label>
        {t.ticketNumber}
        <input
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={5}
          value={number}
          onChange={(e) => setNumber(e.target.value.replace(/\D/g, ''))}
        />
      </label>
      <button type="submit" disabled={!number}>
        {t.cancelTicket}
      </button>
      {found && (
        <ConfirmDialog
          title={t.cancelTicketTitle(found.number)}
          explain={t.cancelTicketExplain}
          confirm={t.cancelConfirm}
          back={t.back}
          testId="floor-cancel"
          onClose={() => setFound(null)}
          onConfirm={() =>
            void api('ticket:cancel', { id: found.id }, props.token).then(
              () => {
                setNumber('');
                props.onDone(t.cancelled(found.number));
              },
              (err: unknown) => props.onDone(errorText(err, props.lang), true),
            )
          }
        />
      )}
    </form>
  );
}

function statusWord(status: Ticket['status'], lang: Lang): string {
  return ticketStatusText[status][lang];
}
