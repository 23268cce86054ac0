// The screen above a counter: its number and name, and the ticket it is serving, or idle.
import type { Floor } from '../../../main/contract/index.ts';
import { api } from '../api.ts';
import { applyToFloor } from '../common/floor.ts';
import { Pairing } from '../common/SignIn.tsx';
import { ConnectionBanner } from '../common/ui.tsx';
import { useHubScreen } from '../common/useHubScreen.ts';

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
        <Pairing scope="display" lang="vi" kindName="màn hình quầy" onDone={screen.signedIn} />
      </div>
    );
  const mine = mineOf(screen.snapshot);
  const current = mine?.current ?? null;
  return (
    <div className="display counter-display">
      <ConnectionBanner state={screen.live} lang="vi" />
      <div className="counter-title" data-testid="counter-title">
        {mine ? mine.counter.nameVi.toUpperCase() : `QUẦY SỐ ${counterNumber}`}
      </div>
      {mine?.counter.state === 'closed' ? (
        <div className="counter-idle" data-testid="counter-idle">
          Quầy đang đóng
        </div>
      ) : mine?.counter.state === 'paused' && !current ? (
        <div className="counter-idle paused" data-testid="counter-idle">
          Quầy tạm dừng
        </div>
      ) : current ? (
        <>
          <div className="counter-label">{current.status === 'serving' ? 'ĐANG PHỤC VỤ SỐ' : 'MỜI SỐ'}</div>
          <div className="counter-number" data-testid="counter-number">
            {current.number}
          </div>
        </>
      ) : (
        <div className="counter-idle" data-testid="counter-idle">
          Xin mời chờ
        </div>
      )}
      {mine?.counter.staffName && <div className="counter-staff">{mine.counter.staffName}</div>}
    </div>
  );
}
