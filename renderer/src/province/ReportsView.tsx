// The period's figures: the ranking of sites (what it ranks by said above it), each site opening
// into its fields and counters, and the official report as Excel or PDF.
import { useEffect, useRef, useState } from 'react';
import type { ProvinceReport, SiteDetail } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { DateInput } from '../common/DateInput.tsx';
import { dayIn, download } from '../common/format.ts';
import { texts } from '../common/text.ts';
import { ErrorNote } from '../common/ui.tsx';
import { papi, PROVINCE_TZ } from './provinceApi.ts';
import { provinceText } from './provinceText.ts';
import { RankingTable } from './RankingTable.tsx';
import { SiteDrillDown } from './SiteDrillDown.tsx';

export function ReportsView({ token, lang, failure }: { token: string; lang: Lang; failure: (err: unknown) => string | null }) {
  const t = texts(provinceText, lang);
  const [from, setFrom] = useState(() => `${dayIn(PROVINCE_TZ).slice(0, 7)}-01`);
  const [to, setTo] = useState(() => dayIn(PROVINCE_TZ));
  const [report, setReport] = useState<ProvinceReport | null>(null);
  const [detail, setDetail] = useState<SiteDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Back from a site: the keyboard returns to the row it left from.
  const opener = useRef<HTMLElement | null>(null);
  const fail = (err: unknown) => setError(failure(err));
  const show = () =>
    papi('province:report', { from, to }, token).then((r) => {
      setReport(r);
      setDetail(null);
      setError(null);
    }, fail);
  useEffect(() => {
    void show();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the first period only; then on demand
  }, []);
  const exportFile = (format: 'xlsx' | 'pdf') =>
    papi('province:export', { from, to, format }, token).then((f) => download(f.fileName, f.mime, f.base64), fail);
  const open = (siteId: number) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    papi('province:site-report', { id: siteId, from: report?.from ?? from, to: report?.to ?? to }, token).then(setDetail, fail);
  };
  const back = () => {
    setDetail(null);
    requestAnimationFrame(() => opener.current?.focus());
  };
  return (
    <div className="floor">
      <section className="card">
        <form
          className="row filters"
          onSubmit={(e) => {
            e.preventDefault();
            void show();
          }}
        >
          <label>
            {t.from}
            <DateInput lang={lang} name="from" value={from} onChange={setFrom} />
          </label>
          <label>
            {t.to}
            <DateInput lang={lang} name="to" value={to} onChange={setTo} />
          </label>
          <button type="submit" className="primary">
            {t.show}
          </button>
          <button type="button" onClick={() => void exportFile('xlsx')}>
            {t.exportXlsx}
          </button>
          <button type="button" onClick={() => void exportFile('pdf')}>
            {t.exportPdf}
          </button>
        </form>
        <ErrorNote text={error} />
      </section>
      {/* Kept while a site is open: back from it, the order chosen and the row left from are still there. */}
      {report && (
        <div hidden={detail !== null}>
          <RankingTable report={report} lang={lang} onOpen={open} />
        </div>
      )}
      {detail && <SiteDrillDown detail={detail} lang={lang} onBack={back} />}
    </div>
  );
}
