// Configuration of fields, counters and staff: a list and one edit form each.
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { Counter, CounterInput, Field, FieldInput, Staff, StaffInput } from '../../../main/contract/index.ts';
import { api, errorText } from '../api.ts';
import { ErrorNote, tr } from '../common/ui.tsx';
import type { ManagerContext } from './Manager.tsx';

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
          {tr(lang, 'Lưu', 'Save')}
        </button>
        <button type="button" onClick={onCancel}>
          {tr(lang, 'Huỷ', 'Cancel')}
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

const num = (v: string) => (v.trim() === '' ? NaN : Number(v));

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

export function FieldsView({ token, lang, reload: reloadCenter }: ManagerContext) {
  const fetch = useCallback(() => api('fields:list', {}, token), [token]);
  const [fields, reload] = useList<Field>(fetch);
  const [editing, setEditing] = useState<(FieldInput & { id?: number }) | null>(null);
  const s = useSave(lang, async () => {
    setEditing(null);
    await reload();
    await reloadCenter();
  });
  const set = (patch: Partial<FieldInput>) => setEditing((e) => (e ? { ...e, ...patch } : e));
  return (
    <div className="config">
      <section className="card">
        <div className="row">
          <h2>{tr(lang, 'Lĩnh vực', 'Fields')}</h2>
          <button type="button" className="primary" onClick={() => setEditing({ ...blankField })}>
            {tr(lang, 'Thêm lĩnh vực', 'Add field')}
          </button>
        </div>
        <table className="grid">
          <thead>
            <tr>
              <th>{tr(lang, 'Mã', 'Code')}</th>
              <th>{tr(lang, 'Tên', 'Name')}</th>
              <th>{tr(lang, 'Dải số', 'Range')}</th>
              <th>{tr(lang, 'Giới hạn/ngày', 'Daily limit')}</th>
              <th>{tr(lang, 'Hoạt động', 'Active')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.id}>
                <td>{f.code}</td>
                <td>{lang === 'vi' ? f.nameVi : f.nameEn}</td>
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
                    {tr(lang, 'Sửa', 'Edit')}
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
          title={editing.id ? tr(lang, 'Sửa lĩnh vực', 'Edit field') : tr(lang, 'Lĩnh vực mới', 'New field')}
          busy={s.busy}
          error={s.error}
          onCancel={() => setEditing(null)}
          onSubmit={() =>
            s.save(() => (editing.id ? api('fields:update', { ...editing, id: editing.id }, token) : api('fields:create', editing, token)))
          }
        >
          <label>
            {tr(lang, 'Mã (A–Z)', 'Code (A–Z)')}
            <input name="code" value={editing.code} onChange={(e) => set({ code: e.target.value.toUpperCase() })} />
          </label>
          <label>
            {tr(lang, 'Tên tiếng Việt', 'Vietnamese name')}
            <input name="nameVi" value={editing.nameVi} onChange={(e) => set({ nameVi: e.target.value })} />
          </label>
          <label>
            {tr(lang, 'Tên tiếng Anh', 'English name')}
            <input name="nameEn" value={editing.nameEn} onChange={(e) => set({ nameEn: e.target.value })} />
          </label>
          <label>
            {tr(lang, 'Số bắt đầu', 'First number')}
            <input
              name="rangeStart"
              inputMode="numeric"
              value={String(editing.rangeStart)}
              onChange={(e) => set({ rangeStart: num(e.target.value) })}
            />
          </label>
          <label>
            {tr(lang, 'Số kết thúc', 'Last number')}
            <input
              name="rangeEnd"
              inputMode="numeric"
              value={String(editing.rangeEnd)}
              onChange={(e) => set({ rangeEnd: num(e.target.value) })}
            />
          </label>
          <label>
            {tr(lang, 'Giới hạn mỗi ngày (trống = không)', 'Daily limit (empty = none)')}
            <input
              name="dailyLimit"
              inputMode="numeric"
              value={editing.dailyLimit === null ? '' : String(editing.dailyLimit)}
              onChange={(e) => set({ dailyLimit: e.target.value.trim() === '' ? null : num(e.target.value) })}
            />
          </label>
          <label>
            {tr(lang, 'Thời gian chờ mục tiêu (phút)', 'Target wait (min)')}
            <input
              name="targetWaitMin"
              inputMode="numeric"
              value={String(editing.targetWaitMin)}
              onChange={(e) => set({ targetWaitMin: num(e.target.value) })}
            />
          </label>
          <label>
            {tr(lang, 'Thời gian phục vụ (phút)', 'Service time (min)')}
            <input
              name="serviceMin"
              inputMode="numeric"
              value={String(editing.serviceMin)}
              onChange={(e) => set({ serviceMin: num(e.target.value) })}
            />
          </label>
          <label>
            {tr(lang, 'Thứ tự hiển thị', 'Display order')}
            <input
              name="sortOrder"
              inputMode="numeric"
              value={String(editing.sortOrder)}
              onChange={(e) => set({ sortOrder: num(e.target.value) })}
            />
          </label>
          <label className="check">
            <input type="checkbox" checked={editing.active} onChange={(e) => set({ active: e.target.checked })} />
            {tr(lang, 'Đang tiếp nhận', 'Taking tickets')}
          </label>
        </Form>
      )}
    </div>
  );
}

// ---- counters ----

export function CountersView({ token, lang, center, reload: reloadCenter }: ManagerContext) {
  const fetch = useCallback(() => api('counters:list', {}, token), [token]);
  const [counters, reload] = useList<Counter>(fetch);
  const [editing, setEditing] = useState<(CounterInput & { id?: number }) | null>(null);
  const s = useSave(lang, async () => {
    setEditing(null);
    await reload();
    await reloadCenter();
  });
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
    if (j < 0 || j >= links.length) return;
    [links[i], links[j]] = [links[j]!, links[i]!];
    setLinks(links);
  };
  return (
    <div className="config">
      <section className="card">
        <div className="row">
          <h2>{tr(lang, 'Quầy', 'Counters')}</h2>
          <button
            type="button"
            className="primary"
            onClick={() =>
              setEditing({ number: Math.max(0, ...counters.map((c) => c.number)) + 1, nameVi: '', nameEn: '', active: true, fields: [] })
            }
          >
            {tr(lang, 'Thêm quầy', 'Add counter')}
          </button>
        </div>
        <table className="grid">
          <thead>
            <tr>
              <th>{tr(lang, 'Số', 'No.')}</th>
              <th>{tr(lang, 'Tên', 'Name')}</th>
              <th>{tr(lang, 'Lĩnh vực (theo thứ tự ưu tiên, trọng số)', 'Fields (preference order, weight)')}</th>
              <th>{tr(lang, 'Hoạt động', 'Active')}</th>
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
                    {tr(lang, 'Sửa', 'Edit')}
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
          title={editing.id ? tr(lang, 'Sửa quầy', 'Edit counter') : tr(lang, 'Quầy mới', 'New counter')}
          busy={s.busy}
          error={s.error}
          onCancel={() => setEditing(null)}
          onSubmit={() =>
            s.save(() =>
              editing.id ? api('counters:update', { ...editing, id: editing.id }, token) : api('counters:create', editing, token),
            )
          }
        >
          <label>
            {tr(lang, 'Số quầy', 'Number')}
            <input
              name="number"
              inputMode="numeric"
              value={String(editing.number)}
              onChange={(e) => setEditing({ ...editing, number: num(e.target.value) })}
            />
          </label>
          <label>
            {tr(lang, 'Tên tiếng Việt', 'Vietnamese name')}
            <input name="nameVi" value={editing.nameVi} onChange={(e) => setEditing({ ...editing, nameVi: e.target.value })} />
          </label>
          <label>
            {tr(lang, 'Tên tiếng Anh', 'English name')}
            <input name="nameEn" value={editing.nameEn} onChange={(e) => setEditing({ ...editing, nameEn: e.target.value })} />
          </label>
          <label className="check">
            <input type="checkbox" checked={editing.active} onChange={(e) => setEditing({ ...editing, active: e.target.checked })} />
            {tr(lang, 'Đang hoạt động', 'In use')}
          </label>
          <div className="links wide">
            <strong>{tr(lang, 'Lĩnh vực phục vụ, theo thứ tự ưu tiên', 'Fields served, in order of preference')}</strong>
            {editing.fields.map((l, i) => (
              <div className="row" key={l.fieldId}>
                <span className="grow">
                  {i + 1}. {fieldName(l.fieldId)}
                </span>
                <label className="inline">
                  {tr(lang, 'Trọng số', 'Weight')}
                  <input
                    className="short"
                    inputMode="numeric"
                    value={String(l.weight)}
                    onChange={(e) => setLinks(editing.fields.map((x, k) => (k === i ? { ...x, weight: num(e.target.value) } : x)))}
                  />
                </label>
                <button type="button" onClick={() => move(i, -1)} aria-label="up">
                  ↑
                </button>
                <button type="button" onClick={() => move(i, 1)} aria-label="down">
                  ↓
                </button>
                <button type="button" onClick={() => setLinks(editing.fields.filter((_, k) => k !== i))}>
                  {tr(lang, 'Bỏ', 'Remove')}
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
              <option value="">{tr(lang, '+ Thêm lĩnh vực…', '+ Add a field…')}</option>
              {fields
                .filter((f) => !editing.fields.some((l) => l.fieldId === f.id))
                .map((f) => (
                  <option key={f.id} value={f.id}>
                    {fieldName(f.id)}
                  </option>
                ))}
            </select>
            <p className="muted">
              {tr(
                lang,
                'Trọng số: tỉ lệ số lượt gọi giữa các lĩnh vực; 0 = chỉ gọi khi các lĩnh vực khác hết người chờ.',
                'Weight: share of calls among the fields; 0 = only when the others are empty.',
              )}
            </p>
          </div>
        </Form>
      )}
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
  const roleName = {
    admin: tr(lang, 'Quản trị', 'Admin'),
    manager: tr(lang, 'Lãnh đạo', 'Manager'),
    officer: tr(lang, 'Cán bộ', 'Officer'),
  };
  return (
    <div className="config">
      <section className="card">
        <div className="row">
          <h2>{tr(lang, 'Cán bộ', 'Staff')}</h2>
          {isAdmin && (
            <button
              type="button"
              className="primary"
              onClick={() => setEditing({ username: '', fullName: '', role: 'officer', active: true, password: '' })}
            >
              {tr(lang, 'Thêm cán bộ', 'Add staff')}
            </button>
          )}
        </div>
        {!isAdmin && (
          <p className="muted">{tr(lang, 'Chỉ quản trị viên được thêm hoặc sửa tài khoản.', 'Only admins add or change accounts.')}</p>
        )}
        <table className="grid">
          <thead>
            <tr>
              <th>{tr(lang, 'Tên đăng nhập', 'Username')}</th>
              <th>{tr(lang, 'Họ và tên', 'Full name')}</th>
              <th>{tr(lang, 'Vai trò', 'Role')}</th>
              <th>{tr(lang, 'Hoạt động', 'Active')}</th>
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
                      {tr(lang, 'Sửa', 'Edit')}
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
          title={editing.id ? tr(lang, 'Sửa tài khoản', 'Edit account') : tr(lang, 'Tài khoản mới', 'New account')}
          busy={s.busy}
          error={s.error}
          onCancel={() => setEditing(null)}
          onSubmit={() =>
            s.save(() => {
              const body = { ...editing, ...(editing.password ? {} : { password: undefined }) };
              return editing.id ? api('staff:update', { ...body, id: editing.id }, token) : api('staff:create', body, token);
            })
          }
        >
          <label>
            {tr(lang, 'Tên đăng nhập', 'Username')}
            <input name="username" value={editing.username} onChange={(e) => setEditing({ ...editing, username: e.target.value })} />
          </label>
          <label>
            {tr(lang, 'Họ và tên', 'Full name')}
            <input name="fullName" value={editing.fullName} onChange={(e) => setEditing({ ...editing, fullName: e.target.value })} />
          </label>
          <label>
            {tr(lang, 'Vai trò', 'Role')}
            <select value={editing.role} onChange={(e) => setEditing({ ...editing, role: e.target.value as StaffInput['role'] })}>
              <option value="officer">{roleName.officer}</option>
              <option value="manager">{roleName.manager}</option>
              <option value="admin">{roleName.admin}</option>
            </select>
          </label>
          <label>
            {editing.id
              ? tr(lang, 'Mật khẩu mới (để trống nếu không đổi)', 'New password (empty = unchanged)')
              : tr(lang, 'Mật khẩu (ít nhất 8 ký tự)', 'Password (8+ characters)')}
            <input
              name="password"
              type="password"
              autoComplete="new-password"
              value={editing.password ?? ''}
              onChange={(e) => setEditing({ ...editing, password: e.target.value })}
            />
          </label>
          <label className="check">
            <input type="checkbox" checked={editing.active} onChange={(e) => setEditing({ ...editing, active: e.target.checked })} />
            {tr(lang, 'Đang hoạt động', 'Active')}
          </label>
        </Form>
      )}
    </div>
  );
}
