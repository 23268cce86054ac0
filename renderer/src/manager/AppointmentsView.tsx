// Appointments: staff book a field, a day and a time window (priority or not), give the citizen the
// code as a QR (shown, or printed as a slip), and follow the day's list as citizens check in by
// scanning it at the kiosk.
import { useCallback, useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { AppointmentInput as AppointmentSchema, type Appointment, type AppointmentInput } from '../../../main/contract/index.ts';
import { api, errorText } from '../api.ts';
import { texts } from '../common/text.ts';
import { ErrorNote, formatClock } from '../common/ui.tsx';
import { dayIn } from '../common/format.ts';
import { DateInput, TimeInput } from '../common/DateInput.tsx';
import { useCoalesced } from '../live.ts';
import { Problem, useChecked } from './forms.tsx';
import type { ManagerContext } from './Manager.tsx';
import { appointmentText } from './appointmentText.ts';

export function AppointmentsView({ token, lang, center, head }: ManagerContext & { head: number | null }) {
  const t = texts(appointmentText, lang);
  const tz = center?.timezone ?? 'Asia/Ho_Chi_Minh';
  const [day, setDay] = useState(() => dayIn(tz));
  const [list, setList] = useState<Appointment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<AppointmentInput>(() => ({
    fieldId: center?.fields[0]?.id ?? 0,
    day: dayIn(tz),
    from: '14:00',
    to: '15:00',
    priority: false,
  }));
  const [shown, setShown] = useState<(Appointment & { qr: string }) | null>(null);

  const load = useCallback(async () => setList(await api('appointments:list', { day }, token)), [day, token]);
  useEffect(() => {
    void load().catch((err: unknown) => setError(errorText(err, lang)));
  }, [load, lang]);
  // A check-in at the kiosk is a new ticket: the list follows the journal's head, at most once a second.
  const refresh = useCoalesced(() => void load().catch(() => undefined), 1000);
  useEffect(() => {
    if (head !== null) refresh();
  }, [head, refresh]);

  const show = async (a: Appointment) => setShown({ ...a, qr: await QRCode.toDataURL(a.code, { margin: 1, scale: 6 }) });
  const form = useChecked<AppointmentInput>(lang, async (fn) => {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err, lang));
    }
  });
  const book = () =>
    form.submit(AppointmentSchema, draft, async (data) => {
      const made = await api('appointments:book', data, token);
      await show(made);
      if (made.serviceDay === day) await load();
    });
  const fieldName = (id: number) => {
    const f = center?.fields.find((x) => x.id === id);
    return f ? (lang === 'vi' ? f.nameVi : f.nameEn) : '—';
  };
  const status = (a: Appointment) =>
    a.status === 'checked-in'
      ? t.checkedIn(a.ticketNumber ?? 0, formatClock(a.checkedInAt ?? a.startsAt, tz))
      : a.status === 'missed'
        ? t.missed
        : t.booked;

  return (
    <div className="config appointments">
      <form
        className="card edit"
        data-testid="appointment-form"
        onSubmit={(e) => {
          e.preventDefault();
          void book();
        }}
      >
        <h2>{t.newAppointment}</h2>
        <div className="form-grid">
          <label>
            {t.field}
            <select name="fieldId" value={draft.fieldId} onChange={(e) => setDraft({ ...draft, fieldId: Number(e.target.value) })}>
              {center?.fields.map((f) => (
                <option key={f.id} value={f.id}>
                  {lang === 'vi' ? f.nameVi : f.nameEn}
                </option>
              ))}
            </select>
            <Problem errors={form.errors} name="fieldId" />
          </label>
          <label>
            {t.day}
            <DateInput lang={lang} name="day" value={draft.day} onChange={(day) => setDraft({ ...draft, day })} />
            <Problem errors={form.errors} name="day" />
          </label>
          <label>
            {t.from}
            <TimeInput lang={lang} name="from" value={draft.from} onChange={(from) => setDraft({ ...draft, from })} />
            <Problem errors={form.errors} name="from" />
          </label>
          <label>
            {t.to}
            <TimeInput lang={lang} name="to" value={draft.to} onChange={(to) => setDraft({ ...draft, to })} />
            <Problem errors={form.errors} name="to" />
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.priority} onChange={(e) => setDraft({ ...draft, priority: e.target.checked })} />
            {t.priority}
          </label>
        </div>
        <ErrorNote text={error} />
        <div className="row">
          <button type="submit" className="primary">
            {t.book}
          </button>
        </div>
      </form>
      {shown && (
        <section className="card appointment-slip" data-testid="appointment-slip">
          <h2>{t.slipTitle}</h2>
          <p className="strong">{center?.centerName}</p>
          <p>
            {fieldName(shown.fieldId)}
            {shown.priority ? ` · ${t.priorityShort}` : ''}
          </p>
          <p className="strong">
            {t.window(shown.serviceDay.split('-').reverse().join('/'), formatClock(shown.startsAt, tz), formatClock(shown.endsAt, tz))}
          </p>
          <img src={shown.qr} alt={t.qrAlt} data-testid="appointment-qr" />
          <p className="mono" data-testid="appointment-code">
            {shown.code}
          </p>
          <p className="muted">{t.slipHowTo}</p>
          <div className="row no-print">
            <button type="button" className="primary" onClick={() => window.print()}>
              {t.print}
            </button>
            <button type="button" onClick={() => setShown(null)}>
              {t.close}
            </button>
          </div>
        </section>
      )}
      <section className="card no-print">
        <div className="row">
          <h2>{t.listTitle}</h2>
          <DateInput lang={lang} aria-label={t.day} value={day} onChange={setDay} />
        </div>
        {list.length === 0 ? (
          <p className="muted">{t.none}</p>
        ) : (
          <table className="grid" data-testid="appointment-list">
            <thead>
              <tr>
                <th>{t.time}</th>
                <th>{t.field}</th>
                <th>{t.priorityShort}</th>
                <th>{t.status}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <tr key={a.id} data-appointment={a.id} data-status={a.status}>
                  <td className="num">
                    {formatClock(a.startsAt, tz)}–{formatClock(a.endsAt, tz)}
                  </td>
                  <td>{fieldName(a.fieldId)}</td>
                  <td>{a.priority ? '✓' : ''}</td>
                  <td className={a.status === 'missed' ? 'muted' : a.status === 'checked-in' ? 'ok' : undefined}>{status(a)}</td>
                  <td>
                    {a.status === 'booked' && (
                      <button type="button" className="small" onClick={() => void show(a)}>
                        {t.showCode}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
