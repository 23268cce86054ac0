// The province's settings: what its report's heading and signature say (Nghị định 30/2020). A viewer
// reads them only.
import { useEffect, useState } from 'react';
import type { ProvinceReportSettings } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { texts } from '../common/text.ts';
import { ErrorNote } from '../common/ui.tsx';
import { papi } from './provinceApi.ts';
import { provinceText } from './provinceText.ts';

type Key = keyof ProvinceReportSettings;

export function ReportSettingsView(props: {
  token: string;
  lang: Lang;
  failure: (err: unknown) => string | null;
  onSaved: (s: ProvinceReportSettings) => void;
  readOnly: boolean;
}) {
  const { token, lang, failure } = props;
  const t = texts(provinceText, lang);
  const [draft, setDraft] = useState<ProvinceReportSettings | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    papi('province:settings', {}, token).then(setDraft, (err: unknown) => setError(failure(err)));
  }, [token, failure]);
  const fields: { key: Key; label: string; hint?: string; autoComplete?: string }[] = [
    { key: 'provinceName', label: t.provinceName, hint: t.provinceNameHint },
    { key: 'agency', label: t.agency, hint: t.agencyHint },
    { key: 'place', label: t.place, hint: t.placeHint },
    { key: 'signerTitle', label: t.signerTitle, hint: t.signerTitleHint },
    { key: 'signerName', label: t.signerName, autoComplete: 'off' },
  ];
  return (
    <div className="config">
      <form
        className="card edit"
        data-testid="report-settings"
        onSubmit={(e) => {
          e.preventDefault();
          if (!draft || props.readOnly) return;
          setSaved(false);
          papi('province:settings-update', draft, token).then(
            (next) => {
              setDraft(next);
              props.onSaved(next);
              setError(null);
              setSaved(true);
            },
            (err: unknown) => setError(failure(err)),
          );
        }}
      >
        <h2>{t.reportHeading}</h2>
        <p className="muted">{t.reportHeadingExplain}</p>
        {draft && (
          <div className="form-grid">
            {fields.map((f) => (
              <label key={f.key}>
                {f.label}
                <input
                  name={f.key}
                  value={draft[f.key]}
                  placeholder={f.hint}
                  autoComplete={f.autoComplete}
                  readOnly={props.readOnly}
                  onChange={(e) => {
                    setSaved(false);
                    setDraft({ ...draft, [f.key]: e.target.value });
                  }}
                />
              </label>
            ))}
          </div>
        )}
        <ErrorNote text={error} />
        {saved && (
          <p className="ok" role="status">
            {t.saved}
          </p>
        )}
        {!props.readOnly && (
          <button type="submit" className="primary" disabled={!draft}>
            {t.save}
          </button>
        )}
      </form>
    </div>
  );
}
