// Center settings and backups, in sections that each save on their own: a change to the hall
// notice never waits for (or sends) a half-typed change to opening hours.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Settings as SettingsSchema, type BackupList, type Device, type Settings } from '../../../main/contract/index.ts';
import { api, errorText } from '../api.ts';
import { ErrorNote } from '../common/ui.tsx';
import { commonText } from '../common/commonText.ts';
import type { ManagerContext } from './Manager.tsx';
import { managerText } from './managerText.ts';
import { AnnouncementPlayer } from '../display/audio.ts';
import { ProvinceLinkCard } from './ProvinceLinkCard.tsx';
import { num, Problem, shown, useChecked } from './forms.tsx';
import type { FormErrors } from '../common/formErrors.ts';
import { keysOf, oneOf } from '../common/choice.ts';
import { AlertSettingsPart, LedBusPart, RatingSettingsPart, ReportSettingsPart } from './SettingsParts.tsx';
import { settingsText, weekdayText } from './settingsText.ts';
import { SmsSettings } from './SmsSettings.tsx';
import { smsSettingsText } from './smsSettingsText.ts';

type SectionId = 'center' | 'kiosk' | 'queue' | 'hours' | 'scan' | 'voice' | 'alerts' | 'rating' | 'led' | 'report' | 'backup' | 'sms';
/** What each section saves: the rest of the settings are sent as the hub last gave them. */
const sectionKeys: Record<SectionId, (keyof Settings)[]> = {
  center: ['centerName', 'centerNameEn', 'address', 'timezone', 'phoneBaseUrl'],
  kiosk: ['ticketHeader', 'ticketFooter', 'kioskIdleSeconds', 'kioskTicketSeconds'],
  queue: ['transferKeepsPlace', 'priorityMaxInRow'],
  hours: ['openingHours'],
  scan: ['scan'],
  voice: ['voice', 'hallNotice'],
  alerts: ['alerts'],
  rating: ['rating'],
  led: ['ledBus'],
  report: ['report'],
  backup: ['backupIntervalMin', 'backupKeep'],
  sms: ['sms'],
};
const sectionTitle = {
  center: settingsText.sectionCenter,
  kiosk: settingsText.sectionKiosk,
  queue: settingsText.sectionQueue,
  hours: settingsText.sectionHours,
  scan: settingsText.sectionScan,
  voice: settingsText.sectionVoice,
  alerts: settingsText.sectionAlerts,
  rating: settingsText.sectionRating,
  led: settingsText.sectionLed,
  report: settingsText.sectionReport,
  backup: settingsText.sectionBackup,
  sms: smsSettingsText.section,
} satisfies Record<SectionId, unknown>;
const sectionOf = (key: keyof Settings): SectionId =>
  // every key of Settings is listed in one section of sectionKeys
  keysOf(sectionKeys).find((id) => sectionKeys[id].includes(key))!;
function pick(from: Settings, keys: readonly (keyof Settings)[]): Partial<Settings> {
  return Object.fromEntries(keys.map((k) => [k, from[k]]));
}

type Day = '1' | '2' | '3' | '4' | '5' | '6' | '7';
const days = keysOf(weekdayText);
const noHoursText: Record<Day, string> = { '1': '', '2': '', '3': '', '4': '', '5': '', '6': '', '7': '' };
/** Each day's sessions as they are typed. */
function hoursTextOf(week: Settings['openingHours']['week']): Record<Day, string> {
  const out = { ...noHoursText };
  for (const d of days) out[d] = hoursToText(week[d]);
  return out;
}

/** "07:30-11:30, 13:30-17:00" ⇄ [["07:30","11:30"],["13:30","17:00"]] */
export function hoursToText(intervals: [string, string][] | undefined): string {
  return (intervals ?? []).map(([a, b]) => `${a}-${b}`).join(', ');
}
export function textToHours(text: string): [string, string][] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [a = '', b = ''] = s.split('-').map((x) => x.trim());
      return [a, b];
    });
}

export function SettingsView({ token, lang, center, isAdmin, reload: reloadCenter }: ManagerContext) {
  const [s, setS] = useState<Settings | null>(null);
  /** The settings as the hub last gave them: a section's Save sends these with that section's changes. */
  const [server, setServer] = useState<Settings | null>(null);
  const [dirty, setDirty] = useState<ReadonlySet<SectionId>>(new Set());
  const [savedId, setSavedId] = useState<SectionId | null>(null);
  const [savingId, setSavingId] = useState<SectionId | null>(null);
  const [playing, setPlaying] = useState(false);
  const [hoursText, setHoursText] = useState<Record<Day, string>>(noHoursText);
  const [backups, setBackups] = useState<BackupList>({ backups: [], lastAttempt: null });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [displays, setDisplays] = useState<Device[]>([]);
  const [spoken, setSpoken] = useState<{ words: string[]; text: string; missing: string[] } | null>(null);
  /** This hub's LAN addresses, offered for the phone link (the manager picks; nothing is set by itself). */
  const [phoneOffer, setPhoneOffer] = useState<{ candidates: string[]; loopbackOnly: boolean } | null>(null);
  const voice = s?.voice ?? null;
  const form = useChecked<Settings>(lang, async (fn) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await reloadCenter();
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  });
  // Each section keeps its own problems until its next Save: saving one section does not hide another's.
  const [kept, setKept] = useState<Partial<Record<SectionId, FormErrors>>>({});
  useEffect(() => {
    if (savingId) setKept((k) => ({ ...k, [savingId]: form.errors }));
  }, [form.errors, savingId]);
  const errors: FormErrors = Object.fromEntries(Object.values(kept).flatMap((e) => Object.entries(e ?? {})));

  // What the sentence will sound like, and what the pack cannot say, as it is typed (never after saving).
  useEffect(() => {
    if (!voice) return;
    const timer = setTimeout(() => {
      api('voice:preview', voice, token).then(setSpoken, () => setSpoken(null));
    }, 250);
    return () => clearTimeout(timer);
  }, [voice, token]);

  const load = useCallback(async () => {
    const settings = await api('settings:get', {}, token);
    setS(settings);
    setServer(settings);
    setHoursText(hoursTextOf(settings.openingHours.week));
    setBackups(await api('backups:list', {}, token));
    setDisplays((await api('devices:list', {}, token)).filter((d) => d.kind === 'display' && !d.revoked));
    setPhoneOffer(await api('settings:phone-addresses', {}, token).catch(() => null));
  }, [token]);
  useEffect(() => {
    void load().catch((err: unknown) => setError(errorText(err, lang)));
  }, [load, lang]);
  // Opened at a section (the overview's next steps link here): that section in view, once.
  const loaded = s !== null;
  useEffect(() => {
    if (loaded && location.hash.startsWith('#settings-'))
      document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [loaded]);

  if (!s || !server) return <ErrorNote text={error} />;
  const touched = (id: SectionId) => {
    setDirty((d) => new Set([...d, id]));
    if (savedId === id) setSavedId(null);
  };
  const set = (patch: Partial<Settings>) => {
    setS({ ...s, ...patch });
    for (const key of keysOf(patch)) touched(sectionOf(key));
  };
  const save = (id: SectionId) => {
    const week = Object.fromEntries(
      days.map((d): [Day, [string, string][]] => [d, textToHours(hoursText[d])]).filter(([, v]) => v.length > 0),
    );
    const draft = { ...s, openingHours: { enforced: s.openingHours.enforced, week } };
    const keys = sectionKeys[id];
    const body = { ...server, ...pick(draft, keys) };
    setSavingId(id);
    setSavedId(null);
    return form.submit(SettingsSchema, body, async (data) => {
      const out = await api('settings:update', data, token);
      // Only this section takes the hub's answer: the others keep what is being typed in them.
      setServer(out);
      setS((cur) => (cur ? { ...cur, ...pick(out, keys) } : out));
      if (id === 'hours') setHoursText(hoursTextOf(out.openingHours.week));
      setDirty((d) => new Set([...d].filter((x) => x !== id)));
      setSavedId(id);
    });
  };
  const missing = spoken?.missing ?? [];
  const section = (id: SectionId, children: ReactNode, opts: { title?: boolean; blocked?: string | null } = {}) => (
    <form
      key={id}
      id={`settings-${id}`}
      className="card edit settings-section"
      data-testid={`section-${id}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save(id);
      }}
    >
      {opts.title !== false && <h2>{sectionTitle[id][lang]}</h2>}
      {children}
      <ErrorNote text={(savingId === id ? error : null) ?? (Object.keys(kept[id] ?? {}).length > 0 ? managerText.fixMarked[lang] : null)} />
      <div className="row section-save">
        <button type="submit" className="primary" disabled={busy || !!opts.blocked}>
          {managerText.saveSettings[lang]}
        </button>
        {opts.blocked && (
          <span className="error" data-testid={`blocked-${id}`}>
            {opts.blocked}
          </span>
        )}
        {savedId === id && !dirty.has(id) && <span className="ok">{managerText.saved[lang]}</span>}
        {dirty.has(id) && <span className="muted">{settingsText.unsaved[lang]}</span>}
      </div>
    </form>
  );
  const text = (key: 'centerName' | 'centerNameEn' | 'address' | 'timezone' | 'ticketHeader' | 'ticketFooter' | 'phoneBaseUrl') => (
    <label>
      {settingsText[key][lang]}
      <input name={key} value={s[key]} onChange={(e) => set({ [key]: e.target.value })} />
      <Problem errors={errors} name={key} />
    </label>
  );
  const number = (key: 'backupIntervalMin' | 'backupKeep' | 'kioskIdleSeconds' | 'kioskTicketSeconds') => (
    <label>
      {settingsText[key][lang]}
      <input name={key} inputMode="numeric" value={shown(s[key])} onChange={(e) => set({ [key]: num(e.target.value) })} />
      <Problem errors={errors} name={key} />
    </label>
  );
  const nav = keysOf(sectionKeys);
  return (
    <div className="config settings-view">
      <nav className="card settings-nav" aria-label={settingsText.sections[lang]}>
        {nav.map((id) => (
          <button
            key={id}
            type="button"
            className={dirty.has(id) ? 'dirty' : ''}
            onClick={() => document.getElementById(`settings-${id}`)?.scrollIntoView({ block: 'start' })}
          >
            {sectionTitle[id][lang]}
          </button>
        ))}
      </nav>
      <h2 className="settings-title">{managerText.centerSettings[lang]}</h2>
      {section(
        'center',
        <div className="form-grid">
          {text('centerName')}
          {text('centerNameEn')}
          {text('address')}
          {text('timezone')}
          {text('phoneBaseUrl')}
          {phoneOffer && (
            <div className="wide" data-testid="phone-address-offer">
              {phoneOffer.loopbackOnly ? (
                <p className="muted">{commonText.phoneAddressLoopbackOnly[lang]}</p>
              ) : phoneOffer.candidates.length > 0 ? (
                <div className="row">
                  <span className="muted">{commonText.addressesOfThisHub[lang]}</span>
                  {phoneOffer.candidates.map((url) => (
                    <button type="button" key={url} disabled={s.phoneBaseUrl === url} onClick={() => set({ phoneBaseUrl: url })}>
                      {commonText.useThis[lang]} <code>{url}</code>
                    </button>
                  ))}
                </div>
              ) : null}
            </div>
          )}
        </div>,
      )}
      {section(
        'kiosk',
        <div className="form-grid">
          {text('ticketHeader')}
          {text('ticketFooter')}
          {number('kioskIdleSeconds')}
          {number('kioskTicketSeconds')}
        </div>,
      )}
      {section(
        'queue',
        <div className="form-grid">
          <label className="check">
            <input type="checkbox" checked={s.transferKeepsPlace} onChange={(e) => set({ transferKeepsPlace: e.target.checked })} />
            {managerText.transferredTicketsKeepTheirPlace[lang]}
          </label>
          <label>
            {managerText.priorityMaxInRow[lang]}
            <input
              name="priorityMaxInRow"
              inputMode="numeric"
              value={shown(s.priorityMaxInRow)}
              onChange={(e) => set({ priorityMaxInRow: num(e.target.value) })}
            />
            <Problem errors={errors} name="priorityMaxInRow" />
          </label>
        </div>,
      )}
      {section(
        'hours',
        <>
          <label className="check">
            <input
              type="checkbox"
              checked={s.openingHours.enforced}
              onChange={(e) => set({ openingHours: { ...s.openingHours, enforced: e.target.checked } })}
            />
            {managerText.issueTicketsOnlyDuringOpening[lang]}
          </label>
          <div className="form-grid">
            {days.map((d) => (
              <label key={d}>
                {weekdayText[d][lang]}
                <input
                  placeholder="07:30-11:30, 13:30-17:00"
                  value={hoursText[d]}
                  onChange={(e) => {
                    setHoursText({ ...hoursText, [d]: e.target.value });
                    touched('hours');
                  }}
                />
                <Problem errors={errors} name={`openingHours.week.${d}`} />
              </label>
            ))}
          </div>
        </>,
      )}
      {section(
        'scan',
        <div className="form-grid" data-testid="scan-settings">
          <label>
            {managerText.priorityFromAgeFromThe[lang]}
            <input
              name="priorityAge"
              inputMode="numeric"
              value={shown(s.scan.priorityAge)}
              onChange={(e) => set({ scan: { ...s.scan, priorityAge: num(e.target.value) } })}
            />
            <Problem errors={errors} name="scan.priorityAge" />
          </label>
          <label>
            {managerText.ticketsPerPersonPerDay[lang]}
            <input
              name="dailyLimitPerPerson"
              inputMode="numeric"
              value={shown(s.scan.dailyLimitPerPerson)}
              onChange={(e) => set({ scan: { ...s.scan, dailyLimitPerPerson: num(e.target.value) } })}
            />
            <Problem errors={errors} name="scan.dailyLimitPerPerson" />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={s.scan.appointmentPriority}
              onChange={(e) => set({ scan: { ...s.scan, appointmentPriority: e.target.checked } })}
            />
            {managerText.appointmentsGoToThePriority[lang]}
          </label>
          <div className="links wide">
            <strong>{managerText.dossierCodesField[lang]}</strong>
            <p className="muted">{managerText.nationalDossierCodesLookLike[lang]}</p>
            {s.scan.dossierRoutes.map((r, i) => (
              <div className="row" key={i}>
                <select
                  aria-label={managerText.howToMatch[lang]}
                  value={r.match}
                  onChange={(e) =>
                    set({
                      scan: {
                        ...s.scan,
                        dossierRoutes: s.scan.dossierRoutes.map((x, k) =>
                          k === i ? { ...x, match: oneOf(['unit', 'prefix'] as const, e.target.value) ?? x.match } : x,
                        ),
                      },
                    })
                  }
                >
                  <option value="unit">{managerText.unitCode[lang]}</option>
                  <option value="prefix">{managerText.startsWith[lang]}</option>
                </select>
                <input
                  className="grow"
                  value={r.value}
                  placeholder={r.match === 'unit' ? managerText.everyDossierCodeOrA[lang] : managerText.eGHs[lang]}
                  onChange={(e) =>
                    set({
                      scan: {
                        ...s.scan,
                        dossierRoutes: s.scan.dossierRoutes.map((x, k) => (k === i ? { ...x, value: e.target.value } : x)),
                      },
                    })
                  }
                />
                <select
                  value={r.fieldId}
                  onChange={(e) =>
                    set({
                      scan: {
                        ...s.scan,
                        dossierRoutes: s.scan.dossierRoutes.map((x, k) => (k === i ? { ...x, fieldId: Number(e.target.value) } : x)),
                      },
                    })
                  }
                >
                  {center?.fields.map((f) => (
                    <option key={f.id} value={f.id}>
                      {lang === 'vi' ? f.nameVi : f.nameEn}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  onClick={() => set({ scan: { ...s.scan, dossierRoutes: s.scan.dossierRoutes.filter((_, k) => k !== i) } })}
                >
                  {managerText.remove[lang]}
                </button>
                <Problem errors={errors} name={`scan.dossierRoutes.${i}.value`} />
              </div>
            ))}
            <button
              type="button"
              onClick={() =>
                set({
                  scan: {
                    ...s.scan,
                    dossierRoutes: [...s.scan.dossierRoutes, { match: 'unit', value: '', fieldId: center?.fields[0]?.id ?? 1 }],
                  },
                })
              }
            >
              {managerText.addADossierCodeRule[lang]}
            </button>
          </div>
        </div>,
      )}
      {section(
        'voice',
        <div className="form-grid" data-testid="voice-settings">
          <label className="check">
            <input type="checkbox" checked={s.voice.enabled} onChange={(e) => set({ voice: { ...s.voice, enabled: e.target.checked } })} />
            {managerText.speakEachCall[lang]}
          </label>
          <label className="wide">
            {managerText.sentenceSoTicketQuayCounter[lang]}
            <input
              name="voiceTemplate"
              value={s.voice.template}
              onChange={(e) => set({ voice: { ...s.voice, template: e.target.value } })}
            />
            <Problem errors={errors} name="voice.template" />
          </label>
          <div className="wide voice-check" data-testid="voice-check">
            {spoken && spoken.missing.length > 0 ? (
              <span className="error">{managerText.voiceMissing[lang](spoken.missing.join(', '))}</span>
            ) : spoken ? (
              <span className="ok">{managerText.voiceComplete[lang](spoken.text)}</span>
            ) : null}
            <button
              type="button"
              data-testid="voice-listen"
              disabled={!spoken || playing}
              aria-busy={playing}
              onClick={() => {
                if (!spoken) return;
                const player = new AnnouncementPlayer(`/voice/${s.voice.pack}`);
                window.__motcuaPlayer = player; // the play log, for support and tests
                setPlaying(true);
                void player
                  .unlock()
                  .then(() => player.enqueue(spoken.words, { repeat: 1, volume: s.voice.volume, chime: s.voice.chime }))
                  .finally(() => setPlaying(false));
              }}
            >
              {playing ? settingsText.playing[lang] : managerText.listen[lang]}
            </button>
            <span role="status" className="muted" data-testid="voice-playing">
              {playing ? settingsText.playingSample[lang] : ''}
            </span>
          </div>
          <label>
            {managerText.numbers[lang]}
            <select
              value={s.voice.numberStyle}
              onChange={(e) =>
                set({ voice: { ...s.voice, numberStyle: oneOf(['number', 'digits'] as const, e.target.value) ?? s.voice.numberStyle } })
              }
            >
              <option value="number">{managerText.asANumber[lang]}</option>
              <option value="digits">{managerText.digitByDigit[lang]}</option>
            </select>
          </label>
          <label>
            {managerText.dialect[lang]}
            <select
              value={s.voice.dialect}
              onChange={(e) =>
                set({ voice: { ...s.voice, dialect: oneOf(['north', 'south'] as const, e.target.value) ?? s.voice.dialect } })
              }
            >
              <option value="north">{managerText.northernNghNLinh[lang]}</option>
              <option value="south">{managerText.southernNgNL[lang]}</option>
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={s.voice.tuAfterMuoi}
              onChange={(e) => set({ voice: { ...s.voice, tuAfterMuoi: e.target.checked } })}
            />
            {managerText.sayHaiMIT[lang]}
          </label>
          <label>
            {managerText.repeat[lang]}
            <select value={s.voice.repeat} onChange={(e) => set({ voice: { ...s.voice, repeat: Number(e.target.value) } })}>
              {[1, 2, 3].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            {managerText.volume[lang]} ({Math.round(s.voice.volume * 100)}%)
            <input
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={s.voice.volume}
              onChange={(e) => set({ voice: { ...s.voice, volume: Number(e.target.value) } })}
            />
          </label>
          <label className="check">
            <input type="checkbox" checked={s.voice.chime} onChange={(e) => set({ voice: { ...s.voice, chime: e.target.checked } })} />
            {managerText.chimeFirst[lang]}
          </label>
          <label>
            {managerText.speakingDisplay[lang]}
            <select
              name="speaker"
              value={s.voice.speakerDeviceId === null ? '' : String(s.voice.speakerDeviceId)}
              onChange={(e) => set({ voice: { ...s.voice, speakerDeviceId: e.target.value === '' ? null : Number(e.target.value) } })}
            >
              <option value="">{managerText.everyHallDisplay[lang]}</option>
              {displays.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label className="wide">
            {managerText.scrollingNoticeOnTheHall[lang]}
            <input name="hallNotice" value={s.hallNotice} onChange={(e) => set({ hallNotice: e.target.value })} />
            <Problem errors={errors} name="hallNotice" />
          </label>
        </div>,
        { blocked: missing.length > 0 ? settingsText.voiceBlocksSave[lang](missing.join(', ')) : null },
      )}
      {section('alerts', <AlertSettingsPart s={s} set={set} errors={errors} lang={lang} center={center} />, { title: false })}
      {section(
        'rating',
        <>
          <RatingSettingsPart s={s} set={set} errors={errors} lang={lang} center={center} />
          <label className="check">
            <input
              type="checkbox"
              name="ratingOnPhone"
              checked={s.rating.onPhone}
              onChange={(e) => set({ rating: { ...s.rating, onPhone: e.target.checked } })}
            />
            {managerText.ratingOnPhone[lang]}
          </label>
        </>,
        { title: false },
      )}
      {section('led', <LedBusPart s={s} set={set} errors={errors} lang={lang} center={center} />, { title: false })}
      {section('report', <ReportSettingsPart s={s} set={set} errors={errors} lang={lang} center={center} />, { title: false })}
      {section('sms', <SmsSettings s={s} set={set} errors={errors} lang={lang} token={token} />, { title: false })}
      {section(
        'backup',
        <div className="form-grid">
          {number('backupIntervalMin')}
          {number('backupKeep')}
        </div>,
      )}
      <ProvinceLinkCard token={token} lang={lang} isAdmin={isAdmin} timezone={s.timezone} />
      <section className="card">
        <div className="row">
          <h2>{managerText.backups[lang]}</h2>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void (async () => {
                setBusy(true);
                try {
                  await api('backups:create', {}, token);
                  setBackups(await api('backups:list', {}, token));
                } catch (err) {
                  setError(errorText(err, lang));
                } finally {
                  setBusy(false);
                }
              })()
            }
          >
            {managerText.backUpNow[lang]}
          </button>
        </div>
        {backups.lastAttempt && !backups.lastAttempt.ok && (
          <p className="error" role="alert">
            {managerText.theLatestBackupFailed[lang]} ({new Date(backups.lastAttempt.at).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}
            ): {backups.lastAttempt.error}
          </p>
        )}
        <table className="grid">
          <tbody>
            {backups.backups.slice(0, 20).map((b) => (
              <tr key={b.file}>
                <td>{b.file}</td>
                <td className="num">{managerText.kilobytes[lang]((b.bytes / 1024).toFixed(0))}</td>
                <td>{new Date(b.createdAt).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
