// The audit trail from the journal, filtered by period, kind of action, staff member and ticket
// number, newest first, a page at a time.
import { useCallback, useEffect, useState } from 'react';
import { AuditKind, type AuditEntry, type Staff } from '../../../main/contract/index.ts';

interface Filter {
  from: string;
  to: string;
  kind: AuditKind;
  staffId?: number | undefined;
  ticketNumber?: number | undefined;
}
import { api, errorText } from '../api.ts';
import { texts } from '../common/text.ts';
import { ErrorNote } from '../common/ui.tsx';
import { dateTime, dayIn } from '../common/format.ts';
import { DateInput } from '../common/DateInput.tsx';
import { oneOf } from '../common/choice.ts';
import type { ManagerContext } from './Manager.tsx';
import { auditKindNames, auditSentence, auditText } from './auditText.ts';

export function AuditView({ token, lang, center }: ManagerContext) {
  const t = texts(auditText, lang);
  const tz = center?.timezone ?? 'Asia/Ho_Chi_Minh';
  const [filter, setFilter] = useState<Filter>(() => ({ from: dayIn(tz), to: dayIn(tz), kind: 'service' }));
  const [number, setNumber] = useState('');
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [staff, setStaff] = useState<Staff[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (q: Filter & { before?: number }, more: boolean) => {
      setError(null);
      try {
        const page = await api('audit:list', q, token);
        setEntries((before) => (more ? [...before, ...page.entries] : page.entries));
        setNext(page.nextBefore);
      } catch (err) {
        setError(errorText(err, lang));
      }
    },
    [token, lang],
  );
  useEffect(() => {
    void api('staff:list', {}, token).then(setStaff, () => undefined);
  }, [token]);
  useEffect(() => {
    void load(filter, false);
  }, [filter, load]);

  const fieldName = (id: number) => {
    const f = center?.fields.find((x) => x.id === id);
    return f ? (lang === 'vi' ? f.nameVi : f.nameEn) : `#${id}`;
  };
  const when = (ms: number) => dateTime(ms, tz);

  return (
    <div className="config audit">
      <section className="card">
        <h2>{t.title}</h2>
        <p className="muted">{t.explain}</p>
        <form
          className="row filters"
          data-testid="audit-filter"
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(number);
            setFilter({ ...filter, ticketNumber: number && Number.isInteger(n) && n > 0 ? n : undefined });
          }}
        >
          <label>
            {t.from}
            <DateInput lang={lang} name="from" value={filter.from} onChange={(from) => setFilter({ ...filter, from })} />
          </label>
          <label>
            {t.to}
            <DateInput lang={lang} name="to" value={filter.to} onChange={(to) => setFilter({ ...filter, to })} />
          </label>
          <label>
            {t.kind}
            <select
              name="kind"
              value={filter.kind}
              onChange={(e) => setFilter({ ...filter, kind: oneOf(AuditKind.options, e.target.value) ?? filter.kind })}
            >
              {AuditKind.options.map((k) => (
                <option key={k} value={k}>
                  {auditKindNames[k][lang]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.officer}
            <select
              name="staffId"
              value={filter.staffId ?? ''}
              onChange={(e) => setFilter({ ...filter, staffId: e.target.value ? Number(e.target.value) : undefined })}
            >
              <option value="">{t.everyone}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.fullName}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.ticketNumber}
            <input
              name="ticketNumber"
              className="short"
              inputMode="numeric"
              value={number}
              onChange={(e) => setNumber(e.target.value.replace(/\D/g, '').slice(0, 5))}
            />
          </label>
          <button type="submit">{t.show}</button>
        </form>
        <ErrorNote text={error} />
        {entries.length === 0 ? (
          <p className="muted">{t.none}</p>
        ) : (
          <table className="grid" data-testid="audit-list">
            <thead>
              <tr>
                <th>{t.time}</th>
                <th>{t.who}</th>
                <th>{t.where}</th>
                <th>{t.what}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.event.seq} data-type={entry.event.type}>
                  <td className="num nowrap">{when(entry.event.at)}</td>
                  <td>{entry.staffName ?? (entry.event.type === 'ticket:issued' ? t.kiosk : t.system)}</td>
                  <td>{entry.counterName ? entry.counterName[lang] : '—'}</td>
                  <td>{auditSentence(entry, lang, fieldName)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {next !== null && (
          <button type="button" onClick={() => void load({ ...filter, before: next }, true)}>
            {t.more}
          </button>
        )}
      </section>
    </div>
  );
}
