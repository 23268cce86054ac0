// The hall TV: the newest calls very large, the latest calls, every field's waiting line, and the
// spoken call. Everything on it comes from the floor as events change it, so two TVs show the same
// lists whenever they were switched on.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { CenterInfo, Field, Floor, JournalEvent, Me } from '../../../main/contract/index.ts';
import { api } from '../api.ts';
import { applyToFloor } from '../common/floor.ts';
import { useHubScreen } from '../common/useHubScreen.ts';
import { Pairing } from '../common/SignIn.tsx';
import { ConnectionBanner, formatClock, formatDate, useNow } from '../common/ui.tsx';
import { texts } from '../common/text.ts';
import { AnnouncementPlayer } from './audio.ts';
import { displayText } from './displayText.ts';

const t = texts(displayText, 'vi');
const HIGHLIGHT_MS = 8000;
/** How long each page of waiting lines stays on screen when they do not all fit. */
const PAGE_MS = 8000;
/** The waiting lines' columns (as in the stylesheet's .waiting-list). */
const COLUMNS = 3;
/** Calls replayed after a reconnect are shown, but only recent ones are spoken. */
const SPEAK_WITHIN_MS = 30_000;

declare global {
  interface Window {
    __motcuaPlayer?: AnnouncementPlayer;
  }
}

interface HallSnapshot {
  center: CenterInfo;
  floor: Floor;
  me: Me;
}

export function HallDisplay() {
  // When each ticket was last called or recalled here (hub time): a recall lights its card again.
  const [calledAt, setCalledAt] = useState<ReadonlyMap<number, number>>(new Map());
  const [needsTap, setNeedsTap] = useState(false);
  const clockSkew = useRef(0); // hub time minus this screen's time
  const now = useNow(2000); // for highlights and the sound hint; the clock ticks on its own

  const screen = useHubScreen<HallSnapshot>({
    scope: 'display',
    lang: 'vi',
    identity: 'device',
    load: async (token) => {
      const [center, floor, me] = await Promise.all([api('center:get', {}, token), api('floor:get', {}, token), api('auth:me', {}, token)]);
      clockSkew.current = floor.now - Date.now();
      return { center, floor, me };
    },
    head: (s) => s.floor.head,
    topics: () => [{ kind: 'hall' }],
    apply: (s, events) => {
      const floor = applyToFloor(s.floor, events);
      return floor && { ...s, floor };
    },
    onEvents: (events) => onCalls(events),
  });
  const center = screen.snapshot?.center ?? null;
  const me = screen.snapshot?.me ?? null;
  const floor = screen.snapshot?.floor ?? null;

  const player = useMemo(() => new AnnouncementPlayer('/voice/' + (center?.voice.pack ?? 'vi-espeak')), [center?.voice.pack]);
  useEffect(() => {
    window.__motcuaPlayer = player;
  }, [player]); // the play log, for support and tests

  const speaks =
    center !== null &&
    center.voice.enabled &&
    me?.kind === 'device' &&
    (center.voice.speakerDeviceId === null || center.voice.speakerDeviceId === me.device.id);

  const onCalls = (events: JournalEvent[]) => {
    const called = new Map<number, number>();
    for (const e of events) {
      if ((e.type === 'ticket:called' || e.type === 'ticket:recalled') && e.data.ticket.counterNumber !== null) {
        called.set(e.data.ticket.id, e.at);
        const hubNow = Date.now() + clockSkew.current;
        if (speaks && e.data.announce && hubNow - e.at < SPEAK_WITHIN_MS) {
          void player.enqueue(e.data.announce.words, {
            repeat: center.voice.repeat,
            volume: center.voice.volume,
            chime: center.voice.chime,
          });
        }
      }
    }
    // A call is the one thing a hall display exists for: put it on screen now (with the floor the
    // event has just changed), not when the scheduler gets round to it.
    if (called.size) flushSync(() => setCalledAt((old) => new Map([...old, ...called].slice(-50))));
  };

  useEffect(() => {
    if (!speaks) return;
    const timer = setTimeout(() => setNeedsTap(!player.audible), 1500);
    return () => clearTimeout(timer);
  }, [speaks, player, now]);

  // A TV has no touch: its remote's OK key (or a keyboard, or a mouse click) lets the sound play.
  useEffect(() => {
    const unlock = () => void player.unlock().then(() => setNeedsTap(false));
    window.addEventListener('keydown', unlock);
    return () => window.removeEventListener('keydown', unlock);
  }, [player]);
  const touch = useMemo(() => window.matchMedia('(any-pointer: coarse)').matches, []);

  if (!screen.token)
    return (
      <div className="display">
        <Pairing scope="display" lang="vi" kindName={t.hallDisplayKind} onDone={screen.signedIn} />
      </div>
    );

  const tz = center?.timezone ?? 'Asia/Ho_Chi_Minh';
  const hubNow = now + clockSkew.current;
  const fieldName = (id: number) => center?.fields.find((f) => f.id === id)?.nameVi ?? '';
  const calls = (floor?.recentCalls ?? []).filter((t) => t.counterNumber !== null);
  const lastCalled = (t: (typeof calls)[number]) => calledAt.get(t.id) ?? t.calledAt ?? 0;
  const fields = center?.fields ?? [];
  // With many fields the waiting lines take more height: three calls shown large rather than four cramped.
  const cards = fields.length > 12 ? 3 : 4;
  const waitingOf = (id: number) => floor?.fields.find((f) => f.fieldId === id)?.waiting ?? 0;
  const shown = calls.slice(0, cards);
  // Several calls within seconds: the newest is the one to look at now, the others stay lit.
  const fresh = shown.filter((c) => hubNow - lastCalled(c) < HIGHLIGHT_MS);
  const newest = fresh.length === 0 ? null : fresh.reduce((a, b) => (lastCalled(b) > lastCalled(a) ? b : a));

  return (
    <div
      className="display hall"
      onPointerDown={() => {
        void player.unlock().then(() => setNeedsTap(false));
      }}
    >
      <header className="display-head">
        <div className="center-name">{center?.centerName}</div>
        <HallClock tz={tz} />
      </header>
      <ConnectionBanner state={screen.live} lang="vi" />
      {needsTap && (
        <div className="tap-for-sound" data-testid="sound-hint">
          {touch ? t.touchForSound : t.keyForSound}
        </div>
      )}
      <main className="hall-main">
        <section className="now-calling">
          <h2>{t.nowCalling}</h2>
          <div className="call-cards" data-testid="now-calling" style={{ '--cards': cards }}>
            {calls.length === 0 && <div className="muted idle-calls">{t.noCalls}</div>}
            {shown.map((c) => (
              <div
                key={c.id}
                className={`call-card${c === newest ? ' newest' : fresh.includes(c) ? ' fresh' : ''}`}
                data-testid={`call-${c.number}`}
              >
                <span className="call-number">{c.number}</span>
                <span className="call-arrow">→</span>
                <span className="call-counter">{t.counter(c.counterNumber ?? 0)}</span>
                <span className="call-field">
                  {c === newest && fresh.length > 1 && <b className="call-newest">{t.newest}</b>}
                  {fieldName(c.fieldId)}
                </span>
              </div>
            ))}
          </div>
        </section>
        <section className="recent-calls">
          <h2>{t.recentCalls}</h2>
          <table data-testid="recent-calls">
            <tbody>
              {calls.map((c) => (
                <tr key={c.id} data-number={c.number}>
                  <td className="num">{c.number}</td>
                  <td>{t.counter(c.counterNumber ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <WaitingLines fields={fields} waitingOf={waitingOf} />
      </main>
      {center?.hallNotice && (
        <footer className="hall-foot">
          <div className="notice-marquee">
            <span>{center.hallNotice}</span>
          </div>
        </footer>
      )}
    </div>
  );
}

/**
 * Every field's waiting line. When they do not all fit under the calls (18, 30 fields, long names),
 * they are shown a page at a time, turning every few seconds, with the page said beside the title:
 * the full list is laid out once unseen to measure its rows, then cut into pages of whole rows.
 */
function WaitingLines({ fields, waitingOf }: { fields: readonly Field[]; waitingOf: (id: number) => number }) {
  const list = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState(() => `${window.innerWidth}x${window.innerHeight}`);
  useEffect(() => {
    const onResize = () => setSize(`${window.innerWidth}x${window.innerHeight}`);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  // What changes the rows' heights: the names, the screen, the counts' widths.
  const key = [size, ...fields.map((f) => `${f.id}:${f.nameVi}:${String(waitingOf(f.id)).length}`)].join('|');
  const [measured, setMeasured] = useState<{ key: string; pages: number[] } | null>(null);
  const [page, setPage] = useState(0);
  const pages = measured?.key === key ? measured.pages : null; // page i starts at field pages[i]

  useLayoutEffect(() => {
    if (pages !== null || !list.current) return;
    const el = list.current;
    const items = [...el.children].filter((c) => c instanceof HTMLElement);
    const starts = [0];
    if (el.scrollHeight > el.clientHeight + 1) {
      let top = items[0]?.offsetTop ?? 0;
      for (let row = COLUMNS; row < items.length; row += COLUMNS) {
        const cells = items.slice(row, row + COLUMNS);
        const bottom = Math.max(...cells.map((c) => c.offsetTop + c.offsetHeight));
        if (bottom - top > el.clientHeight) {
          starts.push(row);
          // row < items.length: the slice has its first cell
          top = cells[0]!.offsetTop;
        }
      }
    }
    setMeasured({ key, pages: starts });
  }, [pages, key]);

  const count = pages?.length ?? 1;
  useEffect(() => {
    if (count < 2) return;
    const timer = setInterval(() => setPage((p) => (p + 1) % count), PAGE_MS);
    return () => clearInterval(timer);
  }, [count]);
  const current = page % count;
  const from = pages?.[current] ?? 0;
  const to = pages?.[current + 1] ?? fields.length;

  return (
    <section className={`waiting-panel${fields.length > 15 ? ' many' : ''}`}>
      <h2>
        {t.waiting}
        {count > 1 && (
          <span className="waiting-page" data-testid="waiting-page">
            {t.pageOf(current + 1, count)}
            {pages?.map((p, i) => (
              <i key={p} className={i === current ? 'on' : ''} />
            ))}
          </span>
        )}
      </h2>
      <div className="waiting-list" data-testid="waiting" ref={list}>
        {fields.slice(from, to).map((f) => (
          <div key={f.id} className="waiting-item">
            <strong>{waitingOf(f.id)}</strong>
            <span>{f.nameVi}</span>
          </div>
        ))}
      </div>
    </section>
  );
}

/** Ticks every second on its own, so the rest of the display does not re-render with it. */
function HallClock({ tz }: { tz: string }) {
  const now = useNow(1000);
  return (
    <div className="display-clock">
      <span>{formatDate(now, tz, 'vi')}</span>
      <strong>{formatClock(now, tz)}</strong>
    </div>
  );
}
