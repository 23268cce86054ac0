// Why the counter pauses: one choice, by click or by its digit key. The reason is recorded with
// the pause, shown on the floor and counted in statistics.
import { useEffect } from 'react';
import { pauseReasonText, pauseReasons, type PauseReason as Reason } from '../../../main/contract/enums.ts';
import type { Lang } from '../api.ts';
import { Dialog } from '../common/Dialog.tsx';
import { texts } from '../common/text.ts';
import { counterText } from './counterText.ts';

export function PauseDialog(props: { lang: Lang; onPause: (reason: Reason) => void; onCancel: () => void }) {
  const t = texts(counterText, props.lang);
  const reasons = pauseReasons;
  const { onPause } = props;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const reason = reasons[Number(e.key) - 1];
      if (!reason || e.ctrlKey || e.altKey || e.metaKey) return;
      e.preventDefault();
      onPause(reason);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [reasons, onPause]);
  return (
    <Dialog title={t.pauseWhy} testId="pause-dialog" onClose={props.onCancel}>
      <div className="choice">
        {reasons.map((r, i) => (
          <button key={r} type="button" data-testid={`pause-${r}`} onClick={() => onPause(r)}>
            <kbd>{i + 1}</kbd> {pauseReasonText[r][props.lang]}
          </button>
        ))}
      </div>
      <div className="row">
        <button type="button" onClick={props.onCancel}>
          {t.back}
        </button>
      </div>
    </Dialog>
  );
}
