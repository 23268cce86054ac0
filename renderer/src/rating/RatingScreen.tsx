// The tablet facing the citizen at a counter: when the officer finishes, it asks for a rating.
import { useEffect, useRef, useState } from 'react';
import type { CenterInfo, Floor, Me } from '../../../main/contract/index.ts';
import { api, type Lang } from '../api.ts';
import { texts } from '../common/text.ts';
import { ratingText } from './ratingText.ts';
import { VietKeyboard } from './VietKeyboard.tsx';
import { applyToFloor } from '../common/floor.ts';
import { useHubScreen } from '../common/useHubScreen.ts';
import { Pairing } from '../common/SignIn.tsx';
import { ConnectionBanner } from '../common/ui.tsx';

type Screen =
  | { kind: 'idle' }
  | { kind: 'ask'; ticketId: number; number: number }
  | { kind: 'reasons'; ticketId: number; number: number; level: number; chosen: string[]; comment: string; typing: boolean }
  | { kind: 'thanks' };

const THANKS_MS = 4000;
/** A finish older than this when it reaches the screen (a replay after reconnecting) is not asked about. */
const ASK_WITHIN_MS = 60_000;

/** A face for a level: the mouth curves from a smile (best) to a frown (worst). */
function Face({ rank, of }: { rank: number; of: number }) {
  const mood = of <= 1 ? 1 : 1 - (1.6 * rank) / (of - 1); // 1 (best) … -0.6 (worst); the middle stays level
  const colors = ['#1f7a3a', '#5a9e2f', '#e0a800', '#c8102e'];
  // rank runs 0…of-1, so the index runs 0…colors.length-1
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
  me: Me;
}

interface Ask {
  ticketId: number;
  number: number;
}

/** The counter a tablet serves: its own, whatever the address says; the address only for an unbound one. */
function counterOf(s: RatingSnapshot | null, fromUrl: number) {
  if (!s) return null;
  const own = s.me.kind === 'device' ? s.me.device.counterId : null;
  return s.floor.counters.find((c) => (own !== null ? c.counter.id === own : c.counter.number === fromUrl)) ?? null;
}

export function RatingScreen({ counterNumber }: { counterNumber: number }) {
  const [screen, setScreenState] = useState<Screen>({ kind: 'idle' });
  const shown = useRef<Screen>(screen);
  const setScreen = (s: Screen) => {
    shown.current = s;
    setScreenState(s);
  };
  const [lang, setLang] = useState<Lang>('vi');
  const skew = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Citizens finished while another is still rating: asked in turn, none lost.
  const waiting = useRef<Ask[]>([]);
  const t = texts(ratingText, lang);

  const hub = useHubScreen<RatingSnapshot>({
    scope: 'rating',
    lang: 'vi',
    identity: 'device',
    load: async (token) => {
      const [center, floor, me] = await Promise.all([api('center:get', {}, token), api('floor:get', {}, token), api('auth:me', {}, token)]);
      skew.current = floor.now - Date.now();
      return { center, floor, me };
    },
    head: (s) => s.floor.head,
    topics: (s) => {
      const mine = counterOf(s, counterNumber);
      return mine ? [{ kind: 'counter', counterId: mine.counter.id }] : [{ kind: 'hall' }];
    },
    apply: (s, events) => {
      const floor = applyToFloor(s.floor, events);
      return floor && { ...s, floor };
    },
    onEvents: (events) => {
      for (const e of events) {
        if (e.type === 'ticket:finished' && e.counterId === mine?.counter.id && Date.now() + skew.current - e.at < ASK_WITHIN_MS) {
          arrive({ ticketId: e.data.ticket.id, number: e.data.ticket.number });
        }
      }
    },
  });
  const token = hub.token;
  const center = hub.snapshot?.center ?? null;
  const mine = counterOf(hub.snapshot, counterNumber);
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

  const timedOut = (ticketId: number) => {
    if (token) void api('rating:timeout', { ticketId }, token).catch(() => undefined);
  };

  const timeoutMs = (rating?.timeoutSec ?? 30) * 1000;
  /** The question left unanswered: not rated. */
  const armAsk = (ticketId: number) =>
    arm(timeoutMs, () => {
      timedOut(ticketId);
      next();
    });
  /**
   * A citizen who chose a level and walked away: what they chose is sent as it stands when the
   * time runs out (read when it does, so reasons and comment are kept); every touch starts it again.
   */
  const armReasons = () =>
    arm(timeoutMs, () => {
      const s = shown.current;
      if (s.kind === 'reasons') void submit(s.ticketId, s.level, s.chosen, s.comment);
    });
  /** Any touch on the question keeps it open. */
  const touched = () => {
    const s = shown.current;
    if (s.kind === 'reasons') armReasons();
    else if (s.kind === 'ask') armAsk(s.ticketId);
  };

  const ask = (a: Ask) => {
    setLang('vi');
    setScreen({ kind: 'ask', ...a });
    armAsk(a.ticketId);
  };

  /** The next citizen waiting to be asked, or idle. */
  const next = () => {
    const a = waiting.current.shift();
    if (a) ask(a);
    else setScreen({ kind: 'idle' });
  };

  /** A citizen has just been served. One who was offered the question and did not touch it has left: not rated. */
  const arrive = (a: Ask) => {
    const current = shown.current;
    if (current.kind === 'reasons') {
      waiting.current.push(a); // started: let them finish
      return;
    }
    if (current.kind === 'ask') timedOut(current.ticketId);
    ask(a);
  };

  const submit = async (ticketId: number, level: number, reasons: string[], comment = '') => {
    if (!token) return;
    setScreen({ kind: 'thanks' });
    arm(THANKS_MS, next);
    const text = comment.trim();
    // Already rated or too late: still thank them.
    await api('rating:submit', { ticketId, level, reasons, ...(text ? { comment: text } : {}) }, token).catch(() => undefined);
  };
  /** Typing keeps the question open: the timeout counts from the last key. */
  const typed = (s: Extract<Screen, { kind: 'reasons' }>, comment: string) => {
    setScreen({ ...s, comment, typing: true });
    armReasons();
  };

  if (!token)
    return (
      <div className="rating">
        <Pairing scope="rating" lang="vi" kindName={t.deviceKind} onDone={hub.signedIn} />
      </div>
    );
  const levels = rating?.levels ?? [];
  const counterName = mine ? (lang === 'vi' ? mine.counter.nameVi : mine.counter.nameEn) : t.counter(counterNumber);
  const lowest = levels.length ? Math.min(...levels.map((l) => l.value)) : 0;
  const toggle = (
    <button type="button" className="toggle rating-lang" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
      {t.otherLanguage}
    </button>
  );

  return (
    <div className="rating" onContextMenu={(e) => e.preventDefault()} onPointerDown={touched}>
      <ConnectionBanner state={hub.live} lang="vi" />
      {screen.kind === 'idle' && (
        <main className="rating-idle" data-testid="rating-idle">
          <div className="rating-counter">{counterName}</div>
          {mine?.counter.staffName && <div className="rating-staff">{t.officer(mine.counter.staffName)}</div>}
          <div className="muted">{t.welcome}</div>
        </main>
      )}
      {screen.kind === 'ask' && (
        <main className="rating-ask" data-testid="rating-ask">
          {toggle}
          <h1>{t.askTitle}</h1>
          <div className="muted">
            {t.ticket(screen.number)} · {counterName}
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
                    setScreen({
                      kind: 'reasons',
                      ticketId: screen.ticketId,
                      number: screen.number,
                      level: l.value,
                      chosen: [],
                      comment: '',
                      typing: false,
                    });
                    armReasons();
                  } else void submit(screen.ticketId, l.value, []);
                }}
              >
                <Face rank={i} of={levels.length} />
                <span>{l[lang]}</span>
              </button>
            ))}
          </div>
        </main>
      )}
      {screen.kind === 'reasons' && (
        <main className="rating-ask" data-testid="rating-reasons">
          {toggle}
          <h1>{screen.level === lowest ? t.whatWasWrong : t.whatCouldBeBetter}</h1>
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
                  onClick={() => {
                    setScreen({ ...screen, chosen: on ? screen.chosen.filter((c) => c !== r.code) : [...screen.chosen, r.code] });
                    armReasons();
                  }}
                >
                  {r[lang]}
                </button>
              );
            })}
          </div>
          {screen.typing ? (
            <div className="rating-comment">
              <div className="comment-text" data-testid="comment">
                {screen.comment || <span className="muted">{t.commentHint}</span>}
              </div>
              <VietKeyboard value={screen.comment} max={200} onChange={(c) => typed(screen, c)} />
            </div>
          ) : (
            <button type="button" className="toggle" data-testid="add-comment" onClick={() => typed(screen, screen.comment)}>
              {t.addComment}
            </button>
          )}
          <button
            type="button"
            className="primary big"
            data-testid="send-rating"
            onClick={() => void submit(screen.ticketId, screen.level, screen.chosen, screen.comment)}
          >
            {t.send}
          </button>
        </main>
      )}
      {screen.kind === 'thanks' && (
        <main className="rating-idle" data-testid="rating-thanks">
          <div className="rating-counter">{t.thanks}</div>
          <div className="muted">{t.thanksMore}</div>
        </main>
      )}
    </div>
  );
}
