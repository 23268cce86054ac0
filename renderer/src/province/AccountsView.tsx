// Accounts for the province's staff: admins manage sites, the catalogue and the settings; viewers read.
import { useState } from 'react';
import { ProvinceRole } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { oneOf } from '../common/choice.ts';
import { texts } from '../common/text.ts';
import { papi } from './provinceApi.ts';
import { provinceText } from './provinceText.ts';

export function AccountsView({ token, lang, failure }: { token: string; lang: Lang; failure: (err: unknown) => string | null }) {
  const t = texts(provinceText, lang);
  const blank: { username: string; fullName: string; role: ProvinceRole; password: string } = {
    username: '',
    fullName: '',
    role: 'province-viewer',
    password: '',
  };
  const [draft, setDraft] = useState(blank);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  return (
    <div className="config">
      <form
        className="card edit"
        data-testid="staff-form"
        onSubmit={(e) => {
          e.preventDefault();
          papi('province:staff-create', draft, token).then(
            () => {
              setMessage({ text: t.staffCreated(draft.username), ok: true });
              setDraft(blank);
            },
            (err: unknown) => {
              const text = failure(err);
              setMessage(text === null ? null : { text, ok: false });
            },
          );
        }}
      >
        <h2>{t.staffTitle}</h2>
        <div className="form-grid">
          <label>
            {t.username}
            <input name="username" value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} />
          </label>
          <label>
            {t.name}
            <input name="fullName" value={draft.fullName} onChange={(e) => setDraft({ ...draft, fullName: e.target.value })} />
          </label>
          <label>
            {t.role}
            <select
              name="role"
              value={draft.role}
              onChange={(e) => setDraft({ ...draft, role: oneOf(ProvinceRole.options, e.target.value) ?? draft.role })}
            >
              <option value="province-viewer">{t.viewer}</option>
              <option value="province-admin">{t.admin}</option>
            </select>
          </label>
          <label>
            {t.newPassword}
            <input
              name="password"
              type="password"
              autoComplete="new-password"
              value={draft.password}
              onChange={(e) => setDraft({ ...draft, password: e.target.value })}
            />
          </label>
        </div>
        {message && (
          <p className={message.ok ? 'ok' : 'error'} role="status">
            {message.text}
          </p>
        )}
        <button type="submit" className="primary" disabled={!draft.username || draft.password.length < 10}>
          {t.addStaff}
        </button>
      </form>
    </div>
  );
}
