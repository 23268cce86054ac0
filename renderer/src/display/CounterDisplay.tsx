// The screen above a counter: its number and name, and the ticket it is serving, or idle.
import type { Floor } from '../../../main/contract/index.ts';
import { api } from '../api.ts';
import { applyToFloor } from '../common/floor.ts';
import { Pairing } from '../common/SignIn.tsx';
import { ConnectionBanner } from '../common/ui.tsx';
import { useHubScreen } from '../common/useHubScreen.ts';
import { texts } from '../common/text.ts';
import { displayText } from './displayText.ts';

/** A counter's TV speaks to citizens in Vietnamese. */
const t = texts(displayText, 'vi');

export function CounterDisplay({ counterNumber }: { counterNumber: number }) {
  const mineOf = (floor: Floor | null) => floor?.counters.find((c) => c.counter.number === counterNumber) ?? null;
  const screen = useHubScreen<Floor>({
    scope: 'display',
    lang: 'vi',
    identity: 'device',
    load: (token) => api('floor:get', {}, token),
    head: (f) => f.head,
    topics: (f) => {
      const mine = mineOf(f);
      return mine ? [{ kind: 'counter', counterId: mine.counter.id }] : [{ kind: 'hall' }];
    },
    apply: applyToFloor,
  });
  if (!screen.token)
    return (
      <div className="display">
        <Pairing scope="display" lang="vi" kindName={t.counterDisplayKind} onDone={screen.signedIn} />
      </div>
    );
  const mine = mineOf(screen.snapshot);
  const current = mine?.current ?? null;
  return (
    <div className="display counter-display">
      <ConnectionBanner state={screen.live} lang="vi" />
      <div className="counter-title" data-testid="counter-title">
        {mine ? mine.counter.nameVi.toUpperCase() : t.counterTitle(counterNumber)}
      </div>
      {mine?.counter.state === 'closed' ? (
        <div className="counter-idle" data-testid="counter-idle">
          {t.counterClosed}
        </div>
      ) : mine?.counter.state === 'paused' && !current ? (
        <div className="counter-idle paused" data-testid="counter-idle">
          {t.counterPaused}
        </div>
      ) : current ? (
        <>
          <div className="counter-label">{current.status === 'serving' ? t.serving : t.calling}</div>
          <div className="counter-number" data-testid="counter-number">
            {current.number}
          </div>
        </>
      ) : (
        <div className="counter-idle" data-testid="counter-idle">
          {t.counterWaiting}
        </div>
      )}
      {mine?.counter.staffName && <div className="counter-staff">{mine.counter.staffName}</div>}
    </div>
  );
}
