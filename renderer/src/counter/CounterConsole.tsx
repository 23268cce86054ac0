// The officer's console: sign in, pick the counter, call and serve, live.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CenterInfo, CounterDesk, Me, Ticket } from '../../../main/contract/index.ts';
import { api, errorCodeOf, errorText, tokens, type Lang } from '../api.ts';
import { useCoalesced, useLive } from '../live.ts';
import { SignIn } from '../common/SignIn.tsx';
import { ConnectionBanner, ErrorNote, formatDuration, LangToggle, tr, useLang, useNow } from '../common/ui.tsx';

type Action = 'call-next' | 'recall' | 'start' | 'finish' | 'no-show' | 'pause' | 'resume';

const shortcuts: Record<string, Action | 'transfer'> = {
  n: 'call-next',
  r: 'recall',
  b: 'start',
  h: 'finish',
  v: 'no-show',
  c: 'transfer',
  p: 'pause',
};

export function CounterConsole() {
  const [token, setToken] = useState(() => tokens.get('counter'));
  const [lang, setLang] = useLang('counter');
  const [me, setMe] = useState<Me | null>(null);
  const [center, setCenter] = useState<CenterInfo | null>(null);
  const [desk, setDesk] = useState<CounterDesk | null>(null);
  const [head, setHead] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const busyRef = useRef(false);
  const now = useNow(1000);

  const signedOut = useCallback((err: unknown) => {
    if (errorCodeOf(err) === 'UNAUTHENTICATED' || errorCodeOf(err) === 'PASSWORD_CHANGE_REQUIRED') {
      tokens.set('counter', null);
      setToken(null);
      setMe(null);
      setDesk(null);
      return true;
    }
    return false;
  }, []);

  const load = useCallback(async () => {
    if (!token) return;
    try {
      const [m, c, f] = await Promise.all([api('auth:me', {}, token), api('center:get', {}, token), api('floor:get', {}, token)]);
      setMe(m);
      setCenter(c);
      if (m.kind === 'staff' && m.counterId !== null) {
        setDesk(await api('counter:get', {}, token));
      } else setDesk(null);
      setHead((h) => h ?? f.head);
      setError(null);
    } catch (err) {
      if (!signedOut(err)) setError(errorText(err, lang));
    }
  }, [token, lang, signedOut]);

  useEffect(() => {
    void load();
  }, [load]);
  const refresh = useCoalesced(() => void load(), 100);
  const counterId = desk?.counter.id ?? null;
  const live = useLive({
    token,
    since: head,
    onEvents: refresh,
    onReset: refresh,
    topics: counterId === null ? [{ kind: 'hall' }] : [{ kind: 'counter', counterId }],
  });
  // After the hub comes back, catch up at once rather than waiting for the next event.
  useEffect(() => {
    if (live === 'online') refresh();
  }, [live, refresh]);

  /** One request at a time: a double click or a held key cannot call twice. */
  const run = useCallback(
    async (fn: () => Promise<unknown>) => {
      if (busyRef.current) return;
      busyRef.current = true;
      setBusy(true);
      setError(null);
      try {
        await fn();
        await load();
      } catch (err) {
        if (!signedOut(err)) setError(errorText(err, lang));
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [load, lang, signedOut],
  );

  const current = desk?.current ?? null;
  const act = useCallback(
    (action: Action) => {
      if (!token) return;
      const id = current?.id;
      switch (action) {
        case 'call-next':
          return run(() => api('counter:call-next', {}, token));
        case 'pause':
          return run(() => api(desk?.counter.state === 'paused' ? 'counter:resume' : 'counter:pause', {}, token));
        case 'resume':
          return run(() => api('counter:resume', {}, token));
        case 'recall':
          return id && run(() => api('ticket:recall', { id }, token));
        case 'start':
          return id && run(() => api('ticket:start', { id }, token));
        case 'finish':
          return id && run(() => api('ticket:finish', { id }, token));
        case 'no-show':
          return id && run(() => api('ticket:no-show', { id }, token));
      }
    },
    [token, current, desk, run],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!desk || transferring || e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
      const action = shortcuts[e.key.toLowerCase()];
      if (!action) return;
      e.preventDefault();
      if (action === 'transfer') {
        if (current) setTransferring(true);
      } else void act(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [desk, current, transferring, act]);

  if (!token) {
    return (
      <div className="console">
        <SignIn
          scope="counter"
          lang={lang}
          title={tr(lang, 'Đăng nhập quầy', 'Counter sign-in')}
          onDone={() => setToken(tokens.get('counter'))}
        />
      </div>
    );
  }

  const fieldName = (id: number) => {
    const f = center?.fields.find((x) => x.id === id);
    return f ? (lang === 'vi' ? f.nameVi : f.nameEn) : `#${id}`;
  };
  const logout = () =>
    run(async () => {
      await api('auth:logout', {}, token).catch(() => undefined);
      tokens.set('counter', null);
      setToken(null);
      setMe(null);
      setDesk(null);
    });

  const staffName = me?.kind === 'staff' ? me.staff.fullName : '';

  if (!desk) {
    return (
      <div className="console">
        <header className="console-head">
          <h1>{tr(lang, 'Chọn quầy làm việc', 'Choose your counter')}</h1>
          <span>{staffName}</span>
          <LangToggle lang={lang} setLang={setLang} />
          <button type="button" onClick={() => void logout()}>
            {tr(lang, 'Đăng xuất', 'Sign out')}
          </button>
        </header>
        <ErrorNote text={error} />
        <div className="counter-pick">
          {center?.counters.map((c) => (
            <button
              key={c.id}
              type="button"
              className="counter-btn"
              data-testid={`counter-${c.number}`}
              disabled={busy}
              onClick={() => void run(() => api('counter:open', { counterId: c.id }, token))}
            >
              <strong>{lang === 'vi' ? c.nameVi : c.nameEn}</strong>
              <span>{c.fields.map((l) => fieldName(l.fieldId)).join(' · ')}</span>
              <span className="muted">{c.state === 'closed' ? tr(lang, 'Đang trống', 'Free') : tr(lang, 'Đang có người', 'In use')}</span>
            </button>
          ))}
        </div>
      </div>
    );
  }

  const paused = desk.counter.state === 'paused';
  const since = current ? (current.servingAt ?? current.calledAt ?? now) : now;
  const btn = (action: Action, vi: string, en: string, key: string, enabled: boolean) => (
    <button
      type="button"
      className={`action action-${action}`}
      data-testid={`action-${action}`}
      disabled={busy || !enabled}
      onClick={() => void act(action)}
    >
      {tr(lang, vi, en)} <kbd>{key}</kbd>
    </button>
  );

  return (
    <div className="console">
      <header className="console-head">
        <h1 data-testid="desk-title">{lang === 'vi' ? desk.counter.nameVi : desk.counter.nameEn}</h1>
        <span>{staffName}</span>
        <span className={`state state-${desk.counter.state}`}>
          {paused ? tr(lang, 'Tạm dừng', 'Paused') : tr(lang, 'Đang làm việc', 'Working')}
        </span>
        <LangToggle lang={lang} setLang={setLang} />
        <button type="button" disabled={busy || current !== null} onClick={() => void run(() => api('counter:close', {}, token))}>
          {tr(lang, 'Rời quầy', 'Leave counter')}
        </button>
        <button type="button" onClick={() => void logout()}>
          {tr(lang, 'Đăng xuất', 'Sign out')}
        </button>
      </header>
      <ConnectionBanner state={live} lang={lang} />
      <ErrorNote text={error} />
      <div className="desk">
        <section className="current card" data-testid="current">
          {current ? (
            <>
              <div className="muted">
                {current.status === 'serving' ? tr(lang, 'Đang phục vụ', 'Serving') : tr(lang, 'Đã gọi', 'Called')}
                {current.callCount > 1 ? tr(lang, ` (gọi ${current.callCount} lần)`, ` (called ${current.callCount}×)`) : ''}
              </div>
              <div className="current-number" data-testid="current-number">
                {current.number}
              </div>
              <div>
                {fieldName(current.fieldId)}
                {current.priority ? ` · ${tr(lang, 'Ưu tiên', 'Priority')}` : ''}
              </div>
              <div className="timer" data-testid="timer">
                {formatDuration(now - since)}
              </div>
            </>
          ) : (
            <div className="muted idle">{tr(lang, 'Chưa gọi số nào', 'No ticket called')}</div>
          )}
          <div className="actions">
            {btn('call-next', 'Gọi số tiếp', 'Call next', 'N', !current && !paused)}
            {btn('recall', 'Gọi lại', 'Recall', 'R', current?.status === 'called')}
            {btn('start', 'Bắt đầu', 'Start', 'B', current?.status === 'called')}
            {btn('finish', 'Hoàn thành', 'Finish', 'H', current !== null)}
            {btn('no-show', 'Vắng mặt', 'No-show', 'V', current?.status === 'called')}
            <button
              type="button"
              className="action"
              data-testid="action-transfer"
              disabled={busy || !current}
              onClick={() => setTransferring(true)}
            >
              {tr(lang, 'Chuyển', 'Transfer')} <kbd>C</kbd>
            </button>
            {btn('pause', paused ? 'Tiếp tục' : 'Tạm dừng', paused ? 'Resume' : 'Pause', 'P', true)}
          </div>
        </section>
        <section className="card">
          <h2>{tr(lang, 'Đang chờ theo lĩnh vực', 'Waiting by field')}</h2>
          <table className="grid">
            <tbody>
              {desk.fields.map((f) => (
                <tr key={f.fieldId}>
                  <td>{fieldName(f.fieldId)}</td>
                  <td className="num" data-testid={`waiting-${f.fieldId}`}>
                    {f.waiting}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <TicketList
          title={tr(lang, 'Danh sách chờ', 'Waiting list')}
          testId="waiting-list"
          tickets={desk.waiting}
          now={now}
          lang={lang}
          fieldName={fieldName}
          actionLabel={tr(lang, 'Gọi số này', 'Call this')}
          disabled={busy || current !== null || paused}
          onAction={(t) => void run(() => api('counter:call', { ticketId: t.id }, token))}
        />
        <TicketList
          title={tr(lang, 'Vắng mặt', 'No-shows')}
          testId="no-show-list"
          tickets={desk.noShows}
          now={now}
          lang={lang}
          fieldName={fieldName}
          actionLabel={tr(lang, 'Cho chờ lại', 'Reactivate')}
          disabled={busy}
          onAction={(t) => void run(() => api('ticket:reactivate', { id: t.id }, token))}
        />
      </div>
      {transferring && current && center && (
        <TransferDialog
          lang={lang}
          center={center}
          ticket={current}
          ownCounter={desk.counter.id}
          fieldName={fieldName}
          onCancel={() => setTransferring(false)}
          onTransfer={(target) => {
            setTransferring(false);
            void run(() => api('ticket:transfer', { id: current.id, ...target }, token));
          }}
        />
      )}
    </div>
  );
}

function TicketList(props: {
  title: string;
  testId: string;
  tickets: Ticket[];
  now: number;
  lang: Lang;
  fieldName: (id: number) => string;
  actionLabel: string;
  disabled: boolean;
  onAction: (t: Ticket) => void;
}) {
  return (
    <section className="card list" data-testid={props.testId}>
      <h2>
        {props.title} ({props.tickets.length})
      </h2>
      {props.tickets.length === 0 ? (
        <p className="muted">{tr(props.lang, 'Không có', 'None')}</p>
      ) : (
        <table className="grid">
          <tbody>
            {props.tickets.slice(0, 50).map((t) => (
              <tr key={t.id} data-number={t.number}>
                <td className="num strong">{t.number}</td>
                <td>
                  {props.fieldName(t.fieldId)}
                  {t.priority ? ` · ${tr(props.lang, 'Ưu tiên', 'Priority')}` : ''}
                </td>
                <td className="num muted">{formatDuration(props.now - t.issuedAt)}</td>
                <td>
                  <button type="button" disabled={props.disabled} onClick={() => props.onAction(t)}>
                    {props.actionLabel}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TransferDialog(props: {
  lang: Lang;
  center: CenterInfo;
  ticket: Ticket;
  ownCounter: number;
  fieldName: (id: number) => string;
  onCancel: () => void;
  onTransfer: (target: { fieldId?: number; counterId?: number }) => void;
}) {
  const { lang } = props;
  return (
    <div className="dialog-backdrop" role="dialog" aria-modal="true" data-testid="transfer-dialog">
      <div className="dialog card">
        <h2>{tr(lang, `Chuyển số ${props.ticket.number}`, `Transfer ticket ${props.ticket.number}`)}</h2>
        <h3>{tr(lang, 'Sang lĩnh vực', 'To a field')}</h3>
        <div className="choice">
          {props.center.fields
            .filter((f) => f.id !== props.ticket.fieldId)
            .map((f) => (
              <button key={f.id} type="button" data-testid={`transfer-field-${f.code}`} onClick={() => props.onTransfer({ fieldId: f.id })}>
                {props.fieldName(f.id)}
              </button>
            ))}
        </div>
        <h3>{tr(lang, 'Sang quầy', 'To a counter')}</h3>
        <div className="choice">
          {props.center.counters
            .filter((c) => c.id !== props.ownCounter)
            .map((c) => (
              <button
                key={c.id}
                type="button"
                data-testid={`transfer-counter-${c.number}`}
                onClick={() => props.onTransfer({ counterId: c.id })}
              >
                {lang === 'vi' ? c.nameVi : c.nameEn}
              </button>
            ))}
        </div>
        <button type="button" onClick={props.onCancel}>
          {tr(lang, 'Huỷ', 'Cancel')}
        </button>
      </div>
    </div>
  );
}
