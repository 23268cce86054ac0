// The kiosk's home: the fields to choose from (each saying whether it can give a number now), the
// warnings a citizen needs before choosing, and the citizen's options, always on screen.
import { useEffect, useRef, useState } from 'react';
import type { CenterInfo, Field, FieldLoad, Floor } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { texts } from '../common/text.ts';
import { fieldGrid } from './fieldGrid.ts';
import { kioskText } from './kioskText.ts';
import { useFieldFit } from './useFieldFit.ts';
import type { VoicePaging, VoicePriority } from './useVoiceGuide.ts';
import type { PageButton, PagePlace } from './voiceTouch.ts';

type Choice = { field: Field; paused: false } | { field: CenterInfo['pausedFields'][number]; paused: true };

/** Portrait or landscape, following the screen (a kiosk may be turned). */
function usePortrait(): boolean {
  const query = '(orientation: portrait)';
  const [portrait, setPortrait] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const m = window.matchMedia(query);
    const on = () => setPortrait(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return portrait;
}

export function KioskHome(props: {
  lang: Lang;
  center: CenterInfo;
  floor: Floor | null;
  priority: boolean;
  contrast: boolean;
  large: boolean;
  busy: boolean;
  /** Nobody has touched the kiosk for its idle time: the next citizen starts on the first page. */
  idle: boolean;
  /** The hub cannot be reached: nothing can be issued. */
  offline: boolean;
  /** The printer's fault, in words, when it has one. */
  printerFault: string | null;
  scannedCard: { offerPriority: boolean } | null;
  error: string | null;
  /** Voice guidance, when the pack can speak (useVoiceGuide.ts): a touch then says a name first. */
  voice?: VoiceToggle | null;
  onTake: (f: Field) => void;
  onPriority: (on: boolean) => void;
  onLang: (l: Lang) => void;
  onContrast: (on: boolean) => void;
  onLarge: (on: boolean) => void;
}) {
  const { lang, center, priority } = props;
  const t = texts(kioskText, lang);
  const portrait = usePortrait();
  const [page, setPage] = useState(0);
  useEffect(() => {
    if (props.idle) setPage(0);
  }, [props.idle]);
  const choices: Choice[] = [
    ...center.fields.map((field) => ({ field, paused: false as const })),
    ...center.pausedFields.map((field) => ({ field, paused: true as const })),
  ].sort((a, b) => a.field.sortOrder - b.field.sortOrder || a.field.id - b.field.id);
  // Names never clipped: shrink a little, then fewer rows a page (see useFieldFit).
  const listRef = useRef<HTMLDivElement>(null);
  const fit = useFieldFit(
    listRef,
    [choices.length, portrait, props.large, lang, !!props.scannedCard, props.printerFault, props.offline, !!props.error].join('|'),
  );
  const grid = fieldGrid(choices.length, portrait, props.large, fit.rowsCap, fit.colsCap);
  const shownPage = Math.min(page, grid.pages - 1);
  const shown = choices.slice(shownPage * grid.perPage, (shownPage + 1) * grid.perPage);

  // Voice guidance on a paged screen says the paging buttons and the pages too: offered only when
  // the pack can say them, and it goes quietly when the fields come to take more pages than it can
  // say (larger text turned on); the paging buttons then work at one touch, as before.
  const paging = props.voice?.paging ?? null;
  const unsayable = grid.pages > 1 && !(paging?.available ?? false);
  const voice = unsayable ? null : props.voice;
  const { voice: offered } = props;
  useEffect(() => {
    if (unsayable && offered?.on) offered.onVoice(false);
  }, [unsayable, offered]);
  const placeOf = (p: number): PagePlace => ({
    page: p + 1,
    pages: grid.pages,
    count: choices.slice(p * grid.perPage, (p + 1) * grid.perPage).length,
  });
  const here = placeOf(shownPage);
  // The guide says the page after its offer when the mode starts: it is told the page at each render.
  useEffect(() => {
    paging?.showing(grid.pages > 1 ? here : null);
  });
  /** Off, a touch turns the page; on, the first says what the button does and where the citizen is. */
  const pageTouch = (button: PageButton, to: number) => {
    const there = to >= 0 && to < grid.pages ? placeOf(to) : null;
    if (!voice?.on || !paging) {
      if (there) setPage(to);
      return;
    }
    paging.touch(button, here, there, () => setPage(to));
  };
  const loadOf = (fieldId: number): FieldLoad | undefined => props.floor?.fields.find((x) => x.fieldId === fieldId);

  /** No active counter is set up for the field: its tickets wait for nobody (said, not hidden). */
  const unserved = (fieldId: number) => !center.counters.some((c) => c.active && c.fields.some((l) => l.fieldId === fieldId));
  // The hub's one rule: no minutes while no counter serving the field is open (estimatedWaitMin null).
  const meta = (load: FieldLoad | undefined): string => {
    if (!load) return '';
    if (load.waiting === 0) return t.waiting(0);
    return t.waiting(load.waiting) + (load.estimatedWaitMin === null ? t.noCounterOpen : t.aboutMinutes(load.estimatedWaitMin));
  };

  return (
    <main className={`kiosk-home${priority ? ' priority-mode' : ''}`}>
      <h1 data-testid="kiosk-heading">{priority ? t.choosePriority : t.chooseField}</h1>
      {props.offline && (
        <p className="kiosk-alert" role="alert" data-testid="kiosk-offline">
          <strong>{t.hubUnreachable}</strong> {t.askStaff}
        </p>
      )}
      {!props.offline && props.printerFault && (
        <p className="kiosk-alert" role="alert" data-testid="kiosk-printer-fault">
          {t.printerFault(props.printerFault)} {t.askStaff}
        </p>
      )}
      {props.scannedCard && (
        <p className="notice" data-testid="scanned-card">
          {t.cardRead}
          {props.scannedCard.offerPriority ? t.cardPriority : ''}
        </p>
      )}
      {props.error && !props.offline && <p className="error">{props.error}</p>}
      <div
        className={`fields cols-${grid.cols}${grid.rows > 7 ? ' dense' : ''}`}
        style={{
          gridTemplateColumns: `repeat(${grid.cols}, minmax(0, 1fr))`,
          gridTemplateRows: `repeat(${grid.rows}, minmax(0, 1fr))`,
          '--rows': grid.rows,
          '--cols': grid.cols,
          fontSize: `${fit.scale}em`,
        }}
        ref={listRef}
        data-testid="fields"
      >
        {shown.map(({ field: f, paused }) => {
          const load = paused ? undefined : loadOf(f.id);
          const full = load?.full ?? false;
          const state = paused ? t.fieldPaused : full ? t.fieldFull : null;
          return (
            <button
              key={f.id}
              type="button"
              className={`field-btn${priority ? ' priority' : ''}${state ? ' unavailable' : ''}${voice?.heardFieldId === f.id ? ' heard' : ''}`}
              data-testid={`field-${f.code}`}
              // In voice guidance a field giving no number stays touchable, to say so: a blind citizen hears why.
              disabled={(state !== null && !voice?.on) || props.offline || props.busy}
              onClick={() => (state !== null ? voice?.onNotTaking(f.id) : !paused && props.onTake(f))}
            >
              <span className="field-name">{lang === 'vi' ? f.nameVi : f.nameEn}</span>
              {/* Nobody serves it: said instead of the line's length, on the one line the state has. */}
              {!state && unserved(f.id) ? (
                <span className="field-meta field-warn">{t.fieldUnserved}</span>
              ) : (
                <span className="field-meta">{state ?? meta(load)}</span>
              )}
            </button>
          );
        })}
      </div>
      {grid.pages > 1 && (
        <div className="kiosk-pages">
          {/* In voice guidance a button with no page that way stays touchable, to say where the citizen is. */}
          <button
            type="button"
            className={`toggle${shownPage === 0 ? ' no-page' : ''}${voice?.on && paging?.heardButton === 'previous' ? ' heard' : ''}`}
            data-testid="page-previous"
            disabled={shownPage === 0 && !voice?.on}
            onClick={() => pageTouch('previous', shownPage - 1)}
          >
            {t.previousPage}
          </button>
          <span data-testid="page">{t.pageOf(shownPage + 1, grid.pages)}</span>
          <button
            type="button"
            className={`toggle${shownPage >= grid.pages - 1 ? ' no-page' : ''}${voice?.on && paging?.heardButton === 'next' ? ' heard' : ''}`}
            data-testid="page-next"
            disabled={shownPage >= grid.pages - 1 && !voice?.on}
            onClick={() => pageTouch('next', shownPage + 1)}
          >
            {t.nextPage}
          </button>
        </div>
      )}
      <KioskTools {...props} voice={voice} />
    </main>
  );
}

type VoiceToggle = {
  on: boolean;
  onVoice: (on: boolean) => void;
  heardFieldId: number | null;
  /** A touch, with the mode on, on a paused or full field: it says it takes no tickets now. */
  onNotTaking: (fieldId: number) => void;
  /** The paging buttons and the priority button, said first on a touch as a field is. */
  paging: VoicePaging;
  priority: VoicePriority;
};

/** Priority, language, contrast, text size and voice: at the bottom of every home screen. */
export function KioskTools(props: {
  lang: Lang;
  priority: boolean;
  contrast: boolean;
  large: boolean;
  onPriority: (on: boolean) => void;
  onLang: (l: Lang) => void;
  onContrast: (on: boolean) => void;
  onLarge: (on: boolean) => void;
  hidePriority?: boolean;
  voice?: VoiceToggle | null;
}) {
  const { voice } = props;
  const t = texts(kioskText, props.lang);
  // In voice guidance the priority button is touched as a field is: the first touch says what it is.
  const spoken = voice?.priority ?? null;
  const onPriority = () => {
    if (voice?.on && spoken) spoken.touch(props.priority, () => props.onPriority(!props.priority));
    else props.onPriority(!props.priority);
  };
  return (
    <div className="kiosk-tools">
      {!props.hidePriority && (
        <button
          type="button"
          className={`toggle priority-toggle${props.priority ? ' on' : ''}${voice?.on && spoken?.heard ? ' heard' : ''}`}
          aria-pressed={props.priority}
          data-testid="priority"
          onClick={onPriority}
        >
          <strong>{t.priorityTitle}</strong>
          <span>{t.priorityWho}</span>
        </button>
      )}
      <button type="button" className="toggle" onClick={() => props.onLang(props.lang === 'vi' ? 'en' : 'vi')}>
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
      <button
        type="button"
        className={`toggle${props.large ? ' on' : ''}`}
        aria-pressed={props.large}
        data-testid="large-text"
        onClick={() => props.onLarge(!props.large)}
      >
        {t.largeText}
      </button>
      {voice && (
        <button
          type="button"
          className={`toggle voice-toggle${voice.on ? ' on' : ''}`}
          aria-pressed={voice.on}
          data-testid="voice-guide"
          onClick={() => voice.onVoice(!voice.on)}
        >
          {t.voiceGuide}
        </button>
      )}
    </div>
  );
}
