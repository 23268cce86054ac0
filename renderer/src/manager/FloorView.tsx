// The live floor: alerts first, then counters, lines, printers and the latest calls; a manager acts
// from here on what the alerts point at.
import { useState } from 'react';
import { pauseReasonText, type CenterInfo, type Device, type Floor } from '../../../main/contract/index.ts';
import { printerStatusText } from './printerState.ts';
import type { Lang } from '../api.ts';
import { useNow } from '../common/ui.tsx';
import { durationWords } from '../common/text.ts';
import { managerText } from './managerText.ts';
import { alertSentence, floorText } from './floorText.ts';
import { CancelTicketForm, FloorActionDialog, type FloorAsk } from './FloorActions.tsx';

export function FloorView(props: { floor: Floor; center: CenterInfo; devices: Device[]; lang: Lang; token: string }) {
  const { floor, center, devices, lang } = props;
  const printers = devices.filter((d) => d.printer !== null && !d.revoked);
  const now = useNow(1000);
  const [ask, setAsk] = useState<FloorAsk | null>(null);
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const done = (text: string, failed = false) => setMessage(text ? { text, failed } : null);
  const fieldName = (id: number) => {
    const f = center.fields.find((x) => x.id === id);
    return f ? (lang === 'vi' ? f.nameVi : f.nameEn) : `#${id}`;
  };
  const stateText = {
    closed: managerText.closed[lang],
    open: managerText.working[lang],
    paused: managerText.paused[lang],
  };
  return (
    <div className="floor">
      <section className={`card floor-alerts${floor.alerts.length ? ' has-alerts' : ''}`} data-testid="floor-alerts">
        <h2>
          {floorText.alerts[lang]} ({floor.alerts.length})
        </h2>
        {floor.alerts.length === 0 ? (
          <p className="muted">{floorText.noAlerts[lang]}</p>
        ) : (
          <ul className="alerts">
            {floor.alerts.map((a) => (
              <li key={a.key} data-alert={a.kind} className={`alert alert-${a.kind}`}>
                <span>{alertSentence(a, lang)}</span>
                <span className="muted num">{durationWords(now - a.since, lang)}</span>
              </li>
            ))}
          </ul>
        )}
        {message && (
          <p className={message.failed ? 'error' : 'notice'} role="status" data-testid="floor-message">
            {message.text}
          </p>
        )}
        <CancelTicketForm lang={lang} token={props.token} onDone={done} />
      </section>
      <section className="card">
        <h2>{managerText.counters[lang]}</h2>
        <table className="grid" data-testid="floor-counters">
          <thead>
            <tr>
              <th>{managerText.counter[lang]}</th>
              <th>{managerText.state[lang]}</th>
              <th>{managerText.officer[lang]}</th>
              <th>{managerText.currentNumber[lang]}</th>
              <th>{managerText.time[lang]}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {floor.counters.map(({ counter, current }) => (
              <tr key={counter.id} data-counter={counter.number}>
                <td className="strong">{lang === 'vi' ? counter.nameVi : counter.nameEn}</td>
                <td>
                  <span className={`state state-${counter.state}`}>
                    {stateText[counter.state]}
                    {counter.state === 'paused' && counter.pauseReason ? ` · ${pauseReasonText[counter.pauseReason][lang]}` : ''}
                  </span>
                </td>
                <td>{counter.staffName ?? '—'}</td>
                <td className="num strong">{current?.number ?? '—'}</td>
                <td className="num">{current ? durationWords(now - (current.servingAt ?? current.calledAt ?? now), lang) : ''}</td>
                <td>
                  {counter.state !== 'closed' && (
                    <button
                      type="button"
                      className="small"
                      data-testid={`close-counter-${counter.number}`}
                      onClick={() =>
                        setAsk({ kind: 'close-counter', counterId: counter.id, name: lang === 'vi' ? counter.nameVi : counter.nameEn })
                      }
                    >
                      {floorText.closeCounter[lang]}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2>{managerText.fields[lang]}</h2>
        <table className="grid" data-testid="floor-fields">
          <thead>
            <tr>
              <th>{managerText.field[lang]}</th>
              <th>{managerText.waiting[lang]}</th>
              <th>{managerText.longestWait[lang]}</th>
              <th>{managerText.estimate[lang]}</th>
              <th>{managerText.openCounters[lang]}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {floor.fields.map((f) => (
              <tr key={f.fieldId} data-field={f.fieldId}>
                <td>
                  {fieldName(f.fieldId)}
                  {f.waiting > 0 && !center.counters.some((c) => c.active && c.fields.some((l) => l.fieldId === f.fieldId)) && (
                    <span className="badge unserved-field" data-testid={`unserved-${f.fieldId}`}>
                      {floorText.unservedField[lang]}
                    </span>
                  )}
                </td>
                <td className="num strong">{f.waiting}</td>
                <td className="num">{f.oldestWaitingSince ? durationWords(now - f.oldestWaitingSince, lang) : '—'}</td>
                <td className="num">
                  {!f.waiting
                    ? '—'
                    : f.estimatedWaitMin === null
                      ? floorText.noCounterOpen[lang]
                      : managerText.min[lang](f.estimatedWaitMin)}
                </td>
                <td className="num">{f.openCounters}</td>
                <td>
                  {f.waiting > 0 && (
                    <button
                      type="button"
                      className="small"
                      data-testid={`move-waiting-${f.fieldId}`}
                      onClick={() => setAsk({ kind: 'move-waiting', fieldId: f.fieldId, name: fieldName(f.fieldId), waiting: f.waiting })}
                    >
                      {floorText.moveWaiting[lang]}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {printers.length > 0 && (
        <section className="card">
          <h2>{managerText.printers[lang]}</h2>
          <table className="grid" data-testid="floor-printers">
            <tbody>
              {printers.map((d) => (
                <tr key={d.id} data-device={d.id} className={d.printerStatus && !d.printerStatus.ok ? 'fault' : undefined}>
                  <td>{d.name}</td>
                  <td className={d.printerStatus && !d.printerStatus.ok ? 'error' : undefined}>{printerStatusText(d, lang)}</td>
                  <td className="num muted">{d.printerStatus ? durationWords(now - d.printerStatus.at, lang) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section className="card">
        <h2>{managerText.latestCalls[lang]}</h2>
        <ol className="calls">
          {floor.recentCalls.map((t) => (
            <li key={t.id}>
              <strong>{t.number}</strong> → {managerText.counter2[lang](t.counterNumber ?? '?')}
            </li>
          ))}
        </ol>
      </section>
      {ask && <FloorActionDialog ask={ask} lang={lang} token={props.token} center={center} onClose={() => setAsk(null)} onDone={done} />}
    </div>
  );
}
