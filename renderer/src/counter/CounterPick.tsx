import type { CenterInfo } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { texts } from '../common/text.ts';
import { counterText } from './counterText.ts';

/** After signing in: the counters, with the fields each serves and whether someone is at it. */
export function CounterPick(props: {
  lang: Lang;
  center: CenterInfo | null;
  busy: boolean;
  fieldName: (id: number) => string;
  onOpen: (counterId: number) => void;
}) {
  const t = texts(counterText, props.lang);
  return (
    <div className="counter-pick">
      {props.center?.counters.map((c) => (
        <button
          key={c.id}
          type="button"
          className="counter-btn"
          data-testid={`counter-${c.number}`}
          disabled={props.busy}
          onClick={() => props.onOpen(c.id)}
        >
          <strong>{props.lang === 'vi' ? c.nameVi : c.nameEn}</strong>
          <span>{c.fields.map((l) => props.fieldName(l.fieldId)).join(' · ')}</span>
          <span className="muted">{c.state === 'closed' ? t.free : c.staffName ? t.inUseBy(c.staffName) : t.inUse}</span>
        </button>
      ))}
    </div>
  );
}
