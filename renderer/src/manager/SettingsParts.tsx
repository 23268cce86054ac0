// Parts of the settings form a manager fills without a programmer: the floor's alert thresholds,
// the rating screen's levels and reasons, and the bus of the LED boards above the counters.
import type { CenterInfo, Settings } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import type { FormErrors } from '../common/formErrors.ts';
import { num, Problem, shown } from './forms.tsx';
import { settingsText } from './settingsText.ts';

interface PartProps {
  s: Settings;
  set: (patch: Partial<Settings>) => void;
  errors: FormErrors;
  lang: Lang;
  center: CenterInfo | null;
}

export function AlertSettingsPart({ s, set, errors, lang, center }: PartProps) {
  const t = settingsText;
  const a = s.alerts;
  const setA = (patch: Partial<Settings['alerts']>) => set({ alerts: { ...a, ...patch } });
  const whole = (key: 'deviceUnseenMin' | 'counterPausedMin' | 'officerIdleMin' | 'queueLength' | 'fewCounters', label: string) => (
    <label>
      {label}
      <input name={`alerts.${key}`} inputMode="numeric" value={shown(a[key])} onChange={(e) => setA({ [key]: num(e.target.value) })} />
      <Problem errors={errors} name={`alerts.${key}`} />
    </label>
  );
  const row = (fieldId: number) => a.fields.find((f) => f.fieldId === fieldId) ?? { fieldId, waitMin: null, queueLength: null };
  const setRow = (fieldId: number, patch: { waitMin?: number | null; queueLength?: number | null }) => {
    const next = { ...row(fieldId), ...patch };
    const others = a.fields.filter((f) => f.fieldId !== fieldId);
    setA({ fields: next.waitMin === null && next.queueLength === null ? others : [...others, next] });
  };
  const optional = (v: string) => (v.trim() === '' ? null : num(v));
  return (
    <>
      <h3>{t.alerts[lang]}</h3>
      <div className="form-grid" data-testid="alert-settings">
        {whole('deviceUnseenMin', t.deviceUnseenMin[lang])}
        {whole('counterPausedMin', t.counterPausedMin[lang])}
        {whole('officerIdleMin', t.officerIdleMin[lang])}
        {whole('queueLength', t.queueLength[lang])}
        {whole('fewCounters', t.fewCounters[lang])}
        <div className="wide">
          <p className="muted">{t.perFieldExplain[lang]}</p>
          <table className="grid compact">
            <thead>
              <tr>
                <th>{t.field[lang]}</th>
                <th>{t.waitOver[lang]}</th>
                <th>{t.lineOf[lang]}</th>
              </tr>
            </thead>
            <tbody>
              {(center?.fields ?? []).map((f) => {
                const r = row(f.id);
                const i = a.fields.findIndex((x) => x.fieldId === f.id);
                return (
                  <tr key={f.id} data-field={f.id}>
                    <td>{lang === 'vi' ? f.nameVi : f.nameEn}</td>
                    <td>
                      <input
                        className="short"
                        name={`alerts.fields.${f.id}.waitMin`}
                        inputMode="numeric"
                        placeholder={String(f.targetWaitMin)}
                        value={r.waitMin === null ? '' : shown(r.waitMin)}
                        onChange={(e) => setRow(f.id, { waitMin: optional(e.target.value) })}
                      />
                      {i >= 0 && <Problem errors={errors} name={`alerts.fields.${i}.waitMin`} />}
                    </td>
                    <td>
                      <input
                        className="short"
                        name={`alerts.fields.${f.id}.queueLength`}
                        inputMode="numeric"
                        placeholder={String(a.queueLength)}
                        value={r.queueLength === null ? '' : shown(r.queueLength)}
                        onChange={(e) => setRow(f.id, { queueLength: optional(e.target.value) })}
                      />
                      {i >= 0 && <Problem errors={errors} name={`alerts.fields.${i}.queueLength`} />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}

export function RatingSettingsPart({ s, set, errors, lang }: PartProps) {
  const t = settingsText;
  const r = s.rating;
  const setR = (patch: Partial<Settings['rating']>) => set({ rating: { ...r, ...patch } });
  return (
    <>
      <h3>{t.rating[lang]}</h3>
      <div className="form-grid" data-testid="rating-settings">
        <div className="wide">
          <strong>{t.levels[lang]}</strong>
          <p className="muted">{t.levelsExplain[lang]}</p>
          <Problem errors={errors} name="rating.levels" />
          {r.levels.map((l, i) => (
            <div className="row" key={i} data-level={i}>
              <label className="inline">
                {t.value[lang]}
                <input
                  className="short"
                  name={`rating.levels.${i}.value`}
                  inputMode="numeric"
                  value={shown(l.value)}
                  onChange={(e) => setR({ levels: r.levels.map((x, k) => (k === i ? { ...x, value: num(e.target.value) } : x)) })}
                />
              </label>
              <input
                className="grow"
                name={`rating.levels.${i}.vi`}
                aria-label={t.vietnamese[lang]}
                value={l.vi}
                onChange={(e) => setR({ levels: r.levels.map((x, k) => (k === i ? { ...x, vi: e.target.value } : x)) })}
              />
              <input
                className="grow"
                name={`rating.levels.${i}.en`}
                aria-label={t.english[lang]}
                value={l.en}
                onChange={(e) => setR({ levels: r.levels.map((x, k) => (k === i ? { ...x, en: e.target.value } : x)) })}
              />
              <button type="button" disabled={r.levels.length <= 2} onClick={() => setR({ levels: r.levels.filter((_, k) => k !== i) })}>
                {t.remove[lang]}
              </button>
            </div>
          ))}
          <button
            type="button"
            disabled={r.levels.length >= 10}
            onClick={() =>
              setR({ levels: [...r.levels, { value: Math.max(1, Math.min(...r.levels.map((l) => l.value)) - 1), vi: '', en: '' }] })
            }
          >
            {t.addLevel[lang]}
          </button>
        </div>
        <div className="wide">
          <strong>{t.reasons[lang]}</strong>
          <Problem errors={errors} name="rating.reasons" />
          {r.reasons.map((x, i) => (
            <div className="row" key={i} data-reason={i}>
              <input
                className="grow"
                name={`rating.reasons.${i}.vi`}
                aria-label={t.vietnamese[lang]}
                value={x.vi}
                onChange={(e) => setR({ reasons: r.reasons.map((y, k) => (k === i ? { ...y, vi: e.target.value } : y)) })}
              />
              <input
                className="grow"
                name={`rating.reasons.${i}.en`}
                aria-label={t.english[lang]}
                value={x.en}
                onChange={(e) => setR({ reasons: r.reasons.map((y, k) => (k === i ? { ...y, en: e.target.value } : y)) })}
              />
              <button type="button" onClick={() => setR({ reasons: r.reasons.filter((_, k) => k !== i) })}>
                {t.remove[lang]}
              </button>
            </div>
          ))}
          <button
            type="button"
            disabled={r.reasons.length >= 20}
            onClick={() => setR({ reasons: [...r.reasons, { code: freeCode(r.reasons.map((x) => x.code)), vi: '', en: '' }] })}
          >
            {t.addReason[lang]}
          </button>
        </div>
        <label>
          {t.askReasonsAtOrBelow[lang]}
          <input
            name="rating.askReasonsAtOrBelow"
            inputMode="numeric"
            value={shown(r.askReasonsAtOrBelow)}
            onChange={(e) => setR({ askReasonsAtOrBelow: num(e.target.value) })}
          />
          <Problem errors={errors} name="rating.askReasonsAtOrBelow" />
        </label>
        <label>
          {t.ratingTimeout[lang]}
          <input
            name="rating.timeoutSec"
            inputMode="numeric"
            value={shown(r.timeoutSec)}
            onChange={(e) => setR({ timeoutSec: num(e.target.value) })}
          />
          <Problem errors={errors} name="rating.timeoutSec" />
        </label>
      </div>
    </>
  );
}

/** A reason's code is for statistics only: new reasons get one the manager never has to type. */
function freeCode(taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`ly-do-${n}`)) return `ly-do-${n}`;
}

export function LedBusPart({ s, set, errors, lang }: PartProps) {
  const t = settingsText;
  const bus = s.ledBus;
  return (
    <>
      <h3>{t.ledBoards[lang]}</h3>
      <div className="form-grid" data-testid="led-settings">
        <label>
          {t.ledConnection[lang]}
          <select
            name="ledBus.transport"
            value={bus?.transport ?? ''}
            onChange={(e) => {
              const v = e.target.value;
              if (v === '') set({ ledBus: null });
              else if (v === 'tcp') set({ ledBus: { transport: 'tcp', host: bus?.host ?? '', port: bus?.port ?? 4001 } });
              else set({ ledBus: { transport: 'serial', path: bus?.path ?? '/dev/ttyUSB0', baudRate: bus?.baudRate ?? 9600 } });
            }}
          >
            <option value="">{t.ledNone[lang]}</option>
            <option value="tcp">{t.ledTcp[lang]}</option>
            <option value="serial">{t.ledSerial[lang]}</option>
          </select>
          <Problem errors={errors} name="ledBus.transport" />
        </label>
        {bus?.transport === 'tcp' && (
          <>
            <label>
              {t.host[lang]}
              <input name="ledBus.host" value={bus.host ?? ''} onChange={(e) => set({ ledBus: { ...bus, host: e.target.value } })} />
              <Problem errors={errors} name="ledBus.host" />
            </label>
            <label>
              {t.port[lang]}
              <input
                name="ledBus.port"
                inputMode="numeric"
                value={shown(bus.port ?? NaN)}
                onChange={(e) => set({ ledBus: { ...bus, port: num(e.target.value) } })}
              />
              <Problem errors={errors} name="ledBus.port" />
            </label>
          </>
        )}
        {bus?.transport === 'serial' && (
          <>
            <label>
              {t.serialPath[lang]}
              <input name="ledBus.path" value={bus.path ?? ''} onChange={(e) => set({ ledBus: { ...bus, path: e.target.value } })} />
              <Problem errors={errors} name="ledBus.path" />
            </label>
            <label>
              {t.baudRate[lang]}
              <select
                name="ledBus.baudRate"
                value={bus.baudRate ?? 9600}
                onChange={(e) => set({ ledBus: { ...bus, baudRate: Number(e.target.value) } })}
              >
                {[2400, 4800, 9600, 19200, 38400, 57600, 115200].map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <p className="muted wide">{t.ledExplain[lang]}</p>
      </div>
    </>
  );
}

export function ReportSettingsPart({ s, set, errors, lang }: PartProps) {
  const t = settingsText;
  const r = s.report;
  const text = (key: 'agency' | 'place' | 'symbol' | 'preparedBy' | 'headTitle' | 'headName', label: string, placeholder: string) => (
    <label>
      {label}
      <input
        name={`report.${key}`}
        value={r[key]}
        placeholder={placeholder}
        onChange={(e) => set({ report: { ...r, [key]: e.target.value } })}
      />
      <Problem errors={errors} name={`report.${key}`} />
    </label>
  );
  return (
    <>
      <h3>{t.reports[lang]}</h3>
      <div className="form-grid" data-testid="report-settings">
        {text('agency', t.agency[lang], t.agencyExample[lang])}
        {text('place', t.place[lang], t.placeExample[lang])}
        {text('symbol', t.symbol[lang], 'TTPVHCC')}
        {text('preparedBy', t.preparedBy[lang], '')}
        {text('headTitle', t.headTitle[lang], t.headTitleExample[lang])}
        {text('headName', t.headName[lang], '')}
        <label className="wide">
          {t.recipients[lang]}
          <textarea
            name="report.recipients"
            rows={3}
            value={r.recipients}
            onChange={(e) => set({ report: { ...r, recipients: e.target.value } })}
          />
          <Problem errors={errors} name="report.recipients" />
        </label>
      </div>
    </>
  );
}
