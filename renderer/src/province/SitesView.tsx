// The sites: a new one with its one-time join code, each one's level (changed in place), a new
// code for a site that must join again, and revoking a site's link. A viewer reads the list only.
import { useState } from 'react';
import { SiteLevel, siteLevelText, type SiteLive } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { ConfirmDialog } from '../common/Dialog.tsx';
import { oneOf } from '../common/choice.ts';
import { texts } from '../common/text.ts';
import { ErrorNote } from '../common/ui.tsx';
import { papi } from './provinceApi.ts';
import { provinceText } from './provinceText.ts';
import { JournalMoveNote, movedAway, RecoveryMark } from './SiteRecovery.tsx';

interface Props {
  token: string;
  lang: Lang;
  sites: SiteLive[];
  /** After a change: the floor (and so this list) read again. */
  reload: () => Promise<void>;
  failure: (err: unknown) => string | null;
  /** A viewer's: no new site, no code, no level change, no revoking. */
  readOnly: boolean;
}

export function SitesView({ token, lang, sites, reload, failure, readOnly }: Props) {
  const t = texts(provinceText, lang);
  const [code, setCode] = useState<{ site: string; code: string } | null>(null);
  const [revoking, setRevoking] = useState<SiteLive | null>(null);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const fail = (err: unknown) => {
    const text = failure(err);
    setMessage(text === null ? null : { text, ok: false });
  };
  const setLevel = (s: SiteLive, level: SiteLevel) =>
    papi('province:site-level', { id: s.id, level }, token).then(() => {
      setMessage({ text: t.levelSaved(s.name, siteLevelText[level][lang]), ok: true });
      return reload();
    }, fail);
  return (
    <div className="config">
      {!readOnly && (
        <NewSiteForm
          token={token}
          lang={lang}
          failure={failure}
          onCreated={(site, joinCode) => {
            setCode({ site, code: joinCode });
            void reload();
          }}
        />
      )}
      {code && (
        <section className="card" data-testid="join-code">
          <h2>{t.codeFor(code.site)}</h2>
          <p className="pairing-code">{code.code}</p>
          <p className="muted">{t.codeHowTo}</p>
        </section>
      )}
      <section className="card">
        <table className="grid" data-testid="site-list">
          <thead>
            <tr>
              <th>{t.site}</th>
              <th>{t.level}</th>
              <th>{t.district}</th>
              <th>{t.status}</th>
              {!readOnly && <th />}
            </tr>
          </thead>
          <tbody>
            {sites.map((s) => (
              <tr key={s.id} data-site={s.id}>
                <td>
                  {s.name}
                  <JournalMoveNote site={s} lang={lang} />
                </td>
                <td>
                  {readOnly ? (
                    siteLevelText[s.level][lang]
                  ) : (
                    <select
                      name={`level-${s.id}`}
                      aria-label={t.levelOf(s.name)}
                      value={s.level}
                      onChange={(e) => {
                        const level = oneOf(SiteLevel.options, e.target.value);
                        if (level) void setLevel(s, level);
                      }}
                    >
                      {SiteLevel.options.map((l) => (
                        <option key={l} value={l}>
                          {siteLevelText[l][lang]}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                <td>{s.district}</td>
                <td>
                  {movedAway(s) ? t.movedLink : s.revoked ? t.revoked : s.joined ? t.online : t.notJoined}
                  <RecoveryMark site={s} lang={lang} />
                </td>
                {!readOnly && (
                  <td>
                    <div className="row">
                      <button
                        type="button"
                        className="small"
                        onClick={() =>
                          void papi('province:site-code', { id: s.id }, token).then((r) => setCode({ site: s.name, code: r.code }), fail)
                        }
                      >
                        {t.newCode}
                      </button>
                      {s.joined && !s.revoked && (
                        <button type="button" className="small danger" onClick={() => setRevoking(s)}>
                          {t.revoke}
                        </button>
                      )}
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {message && (
          <p className={message.ok ? 'ok' : 'error'} role="status" data-testid="sites-message">
            {message.text}
          </p>
        )}
      </section>
      {revoking && (
        <ConfirmDialog
          title={t.revokeTitle(revoking.name)}
          explain={t.revokeExplain}
          confirm={t.revoke}
          back={t.back}
          testId="revoke-site"
          onClose={() => setRevoking(null)}
          onConfirm={() => void papi('province:site-revoke', { id: revoking.id }, token).then(() => reload(), fail)}
        />
      )}
    </div>
  );
}

function NewSiteForm(props: {
  token: string;
  lang: Lang;
  failure: (err: unknown) => string | null;
  onCreated: (site: string, code: string) => void;
}) {
  const { token, lang } = props;
  const t = texts(provinceText, lang);
  const blank: { name: string; level: SiteLevel; district: string } = { name: '', level: 'xa', district: '' };
  const [draft, setDraft] = useState(blank);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card edit"
      data-testid="site-form"
      onSubmit={(e) => {
        e.preventDefault();
        papi('province:site-create', draft, token).then(
          (r) => {
            setError(null);
            setDraft(blank);
            props.onCreated(r.site.name, r.code);
          },
          (err: unknown) => setError(props.failure(err)),
        );
      }}
    >
      <h2>{t.newSite}</h2>
      <div className="form-grid">
        <label>
          {t.name}
          <input name="name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </label>
        <label>
          {t.level}
          <select
            name="level"
            value={draft.level}
            onChange={(e) => setDraft({ ...draft, level: oneOf(SiteLevel.options, e.target.value) ?? draft.level })}
          >
            {SiteLevel.options.map((l) => (
              <option key={l} value={l}>
                {siteLevelText[l][lang]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.district}
          <input name="district" value={draft.district} onChange={(e) => setDraft({ ...draft, district: e.target.value })} />
        </label>
      </div>
      <ErrorNote text={error} />
      <button type="submit" className="primary" disabled={!draft.name.trim()}>
        {t.create}
      </button>
    </form>
  );
}
