// Outside opening hours: the kiosk says so, when it opens again and the hours; no fields, no waits.
import type { CenterInfo } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { texts } from '../common/text.ts';
import { formatOpening, hoursLines } from './hours.ts';
import { kioskText } from './kioskText.ts';

export function KioskClosed({ lang, center }: { lang: Lang; center: CenterInfo }) {
  const t = texts(kioskText, lang);
  const lines = hoursLines(center.openingHours, lang);
  return (
    <main className="kiosk-closed" data-testid="closed">
      <h1>{t.closedTitle}</h1>
      {center.opensAt !== null && <p className="opens-at">{t.opensAt(formatOpening(center.opensAt, center.timezone, lang))}</p>}
      <p>{t.closed}</p>
      {lines.length > 0 && (
        <section className="hours">
          <h2>{t.hoursTitle}</h2>
          {lines.map((l) => (
            <div key={l}>{l}</div>
          ))}
        </section>
      )}
    </main>
  );
}
