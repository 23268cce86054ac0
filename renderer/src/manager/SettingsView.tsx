// Center settings and backups.
import { useCallback, useEffect, useState } from 'react';
import type { BackupList, Settings } from '../../../main/contract/index.ts';
import { api, errorText } from '../api.ts';
import { ErrorNote, tr } from '../common/ui.tsx';
import type { ManagerContext } from './Manager.tsx';

type Day = '1' | '2' | '3' | '4' | '5' | '6' | '7';
const days: [Day, string, string][] = [
  ['1', 'Thứ Hai', 'Monday'],
  ['2', 'Thứ Ba', 'Tuesday'],
  ['3', 'Thứ Tư', 'Wednesday'],
  ['4', 'Thứ Năm', 'Thursday'],
  ['5', 'Thứ Sáu', 'Friday'],
  ['6', 'Thứ Bảy', 'Saturday'],
  ['7', 'Chủ Nhật', 'Sunday'],
];

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

export function SettingsView({ token, lang, center, reload: reloadCenter }: ManagerContext) {
  const [s, setS] = useState<Settings | null>(null);
  const [hoursText, setHoursText] = useState<Record<Day, string>>({ '1': '', '2': '', '3': '', '4': '', '5': '', '6': '', '7': '' });
  const [backups, setBackups] = useState<BackupList>({ backups: [], lastAttempt: null });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const settings = await api('settings:get', {}, token);
    setS(settings);
    setHoursText(Object.fromEntries(days.map(([d]) => [d, hoursToText(settings.openingHours.week[d])])) as Record<Day, string>);
    setBackups(await api('backups:list', {}, token));
  }, [token]);
  useEffect(() => {
    void load().catch((err: unknown) => setError(errorText(err, lang)));
  }, [load, lang]);

  if (!s) return <ErrorNote text={error} />;
  const set = (patch: Partial<Settings>) => {
    setS({ ...s, ...patch });
    setSaved(false);
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const week = Object.fromEntries(days.map(([d]) => [d, textToHours(hoursText[d])]).filter(([, v]) => (v as unknown[]).length > 0));
      await api('settings:update', { ...s, openingHours: { enforced: s.openingHours.enforced, week } }, token);
      setSaved(true);
      await load();
      await reloadCenter();
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };
  const text = (key: 'centerName' | 'centerNameEn' | 'address' | 'timezone' | 'ticketHeader' | 'ticketFooter', vi: string, en: string) => (
    <label>
      {tr(lang, vi, en)}
      <input name={key} value={s[key]} onChange={(e) => set({ [key]: e.target.value })} />
    </label>
  );
  const number = (key: 'backupIntervalMin' | 'backupKeep' | 'kioskIdleSeconds', vi: string, en: string) => (
    <label>
      {tr(lang, vi, en)}
      <input name={key} inputMode="numeric" value={String(s[key])} onChange={(e) => set({ [key]: Number(e.target.value) })} />
    </label>
  );
  return (
    <div className="config">
      <form
        className="card edit"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2>{tr(lang, 'Cài đặt trung tâm', 'Center settings')}</h2>
        <div className="form-grid">
          {text('centerName', 'Tên trung tâm', 'Center name (Vietnamese)')}
          {text('centerNameEn', 'Tên tiếng Anh', 'Center name (English)')}
          {text('address', 'Địa chỉ', 'Address')}
          {text('timezone', 'Múi giờ', 'Time zone')}
          {text('ticketHeader', 'Dòng đầu phiếu', 'Ticket header')}
          {text('ticketFooter', 'Dòng cuối phiếu', 'Ticket footer')}
          {number('kioskIdleSeconds', 'Kiosk về màn hình chính sau (giây)', 'Kiosk returns home after (s)')}
          {number('backupIntervalMin', 'Sao lưu tự động mỗi (phút, 0 = tắt)', 'Automatic backup every (min, 0 = off)')}
          {number('backupKeep', 'Số bản sao lưu giữ lại', 'Backups kept')}
          <label className="check">
            <input type="checkbox" checked={s.transferKeepsPlace} onChange={(e) => set({ transferKeepsPlace: e.target.checked })} />
            {tr(lang, 'Số được chuyển giữ nguyên vị trí chờ', 'Transferred tickets keep their place in line')}
          </label>
        </div>
        <h3>{tr(lang, 'Giờ tiếp nhận', 'Opening hours')}</h3>
        <label className="check">
          <input
            type="checkbox"
            checked={s.openingHours.enforced}
            onChange={(e) => set({ openingHours: { ...s.openingHours, enforced: e.target.checked } })}
          />
          {tr(lang, 'Chỉ cấp số trong giờ tiếp nhận', 'Issue tickets only during opening hours')}
        </label>
        <div className="form-grid">
          {days.map(([d, vi, en]) => (
            <label key={d}>
              {tr(lang, vi, en)}
              <input
                placeholder="07:30-11:30, 13:30-17:00"
                value={hoursText[d]}
                onChange={(e) => {
                  setHoursText({ ...hoursText, [d]: e.target.value });
                  setSaved(false);
                }}
              />
            </label>
          ))}
        </div>
        <h3>{tr(lang, 'Quét mã tại kiosk', 'Scanning at the kiosk')}</h3>
        <div className="form-grid" data-testid="scan-settings">
          <label>
            {tr(lang, 'Tuổi được ưu tiên (từ căn cước)', 'Priority from age (from the ID card)')}
            <input
              name="priorityAge"
              inputMode="numeric"
              value={String(s.scan.priorityAge)}
              onChange={(e) => set({ scan: { ...s.scan, priorityAge: Number(e.target.value) } })}
            />
          </label>
          <label>
            {tr(lang, 'Số lượt mỗi người mỗi ngày (0 = không giới hạn)', 'Tickets per person per day (0 = no limit)')}
            <input
              name="dailyLimitPerPerson"
              inputMode="numeric"
              value={String(s.scan.dailyLimitPerPerson)}
              onChange={(e) => set({ scan: { ...s.scan, dailyLimitPerPerson: Number(e.target.value) } })}
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={s.scan.appointmentPriority}
              onChange={(e) => set({ scan: { ...s.scan, appointmentPriority: e.target.checked } })}
            />
            {tr(lang, 'Công dân có lịch hẹn được ưu tiên', 'Appointments go to the priority queue')}
          </label>
          <div className="links wide">
            <strong>{tr(lang, 'Mã hồ sơ → lĩnh vực', 'Dossier codes → field')}</strong>
            <p className="muted">
              {tr(
                lang,
                'Mã hồ sơ quốc gia có dạng 000.00.12.H34-231123-0001: chọn "Mã đơn vị" và nhập mã (hoặc phần đầu mã) đơn vị tiếp nhận, để trống để nhận mọi mã hồ sơ. Mã khác: chọn "Bắt đầu bằng".',
                'National dossier codes look like 000.00.12.H34-231123-0001: choose "Unit code" and enter the receiving unit\'s code (or its start), empty for every dossier code. Other codes: choose "Starts with".',
              )}
            </p>
            {s.scan.dossierRoutes.map((r, i) => (
              <div className="row" key={i}>
                <select
                  aria-label={tr(lang, 'Cách nhận mã', 'How to match')}
                  value={r.match}
                  onChange={(e) =>
                    set({
                      scan: {
                        ...s.scan,
                        dossierRoutes: s.scan.dossierRoutes.map((x, k) =>
                          k === i ? { ...x, match: e.target.value as 'unit' | 'prefix' } : x,
                        ),
                      },
                    })
                  }
                >
                  <option value="unit">{tr(lang, 'Mã đơn vị', 'Unit code')}</option>
                  <option value="prefix">{tr(lang, 'Bắt đầu bằng', 'Starts with')}</option>
                </select>
                <input
                  className="grow"
                  value={r.value}
                  placeholder={
                    r.match === 'unit'
                      ? tr(
                          lang,
                          'mọi mã hồ sơ (hoặc mã đơn vị, vd. 000.00.12.H34)',
                          'every dossier code (or a unit code, e.g. 000.00.12.H34)',
                        )
                      : tr(lang, 'vd. HS-', 'e.g. HS-')
                  }
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
                  {tr(lang, 'Bỏ', 'Remove')}
                </button>
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
              {tr(lang, '+ Thêm quy tắc mã hồ sơ', '+ Add a dossier code rule')}
            </button>
          </div>
        </div>
        <h3>{tr(lang, 'Gọi số bằng giọng nói', 'Spoken calls')}</h3>
        <div className="form-grid" data-testid="voice-settings">
          <label className="check">
            <input type="checkbox" checked={s.voice.enabled} onChange={(e) => set({ voice: { ...s.voice, enabled: e.target.checked } })} />
            {tr(lang, 'Đọc số khi gọi', 'Speak each call')}
          </label>
          <label className="wide">
            {tr(lang, 'Câu đọc ({so} = số thứ tự, {quay} = số quầy)', 'Sentence ({so} = ticket, {quay} = counter)')}
            <input
              name="voiceTemplate"
              value={s.voice.template}
              onChange={(e) => set({ voice: { ...s.voice, template: e.target.value } })}
            />
          </label>
          <label>
            {tr(lang, 'Đọc số', 'Numbers')}
            <select
              value={s.voice.numberStyle}
              onChange={(e) => set({ voice: { ...s.voice, numberStyle: e.target.value as 'number' | 'digits' } })}
            >
              <option value="number">{tr(lang, 'Theo số (một nghìn không trăm hai mươi ba)', 'As a number')}</option>
              <option value="digits">{tr(lang, 'Từng chữ số (một không hai ba)', 'Digit by digit')}</option>
            </select>
          </label>
          <label>
            {tr(lang, 'Cách đọc', 'Dialect')}
            <select value={s.voice.dialect} onChange={(e) => set({ voice: { ...s.voice, dialect: e.target.value as 'north' | 'south' } })}>
              <option value="north">{tr(lang, 'Miền Bắc (nghìn, linh)', 'Northern (nghìn, linh)')}</option>
              <option value="south">{tr(lang, 'Miền Nam (ngàn, lẻ)', 'Southern (ngàn, lẻ)')}</option>
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={s.voice.tuAfterMuoi}
              onChange={(e) => set({ voice: { ...s.voice, tuAfterMuoi: e.target.checked } })}
            />
            {tr(lang, 'Đọc "hai mươi tư" (không phải "hai mươi bốn")', 'Say "hai mươi tư"')}
          </label>
          <label>
            {tr(lang, 'Số lần đọc', 'Repeat')}
            <select value={s.voice.repeat} onChange={(e) => set({ voice: { ...s.voice, repeat: Number(e.target.value) } })}>
              {[1, 2, 3].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            {tr(lang, 'Âm lượng', 'Volume')} ({Math.round(s.voice.volume * 100)}%)
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
            {tr(lang, 'Chuông trước khi đọc', 'Chime first')}
          </label>
          <label>
            {tr(
              lang,
              'Màn hình phát tiếng (mã thiết bị, trống = mọi màn hình sảnh)',
              'Speaking display (device id, empty = all hall displays)',
            )}
            <input
              inputMode="numeric"
              value={s.voice.speakerDeviceId === null ? '' : String(s.voice.speakerDeviceId)}
              onChange={(e) =>
                set({ voice: { ...s.voice, speakerDeviceId: e.target.value.trim() === '' ? null : Number(e.target.value) } })
              }
            />
          </label>
          <label className="wide">
            {tr(lang, 'Dòng chữ chạy trên màn hình sảnh', 'Scrolling notice on the hall display')}
            <input name="hallNotice" value={s.hallNotice} onChange={(e) => set({ hallNotice: e.target.value })} />
          </label>
        </div>
        <ErrorNote text={error} />
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {tr(lang, 'Lưu cài đặt', 'Save settings')}
          </button>
          {saved && <span className="ok">{tr(lang, 'Đã lưu.', 'Saved.')}</span>}
        </div>
      </form>
      <section className="card">
        <div className="row">
          <h2>{tr(lang, 'Sao lưu', 'Backups')}</h2>
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
            {tr(lang, 'Sao lưu ngay', 'Back up now')}
          </button>
        </div>
        {backups.lastAttempt && !backups.lastAttempt.ok && (
          <p className="error" role="alert">
            {tr(lang, 'Lần sao lưu gần nhất không thành công', 'The latest backup failed')} (
            {new Date(backups.lastAttempt.at).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}): {backups.lastAttempt.error}
          </p>
        )}
        <table className="grid">
          <tbody>
            {backups.backups.slice(0, 20).map((b) => (
              <tr key={b.file}>
                <td>{b.file}</td>
                <td className="num">{(b.bytes / 1024).toFixed(0)} KB</td>
                <td>{new Date(b.createdAt).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
