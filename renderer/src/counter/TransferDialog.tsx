import type { CenterInfo, Ticket } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { texts } from '../common/text.ts';
import { counterText } from './counterText.ts';

/** Where the current ticket goes next: another field's line, or one counter in particular. */
export function TransferDialog(props: {
  lang: Lang;
  center: CenterInfo;
  ticket: Ticket;
  ownCounter: number;
  fieldName: (id: number) => string;
  onCancel: () => void;
  onTransfer: (target: { fieldId?: number; counterId?: number }) => void;
}) {
  const { lang } = props;
  const t = texts(counterText, lang);
  return (
    <div className="dialog-backdrop" role="dialog" aria-modal="true" data-testid="transfer-dialog">
      <div className="dialog card">
        <h2>{t.transferTitle(props.ticket.number)}</h2>
        <h3>{t.toField}</h3>
        <div className="choice">
          {props.center.fields
            .filter((f) => f.id !== props.ticket.fieldId)
            .map((f) => (
              <button key={f.id} type="button" data-testid={`transfer-field-${f.code}`} onClick={() => props.onTransfer({ fieldId: f.id })}>
                {props.fieldName(f.id)}
              </button>
            ))}
        </div>
        <h3>{t.toCounter}</h3>
        <div className="choice">
          {props.center.counters
            .filter((c) => c.id !== props.ownCounter)
            .map((c) => (
              <button
                key={c.id}
                type="button"
                data-testid={`transfer-counter-${c.number}`}
                onClick={() => props.onTransfer({ counterId: c.id })}
              >
                {lang === 'vi' ? c.nameVi : c.nameEn}
              </button>
            ))}
        </div>
        <button type="button" onClick={props.onCancel}>
          {t.cancel}
        </button>
      </div>
    </div>
  );
}
