// The center's link to the province server: join with the address and code the province gave,
// then see how the journal goes up — last successful push, backlog, last error.
import { useCallback, useEffect, useState } from 'react';
import type { CatalogueOffer as Offer, ProvinceLinkStatus } from '../../../main/contract/index.ts';
import { api, errorText, type Lang } from '../api.ts';
import { ConfirmDialog } from '../common/Dialog.tsx';
import { texts } from '../common/text.ts';
import { ErrorNote } from '../common/ui.tsx';
import { dateTime } from '../common/format.ts';
import { provinceLinkText } from './provinceLinkText.ts';
import { ticketStatusText } from './floorText.ts';

type TicketStatus = keyof typeof ticketStatusText;

export function ProvinceLinkCard({ token, lang, isAdmin, timezone }: { token: string; lang: Lang; isAdmin: boolean; timezone: string }) {
  const t = texts(provinceLinkText, lang);
  const [status, setStatus] = useState<ProvinceLinkStatus | null>(null);
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [shareNames, setShareNames] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [unlinking, setUnlinking] = useState(false);
  const load = useCallback(() => api('province-link:get', {}, token).then(setStatus, () => undefined), [token]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 5000);
    return () => clearInterval(timer);
  }, [load]);
  const run = (fn: () => Promise<ProvinceLinkStatus>) => {
    setBusy(true);
    setError(null);
    fn()
      .then(setStatus, (err: unknown) => setError(errorText(err, lang)))
      .finally(() => setBusy(false));
  };
  const when = (ms: number | null) => (ms === null ? '—' : dateTime(ms, timezone));
  const statusWord = (status: string) => (status in ticketStatusText ? ticketStatusText[status as TicketStatus][lang] : status); // a state the province keeps is one of the ticket's
  return (
    <section className="card" data-testid="province-link">
      <h2>{t.title}</h2>
      <p className="muted">{t.explain}</p>
      {status?.linked ? (
        <>
          <table className="grid">
            <tbody>
              <tr>
                <th>{t.server}</th>
                <td>{status.url}</td>
              </tr>
              <tr>
                <th>{t.site}</th>
                <td>{status.siteName}</td>
              </tr>
              <tr>
                <th>{t.lastPush}</th>
                <td data-testid="link-last-push">{when(status.lastPushAt)}</td>
              </tr>
              <tr>
                <th>{t.backlog}</th>
                <td className="num" data-testid="link-backlog">
                  {status.backlog === 0 ? t.upToDate : t.waitingEvents(status.backlog)}
                </td>
              </tr>
              {status.lastError && (
                <tr>
                  <th>{t.lastError}</th>
                  <td className="error" data-testid="link-error">
                    {status.lastError} ({when(status.lastErrorAt)})
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          {status.journalMove && (
            <div className="notice" data-testid="link-journal-move">
              <p>
                {t.journalMoved(
                  when(status.journalMove.at),
                  status.journalMove.fromSiteName,
                  status.journalMove.toSiteName,
                  status.journalMove.fromAckedSeq,
                )}
              </p>
            </div>
          )}
          {status.recovery && (
            <div className="notice" data-testid="link-recovery">
              <p>{t.recovered(when(status.recovery.at), status.recovery.epochNo, status.recovery.resentFrom)}</p>
              {status.recovery.lostCount > 0 && (
                <>
                  <p>{t.lostTickets(status.recovery.lostCount)}</p>
                  <ul data-testid="link-lost-tickets">
                    {status.recovery.lost.map((x) => (
                      <li key={x.ticketId}>{t.lostTicket(x.number, when(x.issuedAt), statusWord(x.status))}</li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
          <CatalogueOffer token={token} lang={lang} />
          {isAdmin && (
            <div className="row">
              <label className="check">
                <input
                  type="checkbox"
                  checked={status.shareNames}
                  onChange={(e) => run(() => api('province-link:share-names', { shareNames: e.target.checked }, token))}
                />
                {t.shareNames}
              </label>
              <button type="button" className="danger" disabled={busy} onClick={() => setUnlinking(true)}>
                {t.unlink}
              </button>
            </div>
          )}
        </>
      ) : isAdmin ? (
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            run(() => api('province-link:join', { url, code, shareNames }, token));
          }}
        >
          <label>
            {t.server}
            <input name="provinceUrl" placeholder="http://10.0.0.5:8787" value={url} onChange={(e) => setUrl(e.target.value)} />
          </label>
          <label>
            {t.code}
            <input name="provinceCode" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} />
          </label>
          <label className="check">
            <input type="checkbox" checked={shareNames} onChange={(e) => setShareNames(e.target.checked)} />
            {t.shareNames}
          </label>
          <button type="submit" className="primary" disabled={busy || !url || !code}>
            {t.join}
          </button>
        </form>
      ) : (
        <p className="muted">{t.notLinked}</p>
      )}
      <ErrorNote text={error} />
      {unlinking && (
        <ConfirmDialog
          title={t.unlinkTitle}
          explain={t.unlinkExplain}
          confirm={t.unlink}
          back={t.back}
          testId="unlink"
          onClose={() => setUnlinking(false)}
          onConfirm={() => run(() => api('province-link:remove', {}, token))}
        />
      )}
    </section>
  );
}

/** The province's field catalogue: what accepting it changes here, then accept (a manager's choice, never forced). */
function CatalogueOffer({ token, lang }: { token: string; lang: Lang }) {
  const t = texts(provinceLinkText, lang);
  const [offer, setOffer] = useState<Offer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const look = () => api('province-link:catalogue', {}, token).then(setOffer, (err: unknown) => setError(errorText(err, lang)));
  const pending = offer?.changes.filter((c) => c.fieldId !== null && (c.nameVi || c.nameEn || c.targetWaitMin)) ?? [];
  const missing = offer?.changes.filter((c) => c.fieldId === null) ?? [];
  return (
    <div className="catalogue-offer" data-testid="catalogue-offer">
      <div className="row">
        <strong>{t.catalogue}</strong>
        <button type="button" className="small" onClick={() => void look()}>
          {t.lookCatalogue}
        </button>
      </div>
      {offer && !offer.catalogue && <p className="muted">{t.noCatalogue}</p>}
      {offer?.catalogue && (
        <>
          <p className="muted">
            {t.catalogueState(offer.catalogue.version, offer.acceptedVersion)}
            {missing.length > 0 ? ` ${t.notHere(missing.map((c) => c.code).join(', '))}` : ''}
          </p>
          {pending.length > 0 ? (
            <>
              <table className="grid compact">
                <tbody>
                  {pending.map((c) => (
                    <tr key={c.code}>
                      <td>{c.code}</td>
                      <td>{c.nameVi ? `${c.nameVi.from} → ${c.nameVi.to}` : ''}</td>
                      <td className="num">{c.targetWaitMin ? t.waitChange(c.targetWaitMin.from, c.targetWaitMin.to) : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button
                type="button"
                className="primary"
                onClick={() => {
                  if (!offer.catalogue) return;
                  void api('province-link:catalogue-accept', { version: offer.catalogue.version }, token).then(setOffer, (err: unknown) =>
                    setError(errorText(err, lang)),
                  );
                }}
              >
                {t.accept(offer.catalogue.version)}
              </button>
            </>
          ) : (
            <p className="ok">{t.nothingToChange}</p>
          )}
        </>
      )}
      <ErrorNote text={error} />
    </div>
  );
}
