import type { CenterInfo, Device, Floor } from '../../../main/contract/index.ts';
import { printerStatusText } from './PrinterPanel.tsx';
import type { Lang } from '../api.ts';
import { formatDuration, tr, useNow } from '../common/ui.tsx';

export function FloorView({ floor, center, devices, lang }: { floor: Floor; center: CenterInfo; devices: Device[]; lang: Lang }) {
  const printers = devices.filter((d) => d.printer !== null && !d.revoked);
  const now = useNow(1000);
  const fieldName = (id: number) => {
    const f = center.fields.find((x) => x.id === id);
    return f ? (lang === 'vi' ? f.nameVi : f.nameEn) : `#${id}`;
  };
  const stateText = {
    closed: tr(lang, 'Đóng', 'Closed'),
    open: tr(lang, 'Đang làm việc', 'Working'),
    paused: tr(lang, 'Tạm dừng', 'Paused'),
  };
  return (
    <div className="floor">
      <section className="card">
        <h2>{tr(lang, 'Quầy', 'Counters')}</h2>
        <table className="grid" data-testid="floor-counters">
          <thead>
            <tr>
              <th>{tr(lang, 'Quầy', 'Counter')}</th>
              <th>{tr(lang, 'Trạng thái', 'State')}</th>
              <th>{tr(lang, 'Cán bộ', 'Officer')}</th>
              <th>{tr(lang, 'Số đang phục vụ', 'Current number')}</th>
              <th>{tr(lang, 'Thời gian', 'Time')}</th>
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
        <h2>{tr(lang, 'Lĩnh vực', 'Fields')}</h2>
        <table className="grid" data-testid="floor-fields">
          <thead>
            <tr>
              <th>{tr(lang, 'Lĩnh vực', 'Field')}</th>
              <th>{tr(lang, 'Đang chờ', 'Waiting')}</th>
              <th>{tr(lang, 'Chờ lâu nhất', 'Longest wait')}</th>
              <th>{tr(lang, 'Dự kiến', 'Estimate')}</th>
              <th>{tr(lang, 'Quầy mở', 'Open counters')}</th>
            </tr>
          </thead>
          <tbody>
            {floor.fields.map((f) => (
              <tr key={f.fieldId}>
                <td>{fieldName(f.fieldId)}</td>
                <td className="num strong">{f.waiting}</td>
                <td className="num">{f.oldestWaitingSince ? formatDuration(now - f.oldestWaitingSince) : '—'}</td>
                <td className="num">{f.waiting ? tr(lang, `${f.estimatedWaitMin} phút`, `${f.estimatedWaitMin} min`) : '—'}</td>
                <td className="num">{f.openCounters}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {printers.length > 0 && (
        <section className="card">
          <h2>{tr(lang, 'Máy in', 'Printers')}</h2>
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
        <h2>{tr(lang, 'Lượt gọi gần nhất', 'Latest calls')}</h2>
        <ol className="calls">
          {floor.recentCalls.map((t) => (
            <li key={t.id}>
              <strong>{t.number}</strong> → {tr(lang, `Quầy ${t.counterNumber ?? '?'}`, `Counter ${t.counterNumber ?? '?'}`)}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
