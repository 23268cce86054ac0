// After first-run setup the overview is empty: it lists what a center sets up before it opens,
// each step linked to its place and ticked when the hub says it is done (#24).
import { useEffect, useState } from 'react';
import type { CenterInfo, Device, Settings, Staff } from '../../../main/contract/index.ts';
import { api } from '../api.ts';
import { texts } from '../common/text.ts';
import { nextStepsText } from './nextStepsText.ts';

/** Where a step is done: a tab of the console, and for settings the section. */
export interface StepPlace {
  tab: 'settings' | 'fields' | 'counters' | 'staff' | 'devices';
  section?: string;
}

const HIDDEN_KEY = 'motcua.manager.nextStepsHidden';

export function NextSteps({
  token,
  lang,
  center,
  devices,
  go,
}: {
  token: string;
  lang: 'vi' | 'en';
  center: CenterInfo | null;
  devices: readonly Device[];
  go: (place: StepPlace) => void;
}) {
  const t = texts(nextStepsText, lang);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [staff, setStaff] = useState<Staff[] | null>(null);
  const [hidden, setHidden] = useState(() => localStorage.getItem(HIDDEN_KEY) === '1');
  // The console reloads the center on every configuration change: the steps are read again with it.
  useEffect(() => {
    if (hidden) return;
    api('settings:get', {}, token).then(setSettings, () => setSettings(null));
    api('staff:list', {}, token).then(setStaff, () => setStaff(null));
  }, [token, center, hidden]);
  if (hidden || !center || !settings || !staff) return null;

  const live = devices.filter((d) => !d.revoked);
  const steps: { id: string; label: string; how: string; done: boolean; place: StepPlace }[] = [
    {
      id: 'center',
      label: t.center,
      how: t.centerHow,
      done: settings.address.trim() !== '',
      place: { tab: 'settings', section: 'center' },
    },
    {
      id: 'hours',
      label: t.hours,
      how: t.hoursHow,
      done: settings.openingHours.enforced && Object.keys(settings.openingHours.week).length > 0,
      place: { tab: 'settings', section: 'hours' },
    },
    { id: 'fields', label: t.fields, how: t.fieldsHow, done: center.fields.length > 0, place: { tab: 'fields' } },
    { id: 'counters', label: t.counters, how: t.countersHow, done: center.counters.length > 0, place: { tab: 'counters' } },
    { id: 'staff', label: t.staff, how: t.staffHow, done: staff.some((s) => s.role === 'officer' && s.active), place: { tab: 'staff' } },
    { id: 'devices', label: t.devices, how: t.devicesHow, done: live.some((d) => d.paired), place: { tab: 'devices' } },
    {
      id: 'printer',
      label: t.printer,
      how: t.printerHow,
      done: live.some((d) => d.kind === 'kiosk' && d.printer !== null),
      place: { tab: 'devices' },
    },
    { id: 'phone', label: t.phone, how: t.phoneHow, done: settings.phoneBaseUrl !== '', place: { tab: 'settings', section: 'center' } },
  ];
  const done = steps.filter((s) => s.done).length;
  if (done === steps.length) return null;
  return (
    <section className="card next-steps" data-testid="next-steps">
      <div className="row">
        <h2>{t.title}</h2>
        <span className="muted" data-testid="next-steps-progress">
          {t.progress(done, steps.length)}
        </span>
        <button
          type="button"
          className="small"
          onClick={() => {
            localStorage.setItem(HIDDEN_KEY, '1');
            setHidden(true);
          }}
        >
          {t.hide}
        </button>
      </div>
      <ol>
        {steps.map((s) => (
          <li key={s.id} className={s.done ? 'done' : ''} data-testid={`step-${s.id}`} data-done={s.done}>
            <span className="tick" aria-label={s.done ? t.done : t.todo}>
              {s.done ? '✓' : ''}
            </span>
            <button type="button" className="link" title={t.go} onClick={() => go(s.place)}>
              {s.label}
            </button>
            <span className="muted">{s.how}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
