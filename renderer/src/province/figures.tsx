// One row of figures (a site, a field or a counter over a period) and its column heads, alike everywhere.
import type { ProvinceFigures } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { int, mins, pct } from '../common/format.ts';
import { texts } from '../common/text.ts';
import { provinceText } from './provinceText.ts';

/** `p90`: shown where the rows have it (a site's fields and counters have it only once the province keeps their histograms). */
export function FigureCells({ f, lang, p90 = true }: { f: ProvinceFigures; lang: Lang; p90?: boolean }) {
  return (
    <>
      <td className="num">{int(f.issued, lang)}</td>
      <td className="num">{int(f.served, lang)}</td>
      <td className="num">{pct(f.noShowRate, lang)}</td>
      <td className="num">{mins(f.waitAvgMs, lang)}</td>
      {p90 && <td className="num">{mins(f.waitP90Ms, lang)}</td>}
      <td className="num">{int(f.ratings, lang)}</td>
      <td className="num strong">{pct(f.satisfactionIndex, lang)}</td>
    </>
  );
}

export function FigureHeads({ lang, p90 = true }: { lang: Lang; p90?: boolean }) {
  const t = texts(provinceText, lang);
  return (
    <>
      {[t.issued, t.served, t.noShowRate, t.waitAvg, ...(p90 ? [t.waitP90] : []), t.ratings, t.satisfaction].map((h) => (
        <th key={h}>{h}</th>
      ))}
    </>
  );
}

/** Some row has a P90 wait: the column is worth showing. */
export function hasP90(rows: readonly ProvinceFigures[]): boolean {
  return rows.some((r) => r.waitP90Ms !== null);
}
