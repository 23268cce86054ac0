import type { CenterInfo, Device, Floor } from '../../../main/contract/index.ts';
import { printerStatusText } from './PrinterPanel.tsx';
import type { Lang } from '../api.ts';
import { formatDuration, useNow } from '../common/ui.tsx';
import { managerText } from './managerText.ts';

export function FloorView({ floor, center, devices, lang }: { floor: Floor; center: CenterInfo; devices: Device[]; lang: Lang }) {
  const printers = devices.filter((d) => d.printer !== null && !d.revoked);
  const now = useNow(1000);
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
            </tr>
          </thead>
          <tbody>
            {floor.counters.map(({ counter, current }) => (
              <tr key={counter.id} data-counter={counter.number}>
                <td className="strong">{lang === 'vi' ? counter.nameVi : counter.nameEn}</td>
                <td>
                  <span className={`state state-${counter.state}`}>{stateText[counter.state]}</span>
                </td>
                <td>{counter.staffName ?? '—'}</td>
                <td className="num strong">{current?.number ?? '—'}</td>
                <td className="num">{current ? formatDuration(now - (current.servingAt ?? current.calledAt ?? now)) : ''}</td>
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
            </tr>
          </thead>
          <tbody>
            {floor.fields.map((f) => (
              <tr key={f.fieldId}>
                <td>{fieldName(f.fieldId)}</td>
                <td className="num strong">{f.waiting}</td>
                <td className="num">{f.oldestWaitingSince ? formatDuration(now - f.oldestWaitingSince) : '—'}</td>
                <td className="num">{f.waiting ? managerText.min[lang](f.estimatedWaitMin) : '—'}</td>
                <td className="num">{f.openCounters}</td>
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
                  <td className="num muted">{d.printerStatus ? formatDuration(now - d.printerStatus.at) : ''}</td>
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
    </div>
  );
}
