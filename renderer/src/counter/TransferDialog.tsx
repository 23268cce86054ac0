import { useState } from 'react';
import type { CenterInfo, Ticket } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { Dialog } from '../common/Dialog.tsx';
import { texts } from '../common/text.ts';
import { counterText } from './counterText.ts';

type Target = { fieldId: number; name: string } | { counterId: number; name: string; closed: boolean };

/**
 * Where the current ticket goes next: another field's line, or one counter in particular. Each
 * counter says whether it is open; the choice is confirmed, with an optional note for the next officer.
 */
export function TransferDialog(props: {
  lang: Lang;
  center: CenterInfo;
  ticket: Ticket;
  ownCounter: number;
  fieldName: (id: number) => string;
  onCancel: () => void;
  onTransfer: (target: { fieldId?: number; counterId?: number; note?: string }) => void;
}) {
  const { lang } = props;
  const t = texts(counterText, lang);
  const [chosen, setChosen] = useState<Target | null>(null);
  const [note, setNote] = useState('');
  const state = { open: t.stateOpen, paused: t.stateShortPaused, closed: t.stateClosed };

  if (chosen) {
    return (
      // Its own key: a new dialog, so focus moves into it (the chosen button is gone) and back out after.
      <Dialog key="confirm" title={t.transferTitle(props.ticket.number)} testId="transfer-dialog" onClose={() => setChosen(null)}>
        <p className="strong" data-testid="transfer-confirm">
          {t.transferTo(props.ticket.number, chosen.name)}
        </p>
        {'closed' in chosen && chosen.closed && <p className="error">{t.counterClosedWarning}</p>}
        {/* Focus starts in the note (data-autofocus); Enter there confirms, like the button. */}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            props.onTransfer({ ...('fieldId' in chosen ? { fieldId: chosen.fieldId } : { counterId: chosen.counterId }), note });
          }}
        >
          <label>
            {t.transferNote}
            <input name="note" maxLength={100} value={note} data-autofocus onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="row">
            <button type="submit" className="primary" data-testid="transfer-confirm-button">
              {t.confirmTransfer}
            </button>
            <button type="button" onClick={() => setChosen(null)}>
              {t.back}
            </button>
          </div>
        </form>
      </Dialog>
    );
  }
  return (
    <Dialog key="choose" title={t.transferTitle(props.ticket.number)} testId="transfer-dialog" onClose={props.onCancel}>
      <h3>{t.toField}</h3>
      <div className="choice">
        {props.center.fields
          .filter((f) => f.id !== props.ticket.fieldId)
          .map((f) => (
            <button
              key={f.id}
              type="button"
              data-testid={`transfer-field-${f.code}`}
              onClick={() => setChosen({ fieldId: f.id, name: props.fieldName(f.id) })}
            >
              {props.fieldName(f.id)}
            </button>
          ))}
      </div>
      <h3>{t.toCounter}</h3>
      <div className="choice">
        {props.center.counters
          .filter((c) => c.id !== props.ownCounter)
          .map((c) => {
            const name = lang === 'vi' ? c.nameVi : c.nameEn;
            return (
              <button
                key={c.id}
                type="button"
                className={c.state === 'closed' ? 'closed-choice' : undefined}
                data-testid={`transfer-counter-${c.number}`}
                onClick={() => setChosen({ counterId: c.id, name, closed: c.state === 'closed' })}
              >
                {name} <small>({state[c.state]})</small>
              </button>
            );
          })}
      </div>
      <button type="button" onClick={props.onCancel}>
        {t.cancel}
      </button>
    </Dialog>
  );
}
