// A kiosk's printer: how to reach it, its last status, a preview of the ticket, failed jobs to reprint.
import { useCallback, useEffect, useState } from 'react';
import {
  defaultPrinterConfig,
  printFaultLabel,
  printFaultOf,
  type Device,
  type PrinterConfig,
  type PrintJob,
} from '../../../main/contract/index.ts';
import { api, errorText, type Lang } from '../api.ts';
import { ErrorNote, tr } from '../common/ui.tsx';

export function printerStatusText(d: Device, lang: Lang): string {
  if (!d.printer) return tr(lang, 'Không có máy in', 'No printer');
  if (!d.printerStatus) return tr(lang, 'Chưa in lần nào', 'Not used yet');
  if (d.printerStatus.ok) return tr(lang, 'Sẵn sàng', 'Ready');
  return printFaultLabel[printFaultOf(d.printerStatus.fault)][lang];
}

export function PrinterPanel({ device, token, lang, onSaved }: { device: Device; token: string; lang: Lang; onSaved: () => void }) {
  const [cfg, setCfg] = useState<PrinterConfig>(device.printer ?? defaultPrinterConfig);
  const [enabled, setEnabled] = useState(device.printer !== null);
  const [preview, setPreview] = useState<string | null>(null);
  const [jobs, setJobs] = useState<PrintJob[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const loadJobs = useCallback(async () => setJobs(await api('print:jobs', { deviceId: device.id }, token)), [device.id, token]);
  useEffect(() => {
    void loadJobs().catch(() => undefined);
  }, [loadJobs]);
  useEffect(() => {
    void api('print:preview', { widthDots: cfg.widthDots }, token)
      .then((p) => setPreview(`data:image/png;base64,${p.png}`))
      .catch(() => setPreview(null));
  }, [cfg.widthDots, token]);

  const set = (patch: Partial<PrinterConfig>) => {
    setCfg({ ...cfg, ...patch });
    setSaved(false);
  };
  const save = async () => {
    setError(null);
    try {
      const clean: PrinterConfig = {
        ...cfg,
        ...(cfg.transport === 'tcp'
          ? { path: undefined, baudRate: undefined, queue: undefined }
          : cfg.transport === 'spooler'
            ? { path: undefined, baudRate: undefined, host: undefined, port: undefined }
            : cfg.transport === 'usb-raw'
              ? { path: undefined, baudRate: undefined, host: undefined, port: undefined, queue: undefined }
              : { host: undefined, port: undefined, queue: undefined }),
        ...(cfg.transport === 'usb-raw' ? {} : { usbVendorId: undefined, usbProductId: undefined }),
      };
      await api('devices:set-printer', { id: device.id, printer: enabled ? clean : null }, token);
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(errorText(err, lang));
    }
  };
  const failed = jobs.filter((j) => j.status === 'failed').slice(0, 10);

  return (
    <section className="card" data-testid="printer-panel">
      <h2>{tr(lang, `Máy in của ${device.name}`, `Printer of ${device.name}`)}</h2>
      <div className="printer-layout">
        <div className="form-grid">
          <label className="check">
            <input
              type="checkbox"
              checked={enabled}
              onChange={(e) => {
                setEnabled(e.target.checked);
                setSaved(false);
              }}
            />
            {tr(lang, 'Kiosk có máy in', 'This kiosk has a printer')}
          </label>
          <label>
            {tr(lang, 'Kết nối', 'Connection')}
            <select value={cfg.transport} onChange={(e) => set({ transport: e.target.value as PrinterConfig['transport'] })}>
              <option value="tcp">{tr(lang, 'Mạng LAN (cổng 9100)', 'Network (port 9100)')}</option>
              <option value="usb">USB (/dev/usb/lp0)</option>
              <option value="serial">{tr(lang, 'Cổng nối tiếp', 'Serial')}</option>
              <option value="spooler">{tr(lang, 'Máy in cài trong hệ điều hành (driver)', 'Printer installed in the OS (driver)')}</option>
              <option value="usb-raw">{tr(lang, 'USB trực tiếp (libusb / WinUSB)', 'Raw USB (libusb / WinUSB)')}</option>
            </select>
          </label>
          {cfg.transport === 'usb-raw' ? (
            <label>
              {tr(lang, 'Mã USB của máy in (VID:PID, hệ 16)', 'Printer USB ids (VID:PID, hex)')}
              <input
                defaultValue={
                  cfg.usbVendorId !== undefined
                    ? `${cfg.usbVendorId.toString(16).padStart(4, '0')}:${(cfg.usbProductId ?? 0).toString(16).padStart(4, '0')}`
                    : ''
                }
                placeholder="0519:2013"
                onChange={(e) => {
                  const m = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(e.target.value.trim());
                  set(
                    m
                      ? { usbVendorId: parseInt(m[1]!, 16), usbProductId: parseInt(m[2]!, 16) }
                      : { usbVendorId: undefined, usbProductId: undefined },
                  );
                }}
              />
            </label>
          ) : cfg.transport === 'spooler' ? (
            <>
              <label>
                {tr(lang, 'Tên máy in (Windows) hoặc hàng đợi CUPS', 'Printer name (Windows) or CUPS queue')}
                <input value={cfg.queue ?? ''} placeholder="XP-80C" onChange={(e) => set({ queue: e.target.value })} />
              </label>
              <p className="muted wide">
                {tr(
                  lang,
                  'Qua hệ điều hành, máy in không báo trạng thái (hết giấy, mở nắp): kiosk chỉ biết phiếu "đã gửi tới máy in".',
                  'Through the operating system the printer reports no status (paper out, cover open): the kiosk only knows the ticket was "sent to the printer".',
                )}
              </p>
            </>
          ) : cfg.transport === 'tcp' ? (
            <>
              <label>
                {tr(lang, 'Địa chỉ IP', 'IP address')}
                <input value={cfg.host ?? ''} onChange={(e) => set({ host: e.target.value })} />
              </label>
              <label>
                {tr(lang, 'Cổng', 'Port')}
                <input inputMode="numeric" value={String(cfg.port ?? 9100)} onChange={(e) => set({ port: Number(e.target.value) })} />
              </label>
            </>
          ) : (
            <label>
              {tr(lang, 'Thiết bị', 'Device')}
              <input
                value={cfg.path ?? ''}
                placeholder={cfg.transport === 'usb' ? '/dev/usb/lp0' : '/dev/ttyUSB0 · COM3'}
                onChange={(e) => set({ path: e.target.value })}
              />
            </label>
          )}
          <label>
            {tr(lang, 'Máy nào điều khiển máy in', 'Who drives the printer')}
            <select value={cfg.attachedTo} onChange={(e) => set({ attachedTo: e.target.value as PrinterConfig['attachedTo'] })}>
              <option value="hub">
                {tr(lang, 'Máy chủ (máy in mạng hoặc cắm vào máy chủ)', 'The hub (network printer, or plugged into the hub PC)')}
              </option>
              <option value="device">{tr(lang, 'Ứng dụng trên kiosk', 'The kiosk app')}</option>
            </select>
          </label>
          <label>
            {tr(lang, 'Khổ giấy', 'Paper width')}
            <select value={cfg.widthDots} onChange={(e) => set({ widthDots: Number(e.target.value) as PrinterConfig['widthDots'] })}>
              <option value={576}>80 mm (576 dots, 203 dpi)</option>
              <option value={512}>80 mm (512 dots, 180 dpi)</option>
              <option value={384}>58 mm (384 dots)</option>
            </select>
          </label>
          <label>
            {tr(lang, 'Chế độ in', 'Print mode')}
            <select value={cfg.mode} onChange={(e) => set({ mode: e.target.value as PrinterConfig['mode'] })}>
              <option value="raster">{tr(lang, 'Ảnh (đủ dấu tiếng Việt trên mọi máy)', 'Picture (Vietnamese on any printer)')}</option>
              <option value="text">{tr(lang, 'Chữ (máy có bảng mã tiếng Việt)', 'Text (printer with a Vietnamese code page)')}</option>
            </select>
          </label>
          {cfg.mode === 'text' && (
            <>
              <label>
                {tr(lang, 'Bảng mã (ESC t n)', 'Code page (ESC t n)')}
                <input inputMode="numeric" value={String(cfg.codePage)} onChange={(e) => set({ codePage: Number(e.target.value) })} />
              </label>
              <label>
                {tr(lang, 'Mã hoá', 'Encoding')}
                <select value={cfg.textEncoding} onChange={(e) => set({ textEncoding: e.target.value as PrinterConfig['textEncoding'] })}>
                  <option value="cp1258">Windows-1258</option>
                  <option value="tcvn">TCVN-3</option>
                </select>
              </label>
              <label className="check">
                <input type="checkbox" checked={cfg.cancelKanji} onChange={(e) => set({ cancelKanji: e.target.checked })} />
                {tr(lang, 'Gửi FS . trước (máy in Trung Quốc)', 'Send FS . first (Chinese printers)')}
              </label>
            </>
          )}
        </div>
        {preview && (
          <img className="ticket-preview" src={preview} alt={tr(lang, 'Mẫu phiếu', 'Ticket preview')} data-testid="ticket-preview" />
        )}
      </div>
      <ErrorNote text={error} />
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()}>
          {tr(lang, 'Lưu máy in', 'Save printer')}
        </button>
        {saved && <span className="ok">{tr(lang, 'Đã lưu.', 'Saved.')}</span>}
      </div>
      {failed.length > 0 && (
        <>
          <h3>{tr(lang, 'Phiếu in lỗi gần đây', 'Recent failed tickets')}</h3>
          <table className="grid">
            <tbody>
              {failed.map((j) => (
                <tr key={j.id}>
                  <td>#{j.ticketId}</td>
                  <td>{printFaultLabel[printFaultOf(j.errorCode)][lang]}</td>
                  <td>{new Date(j.updatedAt).toLocaleTimeString('vi-VN')}</td>
                  <td>
                    <button
                      type="button"
                      onClick={() =>
                        void api('print:reprint', { id: j.id }, token)
                          .then(loadJobs)
                          .catch((err: unknown) => setError(errorText(err, lang)))
                      }
                    >
                      {tr(lang, 'In lại', 'Reprint')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
