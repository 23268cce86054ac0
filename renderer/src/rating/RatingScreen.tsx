// The tablet facing the citizen at a counter: when the officer finishes, it asks for a rating.
import { useEffect, useRef, useState } from 'react';
import type { CenterInfo, Floor } from '../../../main/contract/index.ts';
import { api } from '../api.ts';
import { applyToFloor } from '../common/floor.ts';
import { useHubScreen } from '../common/useHubScreen.ts';
import { Pairing } from '../common/SignIn.tsx';
import { ConnectionBanner } from '../common/ui.tsx';

type Screen =
  | { kind: 'idle' }
  | { kind: 'ask'; ticketId: number; number: number }
  | { kind: 'reasons'; ticketId: number; number: number; level: number; chosen: string[] }
  | { kind: 'thanks' };

const THANKS_MS = 4000;
/** A finish older than this when it reaches the screen (a replay after reconnecting) is not asked about. */
const ASK_WITHIN_MS = 60_000;

/** A face for a level: the mouth curves from a smile (best) to a frown (worst). */
function Face({ rank, of }: { rank: number; of: number }) {
  const mood = of <= 1 ? 1 : 1 - (1.6 * rank) / (of - 1); // 1 (best) … -0.6 (worst); the middle stays level
  const colors = ['#1f7a3a', '#5a9e2f', '#e0a800', '#c8102e'];
  const color = colors[Math.round((rank / Math.max(1, of - 1)) * (colors.length - 1))]!;
  return (
    <svg viewBox="0 0 100 100" className="face" aria-hidden="true">
      <circle cx="50" cy="50" r="46" fill={color} />
      <circle cx="34" cy="40" r="6" fill="#fff" />
      <circle cx="66" cy="40" r="6" fill="#fff" />
      <path
        d={`M 28 ${66 - mood * 6} Q 50 ${66 + mood * 16} 72 ${66 - mood * 6}`}
        stroke="#fff"
        strokeWidth="6"
        fill="none"
        strokeLinecap="round"
      />
    </svg>
  );
}

interface RatingSnapshot {
  center: CenterInfo;
  floor: Floor;
}

export function RatingScreen({ counterNumber }: { counterNumber: number }) {
  const [screen, setScreen] = useState<Screen>({ kind: 'idle' });
  const skew = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mineOf = (s: RatingSnapshot | null) => s?.floor.counters.find((c) => c.counter.number === counterNumber) ?? null;

  const hub = useHubScreen<RatingSnapshot>({
    scope: 'rating',
    lang: 'vi',
    identity: 'device',
    load: async (token) => {
      const [center, floor] = await Promise.all([api('center:get', {}, token), api('floor:get', {}, token)]);
      skew.current = floor.now - Date.now();
      return { center, floor };
    },
    head: (s) => s.floor.head,
    topics: (s) => {
      const mine = mineOf(s);
      return mine ? [{ kind: 'counter', counterId: mine.counter.id }] : [{ kind: 'hall' }];
    },
    apply: (s, events) => {
      const floor = applyToFloor(s.floor, events);
      return floor && { ...s, floor };
    },
    onEvents: (events) => {
      for (const e of events) {
        if (e.type === 'ticket:finished' && e.counterId === mine?.counter.id && Date.now() + skew.current - e.at < ASK_WITHIN_MS) {
          ask(e.data.ticket.id, e.data.ticket.number);
        }
      }
    },
  });
  const token = hub.token;
  const center = hub.snapshot?.center ?? null;
  const mine = mineOf(hub.snapshot);
  const rating = center?.rating;

  /** Back to idle after a while; a rating left unanswered is reported as not rated. */
  const arm = (ms: number, then: () => void) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(then, ms);
  };
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const ask = (ticketId: number, number: number) => {
    setScreen({ kind: 'ask', ticketId, number });
    arm((rating?.timeoutSec ?? 30) * 1000, () => {
      if (token) void api('rating:timeout', { ticketId }, token).catch(() => undefined);
      setScreen({ kind: 'idle' });
    });
  };

  const submit = async (ticketId: number, level: number, reasons: string[]) => {
    if (!token) return;
    setScreen({ kind: 'thanks' });
    arm(THANKS_MS, () => setScreen({ kind: 'idle' }));
    await api('rating:submit', { ticketId, level, reasons }, token).catch(() => undefined); // already rated or too late: still thank them
  };

  if (!token)
    return (
      <div className="rating">
        <Pairing scope="rating" lang="vi" kindName="thiết bị đánh giá" onDone={hub.signedIn} />
      </div>
    );
  const levels = rating?.levels ?? [];

  return (
    <div className="rating" onContextMenu={(e) => e.preventDefault()}>
      <ConnectionBanner state={hub.live} lang="vi" />
      {screen.kind === 'idle' && (
        <main className="rating-idle" data-testid="rating-idle">
          <div className="rating-counter">{mine?.counter.nameVi ?? `Quầy số ${counterNumber}`}</div>
          {mine?.counter.staffName && <div className="rating-staff">Cán bộ: {mine.counter.staffName}</div>}
          <div className="muted">Cảm ơn quý công dân đã đến làm thủ tục</div>
        </main>
      )}
      {screen.kind === 'ask' && (
        <main className="rating-ask" data-testid="rating-ask">
          <h1>Quý công dân vui lòng đánh giá mức độ hài lòng</h1>
          <div className="muted">
            Số thứ tự {screen.number} · {mine?.counter.nameVi}
          </div>
          <div className="rating-levels">
            {levels.map((l, i) => (
              <button
                key={l.value}
                type="button"
                className="rating-level"
                data-testid={`level-${l.value}`}
                onClick={() => {
                  if (l.value <= (rating?.askReasonsAtOrBelow ?? 0) && (rating?.reasons.length ?? 0) > 0) {
                    setScreen({ kind: 'reasons', ticketId: screen.ticketId, number: screen.number, level: l.value, chosen: [] });
                    arm((rating?.timeoutSec ?? 30) * 1000, () => void submit(screen.ticketId, l.value, []));
                  } else void submit(screen.ticketId, l.value, []);
                }}
              >
                <Face rank={i} of={levels.length} />
                <span>{l.vi}</span>
              </button>
            ))}
          </div>
        </main>
      )}
      {screen.kind === 'reasons' && (
        <main className="rating-ask" data-testid="rating-reasons">
          <h1>Quý công dân chưa hài lòng về điều gì?</h1>
          <div className="rating-reasons">
            {rating?.reasons.map((r) => {
              const on = screen.chosen.includes(r.code);
              return (
                <button
                  key={r.code}
                  type="button"
                  className={`toggle${on ? ' on' : ''}`}
                  aria-pressed={on}
                  data-testid={`reason-${r.code}`}
                  onClick={() =>
                    setScreen({ ...screen, chosen: on ? screen.chosen.filter((c) => c !== r.code) : [...screen.chosen, r.code] })
                  }
                >
                  {r.vi}
                </button>
              );
            })}
          </div>
          <button
            type="button"
            className="primary big"
            data-testid="send-rating"
            onClick={() => void submit(screen.ticketId, screen.level, screen.chosen)}
          >
            Gửi đánh giá
          </button>
        </main>
      )}
      {screen.kind === 'thanks' && (
        <main className="rating-idle" data-testid="rating-thanks">
          <div className="rating-counter">Cảm ơn quý công dân!</div>
          <div className="muted">Ý kiến của quý công dân giúp chúng tôi phục vụ tốt hơn.</div>
        </main>
      )}
    </div>
  );
}
