// The hall TV: the newest calls very large, the last ten, waiting counts, and the spoken call.
import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { CenterInfo, Floor, JournalEvent, Me } from '../../../main/contract/index.ts';
import { api } from '../api.ts';
import { applyToFloor } from '../common/floor.ts';
import { useHubScreen } from '../common/useHubScreen.ts';
import { Pairing } from '../common/SignIn.tsx';
import { ConnectionBanner, formatClock, formatDate, useNow } from '../common/ui.tsx';
import { AnnouncementPlayer } from './audio.ts';

interface Call {
  ticketId: number;
  number: number;
  counterNumber: number;
  fieldId: number;
  at: number;
  seq: number;
}

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

function callsOf(recent: Floor['recentCalls']): Call[] {
  return recent
    .filter((t) => t.counterNumber !== null)
    .map((t) => ({ ticketId: t.id, number: t.number, counterNumber: t.counterNumber!, fieldId: t.fieldId, at: t.calledAt ?? 0, seq: 0 }));
}

export function HallDisplay() {
  const [calls, setCalls] = useState<Call[]>([]);
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
      setCalls(callsOf(floor.recentCalls));
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
    const fresh: Call[] = [];
    for (const e of events) {
      if ((e.type === 'ticket:called' || e.type === 'ticket:recalled') && e.data.ticket.counterNumber !== null) {
        const t = e.data.ticket;
        fresh.push({ ticketId: t.id, number: t.number, counterNumber: t.counterNumber!, fieldId: t.fieldId, at: e.at, seq: e.seq });
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
    if (fresh.length) {
      // A call is the one thing a hall display exists for: put it on screen now, not when the
      // scheduler gets round to it.
      flushSync(() =>
        setCalls((old) => {
          let next = old;
          for (const c of fresh) next = [c, ...next.filter((x) => x.ticketId !== c.ticketId)]; // a recall moves it up, never twice
          return next.slice(0, 12);
        }),
      );
    }
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
  const waitingOf = (id: number) => screen.snapshot?.floor.fields.find((f) => f.fieldId === id)?.waiting ?? 0;
  const newest = calls.slice(0, 4);
  const recent = calls.slice(0, 10);

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
      <main className="hall-main">
        <section className="now-calling">
          <h2>
            MỜI CÔNG DÂN CÓ SỐ <span className="en">Now calling</span>
          </h2>
          <div className="call-cards" data-testid="now-calling">
            {newest.length === 0 && <div className="muted idle-calls">Chưa có lượt gọi</div>}
            {newest.map((c) => (
              <div key={c.ticketId} className={`call-card${hubNow - c.at < HIGHLIGHT_MS ? ' fresh' : ''}`} data-testid={`call-${c.number}`}>
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
              {recent.map((c) => (
                <tr key={c.ticketId} data-number={c.number}>
                  <td className="num">{c.number}</td>
                  <td>Quầy {c.counterNumber}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </main>
      <footer className="hall-foot">
        <div className="waiting-strip" data-testid="waiting">
          {center?.fields.map((f) => (
            <span key={f.id} className="waiting-item">
              <strong>{waitingOf(f.id)}</strong> chờ · {f.nameVi}
            </span>
          ))}
        </div>
        {center?.hallNotice && (
          <div className="notice-marquee">
            <span>{center.hallNotice}</span>
          </div>
        )}
      </footer>
      {needsTap && <div className="tap-for-sound">Chạm vào màn hình để bật âm thanh gọi số · Tap to enable sound</div>}
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
