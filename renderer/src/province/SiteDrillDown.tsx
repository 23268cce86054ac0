// One site over the period, by field and by counter. The P90 column shows once the province keeps
// a wait histogram per field and counter (until then their rows have none).
import { useEffect, useRef } from 'react';
import type { SiteDetail } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { isoToDmy } from '../common/dates.ts';
import { texts } from '../common/text.ts';
import { FigureCells, FigureHeads, hasP90 } from './figures.tsx';
import { provinceText } from './provinceText.ts';

export function SiteDrillDown({ detail, lang, onBack }: { detail: SiteDetail; lang: Lang; onBack: () => void }) {
  const t = texts(provinceText, lang);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened by keyboard: the reader lands on what opened, not on the top of the page.
  useEffect(() => heading.current?.focus(), [detail]);
  const fieldsP90 = hasP90(detail.fields);
  const countersP90 = hasP90(detail.counters);
  return (
    <section className="card" data-testid="province-detail">
      <div className="row">
        <h2 ref={heading} tabIndex={-1}>
          {t.detailOf(detail.site.name, isoToDmy(detail.from), isoToDmy(detail.to))}
        </h2>
        <button type="button" onClick={onBack}>
          {t.back}
        </button>
      </div>
      <h3>{t.fields}</h3>
      {detail.fields.length === 0 ? (
        <p className="muted">{t.noFigures}</p>
      ) : (
        <table className="grid" data-testid="detail-fields">
          <thead>
            <tr>
              <th>{t.field}</th>
              <FigureHeads lang={lang} p90={fieldsP90} />
            </tr>
          </thead>
          <tbody>
            {detail.fields.map((f) => (
              <tr key={f.fieldId}>
                <td>{f.name}</td>
                <FigureCells f={f} lang={lang} p90={fieldsP90} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t.counters}</h3>
      {detail.counters.length === 0 ? (
        <p className="muted">{t.noFigures}</p>
      ) : (
        <table className="grid" data-testid="detail-counters">
          <thead>
            <tr>
              <th>{t.counter}</th>
              <FigureHeads lang={lang} p90={countersP90} />
            </tr>
          </thead>
          <tbody>
            {detail.counters.map((c) => (
              <tr key={c.counterId}>
                <td>{c.name}</td>
                <FigureCells f={c} lang={lang} p90={countersP90} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
