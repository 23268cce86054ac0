// The citizen's touch kiosk: pick a field (optionally as a priority citizen), get a number.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CenterInfo, Field, Floor, IssuedTicket, TicketWithWait } from '../../../main/contract/index.ts';
import { WedgeReader } from './wedge.ts';
import { api, ApiError, errorCodeOf, errorText, pairFromLocation, tokens } from '../api.ts';
import { bridge } from '../bridge.ts';
import { useCoalesced, useLive } from '../live.ts';
import { Pairing } from '../common/SignIn.tsx';
import { ConnectionBanner, formatClock, formatDate, tr, useLang, useNow } from '../common/ui.tsx';

type PrintState =
  | { kind: 'printing'; jobId: number }
  /** `confirmed` false: sent through the OS spooler, which cannot say it printed. */
  | { kind: 'printed'; confirmed: boolean }
  | { kind: 'failed'; reason: string; jobId: number }
  | { kind: 'no-printer' };

const PRINT_WAIT_MS = 20_000;

type Screen =
  | { kind: 'home' }
  | { kind: 'issuing'; field: Field }
  | { kind: 'ticket'; issued: TicketWithWait; field: Field; print: PrintState }
  | { kind: 'refused'; message: string }
  /** A chip ID card was scanned: the citizen picks a field; priority offered from the card's age. */
  | { kind: 'scanned-card'; text: string; offerPriority: boolean; remaining: number | null }
  | { kind: 'status'; status: TicketWithWait; lastPrintJobId: number | null };

const faultText: Record<string, [string, string]> = {
  paper_out: ['hết giấy', 'out of paper'],
  cover_open: ['nắp máy in đang mở', 'the cover is open'],
  offline: ['máy in không phản hồi', 'the printer is offline'],
  timeout: ['máy in không phản hồi', 'the printer does not answer'],
  error: ['máy in báo lỗi', 'the printer reports an error'],
  not_configured: ['chưa cài đặt máy in', 'no printer is set up'],
  disconnected: ['mất kết nối với máy in', 'the printer connection dropped'],
  interrupted: ['việc in bị gián đoạn', 'printing was interrupted'],
  unconfirmed: ['không xác nhận được việc in', 'printing could not be confirmed'],
};

export function Kiosk() {
  const [token, setToken] = useState(() => tokens.get('kiosk'));
  const [lang, setLang] = useLang('kiosk');
  const [contrast, setContrast] = useState(false);
  const [priority, setPriority] = useState(false);
  const [center, setCenter] = useState<CenterInfo | null>(null);
  const [floor, setFloor] = useState<Floor | null>(null);
  const [screen, setScreen] = useState<Screen>({ kind: 'home' });
  const [loadError, setLoadError] = useState<string | null>(null);
  const lastTouch = useRef(Date.now());
  const now = useNow(1000);

  useEffect(() => {
    // Inside the kiosk app, the app holds the device identity (its printer agent is the same device).
    const app = bridge();
    if (app) {
      void app
        .appConfig()
        .then((c) => {
          if (c.deviceToken) {
            tokens.set('kiosk', c.deviceToken);
            setToken(c.deviceToken);
          }
        })
        .catch(() => undefined);
      return;
    }
    pairFromLocation('kiosk')
      .then((paired) => paired && setToken(tokens.get('kiosk')))
      .catch(() => undefined);
  }, []);

  // Staff leave the locked kiosk window by holding the clock for 3 s and typing the admin PIN.
  const [adminOpen, setAdminOpen] = useState(false);
  const holdTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const holdStart = () => {
    if (bridge()) holdTimer.current = setTimeout(() => setAdminOpen(true), 3000);
  };
  const holdEnd = () => {
    if (holdTimer.current) clearTimeout(holdTimer.current);
    holdTimer.current = null;
  };

  const unpaired = useCallback((err: unknown) => {
    if (errorCodeOf(err) === 'UNAUTHENTICATED') {
      tokens.set('kiosk', null);
      setToken(null);
      return true;
    }
    return false;
  }, []);

  const load = useCallback(async () => {
    if (!token) return;
    try {
      const [c, f] = await Promise.all([api('center:get', {}, token), api('floor:get', {}, token)]);
      setCenter(c);
      setFloor(f);
      setLoadError(null);
    } catch (err) {
      if (!unpaired(err)) setLoadError(errorText(err, lang));
    }
  }, [token, lang, unpaired]);

  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), 60_000); // opening hours and fields change rarely
    return () => clearInterval(t);
  }, [load]);

  const refresh = useCoalesced(() => void load(), 250);
  const live = useLive({ token, topics: [{ kind: 'hall' }], since: floor?.head ?? null, onEvents: refresh, onReset: refresh });

  // Back to a fresh home screen when nobody has touched the kiosk for a while.
  const idleMs = (center?.kioskIdleSeconds ?? 30) * 1000;
  useEffect(() => {
    if (now - lastTouch.current < idleMs) return;
    if (screen.kind !== 'home' || priority || lang !== 'vi' || contrast) {
      setScreen({ kind: 'home' });
      setPriority(false);
      setLang('vi');
      setContrast(false);
    }
  }, [now, idleMs, screen.kind, priority, lang, contrast, setLang]);

  const touch = () => {
    lastTouch.current = Date.now();
  };

  /** Shows an issued ticket and follows its print job. */
  const showIssued = (issued: IssuedTicket) => {
    const field = center?.fields.find((f) => f.id === issued.ticket.fieldId);
    if (!field) return;
    setScreen({
      kind: 'ticket',
      issued,
      field,
      print: issued.printJobId === null ? { kind: 'no-printer' } : { kind: 'printing', jobId: issued.printJobId },
    });
    setPriority(false);
    if (issued.printJobId !== null) void follow(issued.ticket.id, issued.printJobId);
    void load();
  };

  /** Whatever a scanner read: a chip ID card, a dossier receipt, an appointment, one of our tickets. */
  const onScan = async (text: string) => {
    if (!token) return;
    touch();
    try {
      const r = await api('scan:read', { text }, token);
      if (r.kind === 'cccd') {
        if (r.remainingToday === 0) setScreen({ kind: 'refused', message: errorText(new ApiError(409, 'PERSON_DAILY_LIMIT', ''), lang) });
        else {
          setPriority(r.offerPriority);
          setScreen({ kind: 'scanned-card', text, offerPriority: r.offerPriority, remaining: r.remainingToday });
        }
      } else if (r.kind === 'ticket') setScreen({ kind: 'status', status: r.status, lastPrintJobId: r.lastPrintJobId });
      else showIssued(await api('scan:issue', { text, lang }, token));
    } catch (err) {
      if (!unpaired(err)) setScreen({ kind: 'refused', message: errorText(err, lang) });
    }
  };
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;
  useEffect(() => {
    const wedge = new WedgeReader();
    const onKey = (e: KeyboardEvent) => {
      const code = wedge.key(e.key, e.timeStamp);
      if (code) void onScanRef.current(code);
    };
    window.addEventListener('keydown', onKey);
    const off = bridge()?.onCodeScanned(({ text }) => void onScanRef.current(text)); // HID or serial scanner in the kiosk app
    return () => {
      window.removeEventListener('keydown', onKey);
      off?.();
    };
  }, []);

  const take = async (field: Field) => {
    if (!token) return;
    if (screen.kind === 'scanned-card') {
      const text = screen.text;
      setScreen({ kind: 'issuing', field });
      try {
        showIssued(await api('scan:issue', { text, fieldId: field.id, priority, lang }, token));
      } catch (err) {
        if (!unpaired(err)) setScreen({ kind: 'refused', message: errorText(err, lang) });
      }
      return;
    }
    if (screen.kind !== 'home') return; // a second tap while issuing does nothing
    setScreen({ kind: 'issuing', field });
    try {
      const issued = await api('ticket:issue', { fieldId: field.id, priority, source: 'kiosk', lang }, token);
      setScreen({
        kind: 'ticket',
        issued,
        field,
        print: issued.printJobId === null ? { kind: 'no-printer' } : { kind: 'printing', jobId: issued.printJobId },
      });
      setPriority(false);
      if (issued.printJobId !== null) void follow(issued.ticket.id, issued.printJobId);
      void load();
    } catch (err) {
      if (unpaired(err)) return;
      setScreen({ kind: 'refused', message: errorText(err, lang) });
    }
  };

  /** Follows a print job on the hub until the printer has answered. The number stays on screen. */
  const follow = async (ticketId: number, jobId: number) => {
    const deadline = Date.now() + PRINT_WAIT_MS;
    let print: PrintState = { kind: 'failed', reason: 'unconfirmed', jobId };
    while (Date.now() < deadline && token) {
      try {
        const job = await api('print:get', { id: jobId, waitMs: Math.min(8000, deadline - Date.now()) }, token);
        if (job.status === 'printed') {
          print = { kind: 'printed', confirmed: job.confirmed };
          break;
        }
        if (job.status === 'failed') {
          print = { kind: 'failed', reason: job.errorCode ?? 'error', jobId };
          break;
        }
      } catch {
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    setScreen((s) => (s.kind === 'ticket' && s.issued.ticket.id === ticketId ? { ...s, print } : s));
  };

  const reprint = async (ticketId: number, jobId: number) => {
    if (!token) return;
    touch();
    try {
      const job = await api('print:reprint', { id: jobId }, token);
      setScreen((s) => (s.kind === 'ticket' && s.issued.ticket.id === ticketId ? { ...s, print: { kind: 'printing', jobId: job.id } } : s));
      await follow(ticketId, job.id);
    } catch (err) {
      setScreen((s) =>
        s.kind === 'ticket' && s.issued.ticket.id === ticketId
          ? { ...s, print: { kind: 'failed', reason: errorCodeOf(err) === 'CONFLICT' ? 'error' : 'offline', jobId } }
          : s,
      );
    }
  };

  if (!token) {
    return (
      <div className="kiosk">
        <Pairing scope="kiosk" lang={lang} kindName={tr(lang, 'kiosk', 'kiosk')} onDone={() => setToken(tokens.get('kiosk'))} />
      </div>
    );
  }

  const name = (f: Field) => (lang === 'vi' ? f.nameVi : f.nameEn);
  const waitingOf = (fieldId: number) => floor?.fields.find((x) => x.fieldId === fieldId);
  const tz = center?.timezone ?? 'Asia/Ho_Chi_Minh';

  return (
    <div className={`kiosk${contrast ? ' contrast' : ''}`} onPointerDown={touch} onContextMenu={(e) => e.preventDefault()}>
      <header className="kiosk-head">
        <div>
          <div className="center-name">{center ? (lang === 'vi' ? center.centerName : center.centerNameEn) : 'motcua'}</div>
          <div className="muted">{formatDate(now, tz, lang)}</div>
        </div>
        <div className="clock" onPointerDown={holdStart} onPointerUp={holdEnd} onPointerLeave={holdEnd}>
          {formatClock(now, tz)}
        </div>
      </header>
      <ConnectionBanner state={live} lang={lang} />
      {adminOpen && <AdminPin lang={lang} onClose={() => setAdminOpen(false)} />}

      {screen.kind === 'home' || screen.kind === 'issuing' || screen.kind === 'scanned-card' ? (
        <main className="kiosk-home">
          <h1>{tr(lang, 'Mời chọn lĩnh vực cần giải quyết', 'Please choose a service')}</h1>
          {screen.kind === 'scanned-card' && (
            <p className="notice" data-testid="scanned-card">
              {tr(lang, 'Đã đọc thẻ căn cước.', 'ID card read.')}
              {screen.offerPriority
                ? tr(
                    lang,
                    ' Công dân cao tuổi được ưu tiên: đã chọn hàng ưu tiên cho bạn.',
                    ' As an elderly citizen you are offered the priority queue.',
                  )
                : ''}
            </p>
          )}
          {loadError && <p className="error">{loadError}</p>}
          {center && !center.openNow && (
            <p className="notice" data-testid="closed">
              {tr(
                lang,
                'Ngoài giờ làm việc. Xin mời quay lại trong giờ tiếp nhận hồ sơ.',
                'We are closed now. Please come back during opening hours.',
              )}
            </p>
          )}
          <div className="fields">
            {center?.fields.map((f) => {
              const load = waitingOf(f.id);
              return (
                <button
                  key={f.id}
                  type="button"
                  className={`field-btn${priority ? ' priority' : ''}`}
                  data-testid={`field-${f.code}`}
                  disabled={!center.openNow || screen.kind === 'issuing'}
                  onClick={() => void take(f)}
                >
                  <span className="field-name">{name(f)}</span>
                  <span className="field-meta">
                    {tr(lang, `Đang chờ: ${load?.waiting ?? 0}`, `Waiting: ${load?.waiting ?? 0}`)}
                    {load && load.waiting > 0
                      ? tr(lang, ` · khoảng ${load.estimatedWaitMin} phút`, ` · about ${load.estimatedWaitMin} min`)
                      : ''}
                  </span>
                </button>
              );
            })}
          </div>
          <div className="kiosk-tools">
            <button
              type="button"
              className={`toggle priority-toggle${priority ? ' on' : ''}`}
              aria-pressed={priority}
              data-testid="priority"
              onClick={() => setPriority(!priority)}
            >
              <strong>{tr(lang, 'Đối tượng ưu tiên', 'Priority citizen')}</strong>
              <span>
                {tr(
                  lang,
                  'Người cao tuổi, người khuyết tật, phụ nữ mang thai, người có công…',
                  'Elderly, disabled, pregnant, people with meritorious service…',
                )}
              </span>
            </button>
            <button type="button" className="toggle" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
              {lang === 'vi' ? 'English' : 'Tiếng Việt'}
            </button>
            <button
              type="button"
              className={`toggle${contrast ? ' on' : ''}`}
              aria-pressed={contrast}
              onClick={() => setContrast(!contrast)}
            >
              {tr(lang, 'Tương phản cao', 'High contrast')}
            </button>
          </div>
        </main>
      ) : screen.kind === 'ticket' ? (
        <main className="kiosk-ticket" data-testid="ticket">
          <div className="ticket-label">{tr(lang, 'SỐ THỨ TỰ CỦA BẠN', 'YOUR NUMBER')}</div>
          <div className="ticket-number" data-testid="ticket-number">
            {screen.issued.ticket.number}
          </div>
          <div className="ticket-field">{name(screen.field)}</div>
          {screen.issued.ticket.priority && <div className="badge priority-badge">{tr(lang, 'Ưu tiên', 'Priority')}</div>}
          <div className="ticket-wait">
            <div>
              {screen.issued.peopleAhead === 0
                ? tr(lang, 'Không có ai chờ trước bạn', 'Nobody is ahead of you')
                : tr(lang, `Có ${screen.issued.peopleAhead} người đang chờ trước bạn`, `${screen.issued.peopleAhead} people ahead of you`)}
            </div>
            {screen.issued.peopleAhead > 0 && (
              <div>
                {tr(
                  lang,
                  `Thời gian chờ dự kiến: khoảng ${screen.issued.estimatedWaitMin} phút`,
                  `Estimated wait: about ${screen.issued.estimatedWaitMin} min`,
                )}
              </div>
            )}
          </div>
          <PrintStatus print={screen.print} lang={lang} number={screen.issued.ticket.number} />
          {screen.print.kind === 'failed' && (
            <button
              type="button"
              className="toggle"
              data-testid="reprint"
              onClick={() => {
                const p = screen.print;
                if (p.kind === 'failed') void reprint(screen.issued.ticket.id, p.jobId);
              }}
            >
              {tr(lang, 'In lại phiếu', 'Print again')}
            </button>
          )}
          <button type="button" className="primary big" onClick={() => setScreen({ kind: 'home' })}>
            {tr(lang, 'Xong', 'Done')}
          </button>
        </main>
      ) : screen.kind === 'status' ? (
        <main className="kiosk-ticket" data-testid="ticket-status">
          <div className="ticket-label">{tr(lang, 'TÌNH TRẠNG SỐ THỨ TỰ', 'TICKET STATUS')}</div>
          <div className="ticket-number">{screen.status.ticket.number}</div>
          <div className="ticket-wait">
            {screen.status.ticket.status === 'waiting'
              ? screen.status.peopleAhead === 0
                ? tr(lang, 'Bạn là người tiếp theo.', 'You are next.')
                : tr(
                    lang,
                    `Còn ${screen.status.peopleAhead} người trước bạn · khoảng ${screen.status.estimatedWaitMin} phút`,
                    `${screen.status.peopleAhead} people ahead · about ${screen.status.estimatedWaitMin} min`,
                  )
              : screen.status.ticket.status === 'called' || screen.status.ticket.status === 'serving'
                ? tr(
                    lang,
                    `Mời đến quầy số ${screen.status.ticket.counterNumber ?? ''}`,
                    `Please go to counter ${screen.status.ticket.counterNumber ?? ''}`,
                  )
                : tr(lang, 'Số này đã được phục vụ hoặc không còn hiệu lực.', 'This ticket has been served or is no longer valid.')}
          </div>
          {screen.lastPrintJobId !== null && screen.status.ticket.status === 'waiting' && (
            <button
              type="button"
              className="toggle"
              onClick={() => {
                const id = screen.lastPrintJobId!;
                const field = center?.fields.find((f) => f.id === screen.status.ticket.fieldId);
                if (field) {
                  setScreen({ kind: 'ticket', issued: screen.status, field, print: { kind: 'printing', jobId: id } });
                  void reprint(screen.status.ticket.id, id);
                }
              }}
            >
              {tr(lang, 'In lại phiếu', 'Print again')}
            </button>
          )}
          <button type="button" className="primary big" onClick={() => setScreen({ kind: 'home' })}>
            {tr(lang, 'Xong', 'Done')}
          </button>
        </main>
      ) : (
        <main className="kiosk-ticket" data-testid="refused">
          <p className="notice big-notice">{screen.message}</p>
          <button type="button" className="primary big" onClick={() => setScreen({ kind: 'home' })}>
            {tr(lang, 'Quay lại', 'Back')}
          </button>
        </main>
      )}
    </div>
  );
}

function AdminPin({ lang, onClose }: { lang: 'vi' | 'en'; onClose: () => void }) {
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [devices, setDevices] = useState<string | null>(null);
  useEffect(() => {
    const app = bridge();
    if (!app) return;
    void Promise.all([app.printerStatus(), app.scannerStatus()])
      .then(([p, s]) =>
        setDevices(
          `${tr(lang, 'Máy in', 'Printer')}: ${p.ok ? tr(lang, 'sẵn sàng', 'ready') : (faultText[p.fault ?? 'error'] ?? faultText.error!)[lang === 'vi' ? 0 : 1]} · ` +
            `${tr(lang, 'Máy quét', 'Scanner')}: ${{ connected: tr(lang, 'đã kết nối', 'connected'), searching: tr(lang, 'đang tìm (chưa cắm?)', 'searching (unplugged?)'), stopped: tr(lang, 'dừng', 'stopped'), not_configured: tr(lang, 'chưa cài đặt', 'not set up') }[s.status]}${s.source ? ` (${s.source})` : ''}`,
        ),
      )
      .catch(() => undefined);
  }, [lang]);
  const submit = async () => {
    const app = bridge();
    if (!app) return;
    const { ok } = await app.exitKiosk({ pin }).catch(() => ({ ok: false }));
    setPin('');
    setMessage(ok ? tr(lang, 'Đã thoát chế độ kiosk.', 'Kiosk mode left.') : tr(lang, 'Mã PIN không đúng.', 'Wrong PIN.'));
  };
  return (
    <div className="dialog-backdrop" role="dialog" aria-modal="true">
      <div className="dialog card pin-pad">
        <h2>{tr(lang, 'Quản trị kiosk', 'Kiosk admin')}</h2>
        {devices && (
          <p className="muted" data-testid="device-status">
            {devices}
          </p>
        )}
        <div className="pin-dots">{'•'.repeat(pin.length) || ' '}</div>
        <div className="pin-keys">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9', '', '0', '⌫'].map((k) => (
            <button
              key={k || 'blank'}
              type="button"
              disabled={!k}
              onClick={() => setPin(k === '⌫' ? pin.slice(0, -1) : (pin + k).slice(0, 12))}
            >
              {k}
            </button>
          ))}
        </div>
        {message && <p>{message}</p>}
        <div className="row">
          <button type="button" className="primary" disabled={pin.length < 4} onClick={() => void submit()}>
            {tr(lang, 'Thoát chế độ kiosk', 'Leave kiosk mode')}
          </button>
          <button type="button" onClick={onClose}>
            {tr(lang, 'Đóng', 'Close')}
          </button>
        </div>
      </div>
    </div>
  );
}

function PrintStatus({ print, lang, number }: { print: PrintState; lang: 'vi' | 'en'; number: number }) {
  switch (print.kind) {
    case 'printing':
      return (
        <p className="print-status" data-testid="print-status">
          {tr(lang, 'Đang in phiếu…', 'Printing your ticket…')}
        </p>
      );
    case 'printed':
      // Through a spooler, only the sending is known: say what is known, not more.
      return print.confirmed ? (
        <p className="print-status ok" data-testid="print-status">
          {tr(lang, 'Mời nhận phiếu bên dưới.', 'Please take your ticket below.')}
        </p>
      ) : (
        <p className="print-status ok" data-testid="print-status">
          {tr(
            lang,
            `Phiếu đã được gửi tới máy in. Nếu không thấy phiếu, vui lòng ghi nhớ số ${number}.`,
            `The ticket was sent to the printer. If none comes out, please remember your number ${number}.`,
          )}
        </p>
      );
    case 'failed': {
      const [vi, en] = faultText[print.reason] ?? faultText.error!;
      return (
        <p className="print-status fault" data-testid="print-status">
          {tr(
            lang,
            `Không in được phiếu (${vi}). Vui lòng ghi nhớ số thứ tự ${number} của bạn.`,
            `The ticket could not be printed (${en}). Please remember your number ${number}.`,
          )}
        </p>
      );
    }
    case 'no-printer':
      return (
        <p className="print-status" data-testid="print-status">
          {tr(lang, `Vui lòng ghi nhớ số thứ tự ${number} của bạn.`, `Please remember your number ${number}.`)}
        </p>
      );
  }
}
