// The screen above a counter: its number and name, and the ticket it is serving, or idle.
import { useCallback, useEffect, useState } from 'react';
import type { Floor } from '../../../main/contract/index.ts';
import { api, errorCodeOf, tokens } from '../api.ts';
import { useCoalesced, useLive } from '../live.ts';
import { Pairing } from '../common/SignIn.tsx';
import { ConnectionBanner } from '../common/ui.tsx';
import { useDisplayToken } from './useDisplayToken.ts';

export function CounterDisplay({ counterNumber }: { counterNumber: number }) {
  const [token, setToken] = useDisplayToken();
  const [floor, setFloor] = useState<Floor | null>(null);
  const load = useCallback(async () => {
    if (!token) return;
    try {
      setFloor(await api('floor:get', {}, token));
    } catch (err) {
      if (errorCodeOf(err) === 'UNAUTHENTICATED') setToken(null);
    }
  }, [token, setToken]);
  useEffect(() => {
    void load();
  }, [load]);
  const refresh = useCoalesced(() => void load(), 60);
  const mine = floor?.counters.find((c) => c.counter.number === counterNumber) ?? null;
  const live = useLive({
    token,
    since: floor?.head ?? null,
    onReset: refresh,
    topics: mine ? [{ kind: 'counter', counterId: mine.counter.id }] : [{ kind: 'hall' }],
    onEvents: (events) => {
      if (events.some((e) => e.counterId === null || e.counterId === mine?.counter.id)) refresh();
    },
  });
  if (!token)
    return (
      <div className="display">
        <Pairing scope="display" lang="vi" kindName="màn hình quầy" onDone={() => setToken(tokens.get('display'))} />
      </div>
    );
  const current = mine?.current ?? null;
  return (
    <div className="display counter-display">
      <ConnectionBanner state={live} lang="vi" />
      <div className="counter-title" data-testid="counter-title">
        {mine ? mine.counter.nameVi.toUpperCase() : `QUẦY SỐ ${counterNumber}`}
      </div>
      {mine?.counter.state === 'closed' ? (
        <div className="counter-idle" data-testid="counter-idle">
          Quầy tạm nghỉ
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
