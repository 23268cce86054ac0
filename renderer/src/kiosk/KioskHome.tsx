// The kiosk's home: the fields to choose from, with how many wait, and the citizen's options.
import type { CenterInfo, Field, Floor } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { texts } from '../common/text.ts';
import { kioskText } from './kioskText.ts';

export function KioskHome(props: {
  lang: Lang;
  center: CenterInfo | null;
  floor: Floor | null;
  priority: boolean;
  contrast: boolean;
  busy: boolean;
  scannedCard: { offerPriority: boolean } | null;
  error: string | null;
  onTake: (f: Field) => void;
  onPriority: (on: boolean) => void;
  onLang: (l: Lang) => void;
  onContrast: (on: boolean) => void;
}) {
  const { lang, center, priority } = props;
  const t = texts(kioskText, lang);
  const loadOf = (fieldId: number) => props.floor?.fields.find((x) => x.fieldId === fieldId);
  return (
    <main className="kiosk-home">
      <h1>{t.chooseField}</h1>
      {props.scannedCard && (
        <p className="notice" data-testid="scanned-card">
          {t.cardRead}
          {props.scannedCard.offerPriority ? t.cardPriority : ''}
        </p>
      )}
      {props.error && <p className="error">{props.error}</p>}
      {center && !center.openNow && (
        <p className="notice" data-testid="closed">
          {t.closed}
        </p>
      )}
      <div className="fields">
        {center?.fields.map((f) => {
          const load = loadOf(f.id);
          return (
            <button
              key={f.id}
              type="button"
              className={`field-btn${priority ? ' priority' : ''}`}
              data-testid={`field-${f.code}`}
              disabled={!center.openNow || props.busy}
              onClick={() => props.onTake(f)}
            >
              <span className="field-name">{lang === 'vi' ? f.nameVi : f.nameEn}</span>
              <span className="field-meta">
                {t.waiting(load?.waiting ?? 0)}
                {load && load.waiting > 0 ? t.aboutMinutes(load.estimatedWaitMin) : ''}
              </span>
            </button>
          );
        })}
      </div>
      <div className="kiosk-tools">
        <button
          type="button"
          className={`toggle priority-toggle${priority ? ' on' : ''}`}
          aria-pressed={priority}
          data-testid="priority"
          onClick={() => props.onPriority(!priority)}
        >
          <strong>{t.priorityTitle}</strong>
          <span>{t.priorityWho}</span>
        </button>
        <button type="button" className="toggle" onClick={() => props.onLang(lang === 'vi' ? 'en' : 'vi')}>
          {t.otherLanguage}
        </button>
        <button
          type="button"
          className={`toggle${props.contrast ? ' on' : ''}`}
          aria-pressed={props.contrast}
          onClick={() => props.onContrast(!props.contrast)}
        >
          {t.highContrast}
        </button>
      </div>
    </main>
  );
}
