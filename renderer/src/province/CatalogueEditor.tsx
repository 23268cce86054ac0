// The field catalogue: codes, names and target waits the province publishes; each center accepts it or not.
// A viewer reads the published one.
import { useCallback, useEffect, useState } from 'react';
import type { Catalogue, CatalogueField, SiteLive } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { texts } from '../common/text.ts';
import { ErrorNote } from '../common/ui.tsx';
import { papi } from './provinceApi.ts';
import { provinceText } from './provinceText.ts';

const blankRow: CatalogueField = { code: '', nameVi: '', nameEn: '', targetWaitMin: 30 };

export function CatalogueEditor(props: {
  token: string;
  lang: Lang;
  sites: SiteLive[];
  failure: (err: unknown) => string | null;
  readOnly: boolean;
}) {
  const { token, lang, sites, failure } = props;
  const t = texts(provinceText, lang);
  const [current, setCurrent] = useState<{ catalogue: Catalogue | null; accepted: Record<string, number | null> } | null>(null);
  const [rows, setRows] = useState<CatalogueField[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      papi('province:catalogue', {}, token).then(
        (c) => {
          setCurrent(c);
          setRows(c.catalogue?.fields ?? [blankRow]);
        },
        (err: unknown) => setError(failure(err)),
      ),
    [token, failure],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const set = (i: number, patch: Partial<CatalogueField>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const version = current?.catalogue?.version ?? null;
  const acceptedBy = version === null ? 0 : sites.filter((s) => current?.accepted[String(s.id)] === version).length;
  return (
    <section className="card" data-testid="catalogue">
      <h2>{t.catalogue}</h2>
      <p className="muted">{version === null ? t.catalogueNone : t.catalogueVersion(version, acceptedBy, sites.length)}</p>
      {props.readOnly ? (
        version !== null && <CatalogueTable fields={current?.catalogue?.fields ?? []} lang={lang} />
      ) : (
        <>
          <table className="grid compact">
            <thead>
              <tr>
                <th>{t.code}</th>
                <th>{t.nameVi}</th>
                <th>{t.nameEn}</th>
                <th>{t.targetWait}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  <td>
                    <input
                      className="short"
                      aria-label={t.code}
                      value={r.code}
                      onChange={(e) => set(i, { code: e.target.value.toUpperCase() })}
                    />
                  </td>
                  <td>
                    <input aria-label={t.nameVi} value={r.nameVi} onChange={(e) => set(i, { nameVi: e.target.value })} />
                  </td>
                  <td>
                    <input aria-label={t.nameEn} value={r.nameEn} onChange={(e) => set(i, { nameEn: e.target.value })} />
                  </td>
                  <td>
                    <input
                      className="short"
                      inputMode="numeric"
                      aria-label={t.targetWait}
                      value={String(r.targetWaitMin)}
                      onChange={(e) => set(i, { targetWaitMin: Number(e.target.value.replace(/\D/g, '')) || 0 })}
                    />
                  </td>
                  <td>
                    <button type="button" className="small" onClick={() => setRows(rows.filter((_, k) => k !== i))}>
                      {t.remove}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row">
            <button type="button" onClick={() => setRows([...rows, blankRow])}>
              {t.addRow}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() =>
                void papi('province:catalogue-publish', { fields: rows }, token).then(
                  () => {
                    setError(null);
                    void load();
                  },
                  (err: unknown) => setError(failure(err)),
                )
              }
            >
              {t.publish}
            </button>
          </div>
        </>
      )}
      <ErrorNote text={error} />
    </section>
  );
}

function CatalogueTable({ fields, lang }: { fields: CatalogueField[]; lang: Lang }) {
  const t = texts(provinceText, lang);
  return (
    <table className="grid compact" data-testid="catalogue-read">
      <thead>
        <tr>
          <th>{t.code}</th>
          <th>{t.nameVi}</th>
          <th>{t.nameEn}</th>
          <th>{t.targetWait}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr key={f.code}>
            <td>{f.code}</td>
            <td>{f.nameVi}</td>
            <td>{f.nameEn}</td>
            <td className="num">{f.targetWaitMin}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
