// The hall TV: the newest calls very large, the latest calls, every field's waiting line, and the
// spoken call. Everything on it comes from the floor as events change it, so two TVs show the same
// lists whenever they were switched on.
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { flushSync } from 'react-dom';
import type { CenterInfo, Floor, JournalEvent, Me } from '../../../main/contract/index.ts';
import { api } from '../api.ts';
import { applyToFloor } from '../common/floor.ts';
import { useHubScreen } from '../common/useHubScreen.ts';
import { Pairing } from '../common/SignIn.tsx';
import { ConnectionBanner, formatClock, formatDate, useNow } from '../common/ui.tsx';
import { AnnouncementPlayer } from './audio.ts';

const HIGHLIGHT_MS = 8000;
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
    const t = setTimeout(() => setNeedsTap(!player.audible), 1500);
    return () => clearTimeout(t);
  }, [speaks, player, now]);

  if (!screen.token)
    return (
      <div className="display">
        <Pairing scope="display" lang="vi" kindName="màn hình" onDone={screen.signedIn} />
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
      {needsTap && <div className="tap-for-sound">Chạm vào màn hình để bật âm thanh gọi số</div>}
      <main className="hall-main">
        <section className="now-calling">
          <h2>MỜI CÔNG DÂN CÓ SỐ</h2>
          <div className="call-cards" data-testid="now-calling" style={{ '--cards': cards } as CSSProperties}>
            {calls.length === 0 && <div className="muted idle-calls">Chưa có lượt gọi</div>}
            {calls.slice(0, cards).map((c) => (
              <div
                key={c.id}
                className={`call-card${hubNow - lastCalled(c) < HIGHLIGHT_MS ? ' fresh' : ''}`}
                data-testid={`call-${c.number}`}
              >
                <span className="call-number">{c.number}</span>
                <span className="call-arrow">→</span>
                <span className="call-counter">Quầy {c.counterNumber}</span>
                <span className="call-field">{fieldName(c.fieldId)}</span>
              </div>
            ))}
          </div>
        </section>
        <section className="recent-calls">
          <h2>Lượt gọi gần đây</h2>
          <table data-testid="recent-calls">
            <tbody>
              {calls.map((c) => (
                <tr key={c.id} data-number={c.number}>
                  <td className="num">{c.number}</td>
                  <td>Quầy {c.counterNumber}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className={`waiting-panel${fields.length > 15 ? ' many' : ''}`}>
          <h2>Đang chờ</h2>
          <div className="waiting-list" data-testid="waiting">
            {fields.map((f) => (
              <div key={f.id} className="waiting-item">
                <strong>{waitingOf(f.id)}</strong>
                <span>{f.nameVi}</span>
              </div>
            ))}
          </div>
        </section>
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
