// The citizen's touch kiosk: pick a field (optionally as a priority citizen), get a number.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { printFaultOf, printFaultText } from '../../../main/contract/enums.ts';
import { errorCatalog } from '../../../main/contract/errors.ts';
import type { CenterInfo, Field, Floor, IssuedTicket, JournalEvent, Me, TicketWithWait } from '../../../main/contract/index.ts';
import { api, errorCodeOf, tokens } from '../api.ts';
import { bridge } from '../bridge.ts';
import { applyToFloor } from '../common/floor.ts';
import { withPrinterStatus } from '../common/printerStatus.ts';
import { Pairing } from '../common/SignIn.tsx';
import { texts } from '../common/text.ts';
import { formatClock, formatDate, useLang, useNow } from '../common/ui.tsx';
import { useHubScreen } from '../common/useHubScreen.ts';
import { AdminPin } from './AdminPin.tsx';
import { kioskText } from './kioskText.ts';
import { KioskClosed } from './KioskClosed.tsx';
import { KioskHome, KioskTools } from './KioskHome.tsx';
import { TicketStatusView } from './TicketStatusView.tsx';
import { TicketView } from './TicketView.tsx';
import { usePrintJobs, type PrintState } from './usePrintJob.ts';
import { useScanner } from './useScanner.ts';
import { useVoiceGuide } from './useVoiceGuide.ts';

type Screen =
  | { kind: 'home' }
  | { kind: 'issuing'; field: Field }
  | { kind: 'ticket'; issued: TicketWithWait; field: Field; print: PrintState; phoneUrl: string | null }
  | { kind: 'refused'; message: string }
  /** A chip ID card was scanned: the citizen picks a field; priority offered from the card's age. */
  | { kind: 'scanned-card'; text: string; offerPriority: boolean; remaining: number | null }
  | { kind: 'status'; status: TicketWithWait; lastPrintJobId: number | null };

/** The kiosk's own printer, as its status events say. */
function withOwnPrinter(me: Me, events: readonly JournalEvent[]): Me {
  if (me.kind !== 'device') return me;
  const device = withPrinterStatus(me.device, events);
  return device === me.device ? me : { ...me, device };
}

export interface KioskSnapshot {
  center: CenterInfo;
  floor: Floor;
  me: Me;
}

async function loadKiosk(token: string): Promise<KioskSnapshot> {
  const [center, floor, me] = await Promise.all([api('center:get', {}, token), api('floor:get', {}, token), api('auth:me', {}, token)]);
  return { center, floor, me };
}

/** Longer than a hub on the network takes to answer; a hub that has not answered by then is not waited for. */
const FIRST_SNAPSHOT_WAIT_MS = 2_000;

/**
 * The kiosk's snapshot, loaded with the stored token before React's first render (#24), from the
 * answers the entry asked for early: the first render is then the whole screen, not a header alone
 * followed by a second render once the answers are in. Null without a token, on any failure (the
 * screen then loads and reports as usual) or when the hub is slow to answer.
 */
export async function firstKioskSnapshot(): Promise<KioskSnapshot | null> {
  const token = tokens.get('kiosk');
  if (!token) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), FIRST_SNAPSHOT_WAIT_MS)));
  try {
    return await Promise.race([loadKiosk(token), late]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The header's date or clock, kept to the second by itself: the rest of the kiosk does not render
 * again every second (its field list measured its buttons each time, a forced layout a second all
 * day on a cheap kiosk, #24). Shown from the kiosk's second frame on (#24): a page's first date
 * format loads ICU's data (15–40 ms on the main thread in a fresh page), and the field buttons need
 * not wait for it. Until then a space holds the line's height.
 */
function Ticking({ text }: { text: (now: number) => string }) {
  const now = useNow(1000);
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    // a frame's callback runs before its paint; a task queued from there runs after it
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setPainted(true))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted ? text(now) : '\u00a0';
}

export function Kiosk({ first = null }: { first?: KioskSnapshot | null }) {
  const [lang, setLang] = useLang('kiosk');
  const [contrast, setContrast] = useState(false);
  const [large, setLarge] = useState(false);
  const [priority, setPriority] = useState(false);
  const [screen, setScreen] = useState<Screen>({ kind: 'home' });
  const [adminOpen, setAdminOpen] = useState(false);
  const lastTouch = useRef(Date.now());
  const t = texts(kioskText, lang);

  const hub = useHubScreen<KioskSnapshot>({
    scope: 'kiosk',
    lang,
    identity: 'device',
    load: loadKiosk,
    initial: first,
    head: (s) => s.floor.head,
    topics: (s) => (s?.me.kind === 'device' ? [{ kind: 'hall' }, { kind: 'printer', deviceId: s.me.device.id }] : [{ kind: 'hall' }]),
    apply: (s, events) => {
      const floor = applyToFloor(s.floor, events);
      return floor && { ...s, floor, me: withOwnPrinter(s.me, events) };
    },
    onEvents: (events) => prints.onEvents(events),
    refreshEveryMs: 60_000, // opening hours and fields change rarely, and without an event on the hall
  });
  const { token } = hub;
  const prints = usePrintJobs(token);
  const center = hub.snapshot?.center ?? null;
  const voice = useVoiceGuide(token, center, screen.kind === 'ticket' ? screen.issued.ticket.number : null);
  const { on: voiceOn, setOn: setVoice } = voice;

  // Staff leave the locked kiosk window by holding the clock for 3 s and typing the admin PIN.
  const holdTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const holdStart = () => {
    if (bridge()) holdTimer.current = setTimeout(() => setAdminOpen(true), 3000);
  };
  const holdEnd = () => {
    if (holdTimer.current) clearTimeout(holdTimer.current);
    holdTimer.current = null;
  };

  // Back to a fresh home screen when nobody has touched the kiosk for a while. Checked once a second,
  // the kiosk renders again only when that changes (idle or not), not every second.
  const idleMs = (center?.kioskIdleSeconds ?? 30) * 1000;
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    const timer = setInterval(() => setIdle(Date.now() - lastTouch.current >= idleMs), 1000);
    return () => clearInterval(timer);
  }, [idleMs]);
  useEffect(() => {
    // `idle` may be up to a second old: a touch since then keeps the citizen's screen
    if (!idle || Date.now() - lastTouch.current < idleMs) return;
    if (screen.kind !== 'home' || priority || lang !== 'vi' || contrast || large || voiceOn) {
      setScreen({ kind: 'home' });
      setPriority(false);
      setLang('vi');
      setContrast(false);
      setLarge(false);
      setVoice(false);
    }
  }, [idle, idleMs, screen.kind, priority, lang, contrast, large, voiceOn, setLang, setVoice]);

  // The next citizen must not find someone else's number: the ticket screen leaves on its own once
  // the ticket has printed (a failed print stays up for the general idle time, to be reprinted).
  const ticketMs = (center?.kioskTicketSeconds ?? 10) * 1000;
  const printDone = screen.kind === 'ticket' && (screen.print.kind === 'printed' || screen.print.kind === 'no-printer');
  const ticketId = screen.kind === 'ticket' ? screen.issued.ticket.id : null;
  const [smsHeld, setSmsHeld] = useState(false); // the SMS keypad is open: the ticket stays
  useEffect(() => {
    if (!printDone || smsHeld) return;
    const timer = setTimeout(
      () => setScreen((s) => (s.kind === 'ticket' && s.issued.ticket.id === ticketId ? { kind: 'home' } : s)),
      ticketMs,
    );
    return () => clearTimeout(timer);
  }, [printDone, ticketId, ticketMs, smsHeld]);
  const touch = () => {
    lastTouch.current = Date.now();
  };

  // The next citizen starts fresh (#24): once a ticket (or a scanned ticket's status) leaves the
  // screen, however it leaves, the last citizen's language, contrast, text size and voice go with it.
  const shown = screen.kind === 'ticket' || screen.kind === 'status';
  const wasShown = useRef(shown);
  // Before paint: the home screen never shows, even for a frame, in the last citizen's language.
  useLayoutEffect(() => {
    const left = wasShown.current && !shown;
    wasShown.current = shown;
    if (!left) return;
    setPriority(false);
    setLang('vi');
    setContrast(false);
    setLarge(false);
    setVoice(false);
  }, [shown, setLang, setVoice]);

  const refuse = (err: unknown) => {
    // A citizen is told what to do, not that a server was lost.
    const message = errorCodeOf(err) === 'NETWORK' ? `${t.hubUnreachable} ${t.askStaff}` : hub.failure(err);
    if (message !== null) setScreen({ kind: 'refused', message });
  };

  const setPrint = (ticketId: number, print: PrintState) =>
    setScreen((s) => (s.kind === 'ticket' && s.issued.ticket.id === ticketId ? { ...s, print } : s));

  /** Shows an issued ticket and follows its print job. The number stays on screen whatever happens. */
  const showIssued = (issued: IssuedTicket, field = center?.fields.find((f) => f.id === issued.ticket.fieldId)) => {
    if (!field) return;
    const jobId = issued.printJobId;
    setScreen({
      kind: 'ticket',
      issued,
      field,
      print: jobId === null ? { kind: 'no-printer' } : { kind: 'printing', jobId },
      phoneUrl: issued.phoneUrl ?? null,
    });
    setPriority(false);
    // Whether texts can go out now is the hub's word at this ticket, not a snapshot's of up to a minute ago (#26).
    if (token && center?.smsOptIn)
      void api('center:get', {}, token).then(
        (fresh) => hub.update((s) => ({ ...s, center: fresh })),
        () => undefined, // the snapshot's word stands
      );
    if (jobId !== null)
      void prints.follow(jobId, hub.live === 'online', (p) => setPrint(issued.ticket.id, p)).then((p) => setPrint(issued.ticket.id, p));
  };

  const reprint = async (ticketId: number, jobId: number) => {
    if (!token) return;
    touch();
    try {
      const job = await api('print:reprint', { id: jobId }, token);
      setPrint(ticketId, { kind: 'printing', jobId: job.id });
      setPrint(ticketId, await prints.follow(job.id, hub.live === 'online', (p) => setPrint(ticketId, p)));
    } catch (err) {
      // The first ticket may still come out: wait for it rather than print a second.
      if (errorCodeOf(err) === 'PRINT_MAY_STILL_PRINT') return setPrint(ticketId, { kind: 'may-print', jobId });
      setPrint(ticketId, { kind: 'failed', reason: errorCodeOf(err) === 'CONFLICT' ? 'error' : 'offline', jobId });
    }
  };

  /** Whatever a scanner read: a chip ID card, a dossier receipt, an appointment, one of our tickets. */
  useScanner((text) => void onScan(text));
  const onScan = async (text: string) => {
    if (!token) return;
    touch();
    try {
      const r = await api('scan:read', { text }, token);
      if (r.kind === 'cccd') {
        if (r.remainingToday === 0) setScreen({ kind: 'refused', message: errorCatalog.PERSON_DAILY_LIMIT[lang] });
        else {
          setPriority(r.offerPriority);
          setScreen({ kind: 'scanned-card', text, offerPriority: r.offerPriority, remaining: r.remainingToday });
        }
      } else if (r.kind === 'ticket') setScreen({ kind: 'status', status: r.status, lastPrintJobId: r.lastPrintJobId });
      else showIssued(await api('scan:issue', { text, lang }, token));
    } catch (err) {
      refuse(err);
    }
  };

  const take = async (field: Field) => {
    if (!token) return;
    if (screen.kind === 'scanned-card') {
      const text = screen.text;
      setScreen({ kind: 'issuing', field });
      try {
        showIssued(await api('scan:issue', { text, fieldId: field.id, priority, lang }, token), field);
      } catch (err) {
        refuse(err);
      }
      return;
    }
    if (screen.kind !== 'home') return; // a second tap while issuing does nothing
    setScreen({ kind: 'issuing', field });
    try {
      showIssued(await api('ticket:issue', { fieldId: field.id, priority, source: 'kiosk', lang }, token), field);
    } catch (err) {
      refuse(err);
    }
  };

  if (!token) {
    return (
      <div className="kiosk">
        <Pairing scope="kiosk" lang={lang} kindName={t.kioskKind} onDone={hub.signedIn} />
      </div>
    );
  }

  const name = (f: Field) => (lang === 'vi' ? f.nameVi : f.nameEn);
  const tz = center?.timezone ?? 'Asia/Ho_Chi_Minh';
  const home = () => setScreen({ kind: 'home' });
  const device = hub.snapshot?.me.kind === 'device' ? hub.snapshot.me.device : null;
  const printerFault =
    device?.printer && device.printerStatus && !device.printerStatus.ok
      ? printFaultText[printFaultOf(device.printerStatus.fault)][lang]
      : null;
  // Only once the kiosk has been online: while it first connects it says nothing alarming.
  const offline = hub.live === 'offline' || (center === null && hub.error !== null);
  const tools = {
    lang,
    priority,
    contrast,
    large,
    onPriority: setPriority,
    onLang: setLang,
    onContrast: setContrast,
    onLarge: setLarge,
  };

  return (
    <div
      className={`kiosk${contrast ? ' contrast' : ''}${large ? ' large' : ''}`}
      // In the capture phase: a touch counts even where an inner part stops it (the SMS keypad, #26).
      onPointerDownCapture={touch}
      onContextMenu={(e) => e.preventDefault()}
    >
      <header className="kiosk-head">
        <div>
          <div className="center-name">{center ? (lang === 'vi' ? center.centerName : center.centerNameEn) : 'motcua'}</div>
          <div className="muted">
            <Ticking text={(now) => formatDate(now, tz, lang)} />
          </div>
        </div>
        <div className="clock" onPointerDown={holdStart} onPointerUp={holdEnd} onPointerLeave={holdEnd}>
          <Ticking text={(now) => formatClock(now, tz)} />
        </div>
      </header>
      {adminOpen && <AdminPin lang={lang} onClose={() => setAdminOpen(false)} />}

      {center === null ? (
        <main className="kiosk-home">
          {offline && (
            <p className="kiosk-alert" role="alert" data-testid="kiosk-offline">
              <strong>{t.hubUnreachable}</strong> {t.askStaff}
            </p>
          )}
        </main>
      ) : !center.openNow && screen.kind !== 'ticket' && screen.kind !== 'status' ? (
        <>
          <KioskClosed lang={lang} center={center} />
          <div className="kiosk-home kiosk-tools-only">
            <KioskTools {...tools} hidePriority />
          </div>
        </>
      ) : screen.kind === 'home' || screen.kind === 'issuing' || screen.kind === 'scanned-card' ? (
        <KioskHome
          {...tools}
          center={center}
          floor={hub.snapshot?.floor ?? null}
          busy={screen.kind === 'issuing'}
          idle={idle}
          offline={offline}
          printerFault={printerFault}
          scannedCard={screen.kind === 'scanned-card' ? screen : null}
          error={hub.error}
          voice={
            voice.available
              ? {
                  on: voice.on,
                  onVoice: voice.setOn,
                  heardFieldId: voice.heardFieldId,
                  onNotTaking: voice.notTaking,
                  paging: voice.paging,
                  priority: voice.priority,
                }
              : null
          }
          onTake={(f) => voice.touch(f, () => void take(f))}
        />
      ) : screen.kind === 'ticket' ? (
        <TicketView
          lang={lang}
          issued={screen.issued}
          fieldName={name(screen.field)}
          unserved={!center.counters.some((c) => c.active && c.fields.some((l) => l.fieldId === screen.field.id))}
          print={screen.print}
          leavesInSeconds={printDone ? ticketMs / 1000 : null}
          phoneUrl={screen.phoneUrl}
          onReprint={(jobId) => void reprint(screen.issued.ticket.id, jobId)}
          onDone={home}
          sms={
            center.smsOptIn && !center.smsDown // not while the hub's modem cannot send (#26)
              ? {
                  send: (phone) => api('ticket:sms', { id: screen.issued.ticket.id, phone }, token),
                  onHold: setSmsHeld,
                }
              : null
          }
        />
      ) : screen.kind === 'status' ? (
        <TicketStatusView
          lang={lang}
          status={screen.status}
          canReprint={screen.lastPrintJobId !== null}
          onReprint={() => {
            const field = center?.fields.find((f) => f.id === screen.status.ticket.fieldId);
            if (!field || screen.lastPrintJobId === null) return;
            setScreen({
              kind: 'ticket',
              issued: screen.status,
              field,
              print: { kind: 'printing', jobId: screen.lastPrintJobId },
              phoneUrl: null,
            });
            void reprint(screen.status.ticket.id, screen.lastPrintJobId);
          }}
          onDone={home}
        />
      ) : (
        <main className="kiosk-ticket" data-testid="refused">
          <p className="notice big-notice">{screen.message}</p>
          <button type="button" className="primary big" onClick={home}>
            {t.back}
          </button>
        </main>
      )}
    </div>
  );
}
