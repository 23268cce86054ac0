// The sites of a period in order, with the order said in words; each site's name opens its detail
// (a button: Tab reaches it, Enter opens it; a click anywhere on the row does the same).
import { useState } from 'react';
import type { ProvinceReport } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { oneOf } from '../common/choice.ts';
import { texts } from '../common/text.ts';
import { FigureCells, FigureHeads } from './figures.tsx';
import { provinceText } from './provinceText.ts';
import { rankOrders, rankSites, type RankBy } from './ranking.ts';

export function RankingTable({ report, lang, onOpen }: { report: ProvinceReport; lang: Lang; onOpen: (siteId: number) => void }) {
  const t = texts(provinceText, lang);
  const [chosen, setChosen] = useState<RankBy>('satisfaction');
  const orders = rankOrders(report.sites);
  const by = orders.includes(chosen) ? chosen : 'satisfaction';
  const names: Record<RankBy, string> = { satisfaction: t.rankBySatisfaction, waitP90: t.rankByWaitP90, waitAvg: t.rankByWaitAvg };
  const captions: Record<RankBy, string> = { satisfaction: t.rankedBySatisfaction, waitP90: t.rankedByWaitP90, waitAvg: t.rankedByWaitAvg };
  return (
    <section className="card">
      <div className="row ranking-by">
        <label>
          {t.rankBy}{' '}
          <select
            name="rankBy"
            value={by}
            onChange={(e) => setChosen(oneOf(orders, e.target.value) ?? chosen)}
            disabled={orders.length < 2}
          >
            {orders.map((o) => (
              <option key={o} value={o}>
                {names[o]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="grid" data-testid="province-ranking">
        <caption className="ranking-caption" data-testid="ranking-caption">
          {captions[by]}
        </caption>
        <thead>
          <tr>
            <th>{t.rank}</th>
            <th>{t.site}</th>
            <FigureHeads lang={lang} />
          </tr>
        </thead>
        <tbody>
          {rankSites(report.sites, by).map((s) => (
            <tr key={s.siteId} className="clickable" data-site={s.siteId} onClick={() => onOpen(s.siteId)}>
              <td className="num">{s.rank}</td>
              <td>
                <button
                  type="button"
                  className="open-site"
                  aria-label={t.openSite(s.name)}
                  onClick={(e) => {
                    e.stopPropagation();
                    onOpen(s.siteId);
                  }}
                >
                  {s.name}
                </button>
              </td>
              <FigureCells f={s} lang={lang} />
            </tr>
          ))}
          <tr className="strong">
            <td />
            <td>{t.province}</td>
            <FigureCells f={report.total} lang={lang} />
          </tr>
        </tbody>
      </table>
    </section>
  );
}
