// The officer's console: sign in, pick the counter, call and serve, live.
import { useState } from 'react';
import { pauseReasonText } from '../../../main/contract/enums.ts';
import type { CenterInfo, CounterDesk, Me } from '../../../main/contract/index.ts';
import { api, errorCodeOf } from '../api.ts';
import { SignIn } from '../common/SignIn.tsx';
import { texts } from '../common/text.ts';
import { ConnectionBanner, ErrorNote, LangToggle, useLang } from '../common/ui.tsx';
import { useHubScreen } from '../common/useHubScreen.ts';
import { useCoalesced } from '../live.ts';
import { counterText } from './counterText.ts';
import { CounterPick } from './CounterPick.tsx';
import { DeskView } from './DeskView.tsx';
import { PauseDialog } from './PauseDialog.tsx';
import { DeskTools } from './DeskTools.tsx';
import { useDeskActions } from './useDeskActions.ts';

interface ConsoleSnapshot {
  me: Me;
  center: CenterInfo;
  /** The officer's counter, or null before one is chosen. */
  desk: CounterDesk | null;
  head: number;
}

export function CounterConsole() {
  const [lang, setLang] = useLang('counter');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const t = texts(counterText, lang);

  const hub = useHubScreen<ConsoleSnapshot>({
    scope: 'counter',
    lang,
    identity: 'staff',
    load: async (token) => {
      const [me, center, floor] = await Promise.all([api('auth:me', {}, token), api('center:get', {}, token), api('floor:get', {}, token)]);
      const desk = me.kind === 'staff' && me.counterId !== null ? await api('counter:get', {}, token) : null;
      return { me, center, desk, head: floor.head };
    },
    head: (s) => s.head,
    topics: (s) => (s?.desk ? [{ kind: 'counter', counterId: s.desk.counter.id }] : [{ kind: 'hall' }]),
    // The waiting list is in the order this counter calls (field weights): the hub computes it, so an
    // event makes the desk be read once, not the whole console.
    apply: (s, events) => (events.some((e) => e.type === 'config:changed') ? null : { ...s, head: events.at(-1)!.seq }),
    onEvents: () => {
      if (hub.snapshot?.desk) refreshDesk();
    },
  });
  const { token, snapshot } = hub;
  const desk = snapshot?.desk ?? null;
  const center = snapshot?.center ?? null;

  // The catalogue's words for a disk that takes no writes speak to citizens (the kiosk shows them).
  const fail = (err: unknown) => setError(errorCodeOf(err) === 'STORAGE_UNAVAILABLE' ? t.storageUnavailable : hub.failure(err));
  const setDesk = (d: CounterDesk | null) => hub.update((s) => ({ ...s, desk: d }));
  const refreshDesk = useCoalesced(() => {
    if (!token) return;
    api('counter:get', {}, token).then(setDesk, () => void hub.reload());
  }, 100);
  const [pausing, setPausing] = useState(false);
  const actions = useDeskActions({
    token,
    desk,
    onDesk: setDesk,
    refreshDesk,
    streamOnline: hub.live === 'online',
    onError: fail,
    onStart: () => {
      setError(null);
      setNotice(null);
    },
    onHint: (hint) => setError(hint === 'startFirst' ? t.startFirst : t.nothingToFinish),
    onAskPause: () => setPausing(true),
  });

  if (!token) {
    return (
      <div className="console">
        <SignIn scope="counter" lang={lang} title={t.signInTitle} onDone={hub.signedIn} />
      </div>
    );
  }

  // A field taken out of service still has its name (its tickets may still be waiting).
  const fieldName = (id: number) => {
    const f = center?.fields.find((x) => x.id === id) ?? center?.pausedFields.find((x) => x.id === id);
    return f ? (lang === 'vi' ? f.nameVi : f.nameEn) : '';
  };
  const logout = () =>
    actions.run(async () => {
      await api('auth:logout', {}, token).catch(() => undefined);
      hub.signOut();
    });
  const staffName = snapshot?.me.kind === 'staff' ? snapshot.me.staff.fullName : '';
  const shownError = error ?? hub.error;

  if (!desk) {
    return (
      <div className="console">
        <header className="console-head">
          <h1>{t.chooseCounter}</h1>
          <span>{staffName}</span>
          <LangToggle lang={lang} setLang={setLang} />
          <button type="button" onClick={() => void logout()}>
            {t.signOut}
          </button>
        </header>
        <ErrorNote text={shownError} />
        <CounterPick
          lang={lang}
          center={center}
          busy={actions.busy}
          fieldName={fieldName}
          onOpen={(counterId) => void actions.run(() => api('counter:open', { counterId }, token), setDesk)}
        />
      </div>
    );
  }

  const paused = desk.counter.state === 'paused';
  return (
    <div className="console at-desk">
      <header className="console-head">
        <h1 data-testid="desk-title">{lang === 'vi' ? desk.counter.nameVi : desk.counter.nameEn}</h1>
        <span>{staffName}</span>
        <span className={`state state-${desk.counter.state}`} data-testid="desk-state">
          {paused ? t.paused : t.working}
          {paused && desk.counter.pauseReason ? ` · ${pauseReasonText[desk.counter.pauseReason][lang]}` : ''}
        </span>
        <LangToggle lang={lang} setLang={setLang} />
        <button
          type="button"
          disabled={actions.busy || desk.current !== null}
          onClick={() =>
            void actions.run(
              () => api('counter:close', {}, token),
              () => setDesk(null),
            )
          }
        >
          {t.leaveCounter}
        </button>
        <button type="button" onClick={() => void logout()}>
          {t.signOut}
        </button>
      </header>
      <ConnectionBanner state={hub.live} lang={lang} />
      <ErrorNote text={shownError} />
      {notice && (
        <p className="notice" role="status" data-testid="desk-notice">
          {notice}
        </p>
      )}
      <DeskView
        lang={lang}
        token={token}
        center={center}
        desk={desk}
        actions={actions}
        fieldName={fieldName}
        shortcuts={!pausing}
        tools={
          <DeskTools lang={lang} token={token} center={center} desk={desk} actions={actions} fieldName={fieldName} onMessage={setNotice} />
        }
      />
      {pausing && (
        <PauseDialog
          lang={lang}
          onCancel={() => setPausing(false)}
          onPause={(reason) => {
            setPausing(false);
            void actions.pause(reason);
          }}
        />
      )}
    </div>
  );
}
