// Configuration of fields, counters and staff: a list and one edit form each.
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import {
  CounterInput as CounterSchema,
  FieldInput as FieldSchema,
  StaffInput as StaffSchema,
  type Counter,
  type CounterInput,
  type Field,
  type FieldInput,
  type Staff,
  type StaffInput,
} from '../../../main/contract/index.ts';
import { api, errorText } from '../api.ts';
import { num, Problem, shown, useChecked, useConfirm } from './forms.tsx';
import { ErrorNote } from '../common/ui.tsx';
import { oneOf } from '../common/choice.ts';
import type { ManagerContext } from './Manager.tsx';
import { managerText } from './managerText.ts';

function useList<T>(fetch: () => Promise<T[]>): [T[], () => Promise<void>] {
  const [items, setItems] = useState<T[]>([]);
  const reload = useCallback(async () => setItems(await fetch()), [fetch]);
  useEffect(() => {
    void reload().catch(() => undefined);
  }, [reload]);
  return [items, reload];
}

function Form({
  title,
  onSubmit,
  error,
  busy,
  onCancel,
  lang,
  children,
}: {
  title: string;
  onSubmit: () => Promise<void>;
  error: string | null;
  busy: boolean;
  onCancel: () => void;
  lang: 'vi' | 'en';
  children: ReactNode;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSubmit();
  };
  return (
    <form className="card edit" onSubmit={submit} data-testid="edit-form">
      <h2>{title}</h2>
      <div className="form-grid">{children}</div>
      <ErrorNote text={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {managerText.save[lang]}
        </button>
        <button type="button" onClick={onCancel}>
          {managerText.cancel[lang]}
        </button>
      </div>
    </form>
  );
}

function useSave(lang: 'vi' | 'en', done: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (fn: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await fn();
      await done();
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, save, setError };
}

// ---- fields ----

const blankField: FieldInput = {
  code: '',
  nameVi: '',
  nameEn: '',
  rangeStart: 1,
  rangeEnd: 999,
  dailyLimit: null,
  targetWaitMin: 30,
  serviceMin: 10,
  active: true,
  sortOrder: 100,
};

export function FieldsView({ token, lang, reload: reloadCenter, center, floor }: ManagerContext) {
  const fetch = useCallback(() => api('fields:list', {}, token), [token]);
  const [fields, reload] = useList<Field>(fetch);
  const [editing, setEditing] = useState<(FieldInput & { id?: number }) | null>(null);
  const s = useSave(lang, async () => {
    setEditing(null);
    await reload();
    await reloadCenter();
  });
  const form = useChecked<FieldInput>(lang, s.save);
  const errors = form.errors;
  const set = (patch: Partial<FieldInput>) => setEditing((e) => (e ? { ...e, ...patch } : e));
  /** A whole-number input of the field form, its problem under it. */
  const numberInput = (key: 'rangeStart' | 'rangeEnd' | 'targetWaitMin' | 'serviceMin' | 'sortOrder', label: string) =>
    editing && (
      <label>
        {label}
        <input name={key} inputMode="numeric" value={shown(editing[key])} onChange={(e) => set({ [key]: num(e.target.value) })} />
        <Problem errors={errors} name={key} />
      </label>
    );
  const ask = useConfirm(lang);
  const submit = ({ id, ...body }: FieldInput & { id?: number }) => {
    const send = () =>
      form.submit(FieldSchema, body, (data) => (id ? api('fields:update', { ...data, id }, token) : api('fields:create', data, token)));
    const wasActive = fields.find((f) => f.id === id)?.active === true;
    if (!id || !wasActive || body.active) return send();
    const waiting = floor?.fields.find((l) => l.fieldId === id)?.waiting ?? 0;
    const serving = center?.counters.filter((c) => c.active && c.fields.some((l) => l.fieldId === id)).length ?? 0;
    if (waiting === 0 && serving === 0) return send();
    return ask.confirm(managerText.deactivateFieldExplain[lang](body.nameVi, waiting, serving), send);
  };
  return (
    <div className="config">
      <section className="card">
        <div className="row">
          <h2>{managerText.fields[lang]}</h2>
          <button type="button" className="primary" onClick={() => setEditing({ ...blankField })}>
            {managerText.addField[lang]}
          </button>
        </div>
        <table className="grid">
          <thead>
            <tr>
              <th>{managerText.code[lang]}</th>
              <th>{managerText.name[lang]}</th>
              <th>{managerText.range[lang]}</th>
              <th>{managerText.dailyLimit[lang]}</th>
              <th>{managerText.active[lang]}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.id}>
                <td>{f.code}</td>
                <td>
                  {lang === 'vi' ? f.nameVi : f.nameEn}
                  {/* Tickets are issued but nobody will call them: said where fields are set up (#24). */}
                  {f.active && center && !center.counters.some((c) => c.active && c.fields.some((l) => l.fieldId === f.id)) && (
                    <span className="badge unserved-field" data-testid={`field-unserved-${f.code}`}>
                      {managerText.fieldUnserved[lang]}
                    </span>
                  )}
                </td>
                <td className="num">
                  {f.rangeStart}–{f.rangeEnd}
                </td>
                <td className="num">{f.dailyLimit ?? '—'}</td>
                <td>{f.active ? '✓' : '—'}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => {
                      const { id, ...rest } = f;
                      setEditing({ ...rest, id });
                    }}
                  >
                    {managerText.edit[lang]}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {editing && (
        <Form
          lang={lang}
          title={editing.id ? managerText.editField[lang] : managerText.newField[lang]}
          busy={s.busy}
          error={s.error}
          onCancel={() => {
            setEditing(null);
            form.clear();
          }}
          onSubmit={() => submit(editing)}
        >
          <label>
            {managerText.codeAZ[lang]}
            <input name="code" value={editing.code} onChange={(e) => set({ code: e.target.value.toUpperCase() })} />
            <Problem errors={errors} name="code" />
          </label>
          <label>
            {managerText.vietnameseName[lang]}
            <input name="nameVi" value={editing.nameVi} onChange={(e) => set({ nameVi: e.target.value })} />
            <Problem errors={errors} name="nameVi" />
          </label>
          <label>
            {managerText.englishName[lang]}
            <input name="nameEn" value={editing.nameEn} onChange={(e) => set({ nameEn: e.target.value })} />
            <Problem errors={errors} name="nameEn" />
          </label>
          {numberInput('rangeStart', managerText.firstNumber[lang])}
          {numberInput('rangeEnd', managerText.lastNumber[lang])}
          <label>
            {managerText.dailyLimitEmptyNone[lang]}
            <input
              name="dailyLimit"
              inputMode="numeric"
              value={editing.dailyLimit === null ? '' : shown(editing.dailyLimit)}
              onChange={(e) => set({ dailyLimit: e.target.value.trim() === '' ? null : num(e.target.value) })}
            />
            <Problem errors={errors} name="dailyLimit" />
          </label>
          {numberInput('targetWaitMin', managerText.targetWaitMin[lang])}
          {numberInput('serviceMin', managerText.serviceTimeMin[lang])}
          {numberInput('sortOrder', managerText.displayOrder[lang])}
          <label className="check">
            <input type="checkbox" checked={editing.active} onChange={(e) => set({ active: e.target.checked })} />
            {managerText.takingTickets[lang]}
          </label>
        </Form>
      )}
      {ask.dialog}
    </div>
  );
}

// ---- counters ----

export function CountersView({ token, lang, center, floor, reload: reloadCenter }: ManagerContext) {
  const fetch = useCallback(() => api('counters:list', {}, token), [token]);
  const [counters, reload] = useList<Counter>(fetch);
  const [editing, setEditing] = useState<(CounterInput & { id?: number }) | null>(null);
  const s = useSave(lang, async () => {
    setEditing(null);
    await reload();
    await reloadCenter();
  });
  const counterForm = useChecked<CounterInput>(lang, s.save);
  const ask = useConfirm(lang);
  const fields = center?.fields ?? [];
  const fieldName = (id: number) => {
    const f = fields.find((x) => x.id === id);
    return f ? (lang === 'vi' ? f.nameVi : f.nameEn) : `#${id}`;
  };
  const setLinks = (links: CounterInput['fields']) => setEditing((e) => (e ? { ...e, fields: links } : e));
  const move = (i: number, d: -1 | 1) => {
    if (!editing) return;
    const links = [...editing.fields];
    const j = i + d;
    const [a, b] = [links[i], links[j]];
    if (a === undefined || b === undefined) return; // j runs off either end
    [links[i], links[j]] = [b, a];
    setLinks(links);
  };
  return (
    <div className="config">
      <section className="card">
        <div className="row">
          <h2>{managerText.counters[lang]}</h2>
          <button
            type="button"
            className="primary"
            onClick={() =>
              setEditing({ number: Math.max(0, ...counters.map((c) => c.number)) + 1, nameVi: '', nameEn: '', active: true, fields: [] })
            }
          >
            {managerText.addCounter[lang]}
          </button>
        </div>
        <table className="grid">
          <thead>
            <tr>
              <th>{managerText.no[lang]}</th>
              <th>{managerText.name[lang]}</th>
              <th>{managerText.fieldsPreferenceOrderWeight[lang]}</th>
              <th>{managerText.active[lang]}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {counters.map((c) => (
              <tr key={c.id}>
                <td className="num">{c.number}</td>
                <td>{lang === 'vi' ? c.nameVi : c.nameEn}</td>
                <td>{c.fields.map((l) => `${fieldName(l.fieldId)} (${l.weight})`).join(' → ')}</td>
                <td>{c.active ? '✓' : '—'}</td>
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      setEditing({ id: c.id, number: c.number, nameVi: c.nameVi, nameEn: c.nameEn, active: c.active, fields: c.fields })
                    }
                  >
                    {managerText.edit[lang]}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {editing && (
        <Form
          lang={lang}
          title={editing.id ? managerText.editCounter[lang] : managerText.newCounter[lang]}
          busy={s.busy}
          error={s.error}
          onCancel={() => {
            setEditing(null);
            counterForm.clear();
          }}
          onSubmit={() => {
            const { id, ...body } = editing;
            const send = () =>
              counterForm.submit(CounterSchema, body, (data) =>
                id ? api('counters:update', { ...data, id }, token) : api('counters:create', data, token),
              );
            const now = floor?.counters.find((c) => c.counter.id === id)?.counter;
            if (id && now && now.active && !body.active && now.state !== 'closed') {
              return ask.confirm(managerText.deactivateCounterExplain[lang](body.nameVi, now.staffName ?? '—'), send);
            }
            return send();
          }}
        >
          <label>
            {managerText.number[lang]}
            <input
              name="number"
              inputMode="numeric"
              value={shown(editing.number)}
              onChange={(e) => setEditing({ ...editing, number: num(e.target.value) })}
            />
            <Problem errors={counterForm.errors} name="number" />
          </label>
          <label>
            {managerText.vietnameseName[lang]}
            <input name="nameVi" value={editing.nameVi} onChange={(e) => setEditing({ ...editing, nameVi: e.target.value })} />
            <Problem errors={counterForm.errors} name="nameVi" />
          </label>
          <label>
            {managerText.englishName[lang]}
            <input name="nameEn" value={editing.nameEn} onChange={(e) => setEditing({ ...editing, nameEn: e.target.value })} />
            <Problem errors={counterForm.errors} name="nameEn" />
          </label>
          <label className="check">
            <input type="checkbox" checked={editing.active} onChange={(e) => setEditing({ ...editing, active: e.target.checked })} />
            {managerText.inUse[lang]}
          </label>
          <div className="links wide">
            <strong>{managerText.fieldsServedInOrderOf[lang]}</strong>
            <Problem errors={counterForm.errors} name="fields" />
            {editing.fields.map((l, i) => (
              <div className="row" key={l.fieldId}>
                <span className="grow">
                  {i + 1}. {fieldName(l.fieldId)}
                </span>
                <label className="inline">
                  {managerText.weight[lang]}
                  <input
                    className="short"
                    inputMode="numeric"
                    value={shown(l.weight)}
                    onChange={(e) => setLinks(editing.fields.map((x, k) => (k === i ? { ...x, weight: num(e.target.value) } : x)))}
                  />
                </label>
                <button type="button" onClick={() => move(i, -1)} aria-label={managerText.moveUp[lang]}>
                  ↑
                </button>
                <button type="button" onClick={() => move(i, 1)} aria-label={managerText.moveDown[lang]}>
                  ↓
                </button>
                <button type="button" onClick={() => setLinks(editing.fields.filter((_, k) => k !== i))}>
                  {managerText.remove[lang]}
                </button>
              </div>
            ))}
            <select
              value=""
              onChange={(e) => {
                const id = Number(e.target.value);
                if (id) setLinks([...editing.fields, { fieldId: id, weight: 1 }]);
              }}
            >
              <option value="">{managerText.addAField[lang]}</option>
              {fields
                .filter((f) => !editing.fields.some((l) => l.fieldId === f.id))
                .map((f) => (
                  <option key={f.id} value={f.id}>
                    {fieldName(f.id)}
                  </option>
                ))}
            </select>
            <p className="muted">{managerText.weightShareOfCallsAmong[lang]}</p>
          </div>
        </Form>
      )}
      {ask.dialog}
    </div>
  );
}

// ---- staff ----

export function StaffView({ token, lang, isAdmin }: ManagerContext) {
  const fetch = useCallback(() => api('staff:list', {}, token), [token]);
  const [staff, reload] = useList<Staff>(fetch);
  const [editing, setEditing] = useState<(StaffInput & { id?: number }) | null>(null);
  const s = useSave(lang, async () => {
    setEditing(null);
    await reload();
  });
  const staffForm = useChecked<StaffInput>(lang, s.save);
  const ask = useConfirm(lang);
  const roleName = {
    admin: managerText.admin[lang],
    manager: managerText.manager[lang],
    officer: managerText.officer[lang],
  };
  return (
    <div className="config">
      <section className="card">
        <div className="row">
          <h2>{managerText.staff[lang]}</h2>
          {isAdmin && (
            <button
              type="button"
              className="primary"
              onClick={() => setEditing({ username: '', fullName: '', role: 'officer', active: true, password: '' })}
            >
              {managerText.addStaff[lang]}
            </button>
          )}
        </div>
        {!isAdmin && <p className="muted">{managerText.onlyAdminsAddOrChange[lang]}</p>}
        <table className="grid">
          <thead>
            <tr>
              <th>{managerText.username[lang]}</th>
              <th>{managerText.fullName[lang]}</th>
              <th>{managerText.role[lang]}</th>
              <th>{managerText.active[lang]}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {staff.map((m) => (
              <tr key={m.id}>
                <td>{m.username}</td>
                <td>{m.fullName}</td>
                <td>{roleName[m.role]}</td>
                <td>{m.active ? '✓' : '—'}</td>
                <td>
                  {isAdmin && (
                    <button
                      type="button"
                      onClick={() => setEditing({ id: m.id, username: m.username, fullName: m.fullName, role: m.role, active: m.active })}
                    >
                      {managerText.edit[lang]}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {editing && (
        <Form
          lang={lang}
          title={editing.id ? managerText.editAccount[lang] : managerText.newAccount[lang]}
          busy={s.busy}
          error={s.error}
          onCancel={() => setEditing(null)}
          onSubmit={() => {
            const { id, ...rest } = editing;
            const body = { ...rest, password: rest.password ? rest.password : undefined };
            const send = () =>
              staffForm.submit(StaffSchema, body, (data) =>
                id ? api('staff:update', { ...data, id }, token) : api('staff:create', data, token),
              );
            const wasActive = staff.find((m) => m.id === id)?.active === true;
            if (id && wasActive && !editing.active) return ask.confirm(managerText.deactivateStaffExplain[lang](editing.fullName), send);
            return send();
          }}
        >
          <label>
            {managerText.username[lang]}
            <input name="username" value={editing.username} onChange={(e) => setEditing({ ...editing, username: e.target.value })} />
            <Problem errors={staffForm.errors} name="username" />
          </label>
          <label>
            {managerText.fullName[lang]}
            <input name="fullName" value={editing.fullName} onChange={(e) => setEditing({ ...editing, fullName: e.target.value })} />
            <Problem errors={staffForm.errors} name="fullName" />
          </label>
          <label>
            {managerText.role[lang]}
            <select
              value={editing.role}
              onChange={(e) => setEditing({ ...editing, role: oneOf(StaffSchema.shape.role.options, e.target.value) ?? editing.role })}
            >
              <option value="officer">{roleName.officer}</option>
              <option value="manager">{roleName.manager}</option>
              <option value="admin">{roleName.admin}</option>
            </select>
          </label>
          <label>
            {editing.id ? managerText.newPasswordEmptyUnchanged[lang] : managerText.password8Characters[lang]}
            <input
              name="password"
              type="password"
              autoComplete="new-password"
              value={editing.password ?? ''}
              onChange={(e) => setEditing({ ...editing, password: e.target.value })}
            />
            <Problem errors={staffForm.errors} name="password" />
          </label>
          <label className="check">
            <input type="checkbox" checked={editing.active} onChange={(e) => setEditing({ ...editing, active: e.target.checked })} />
            {managerText.active2[lang]}
          </label>
        </Form>
      )}
      {ask.dialog}
    </div>
  );
}
