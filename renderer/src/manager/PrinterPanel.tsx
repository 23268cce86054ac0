// A kiosk's printer: how to reach it, its last status, a preview of the ticket, failed jobs to reprint.
import { useCallback, useEffect, useState } from 'react';
import {
  PaperWidthDots,
  PrinterConfig as PrinterSchema,
  printFaultText,
  defaultPrinterConfig,
  printFaultLabel,
  printFaultOf,
  type Device,
  type PrinterConfig,
  type ListedPrintJob,
} from '../../../main/contract/index.ts';
import { api, errorText, type Lang } from '../api.ts';
import { ErrorNote } from '../common/ui.tsx';
import { oneOf } from '../common/choice.ts';

const paperWidths = PaperWidthDots.options.map((o) => o.value);
import { managerText } from './managerText.ts';
import { num, Problem, shown, useChecked } from './forms.tsx';
import { cleanedPrinter, printsToCheck } from './printerState.ts';

function jobStateText(j: ListedPrintJob, lang: Lang): string {
  if (j.status === 'uncertain') return managerText.mayStillPrint[lang];
  if (j.status === 'printed') return managerText.sentNotConfirmed[lang];
  return printFaultLabel[printFaultOf(j.errorCode)][lang];
}

export function PrinterPanel({ device, token, lang, onSaved }: { device: Device; token: string; lang: Lang; onSaved: () => void }) {
  const [cfg, setCfg] = useState<PrinterConfig>(device.printer ?? defaultPrinterConfig);
  const [enabled, setEnabled] = useState(device.printer !== null);
  const [preview, setPreview] = useState<string | null>(null);
  const [jobs, setJobs] = useState<ListedPrintJob[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [tested, setTested] = useState<{ text: string; ok: boolean } | null>(null);
  /** What the last test print measured: mm/s, null when it could not tell, undefined before a test. */
  const [measured, setMeasured] = useState<number | null | undefined>(undefined);
  const form = useChecked<PrinterConfig>(lang, async (fn) => {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err, lang));
    }
  });

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
    setTested(null);
  };
  const cleaned = (): PrinterConfig => cleanedPrinter(cfg);
  const save = () => {
    setError(null);
    if (!enabled)
      return api('devices:set-printer', { id: device.id, printer: null }, token).then(
        () => {
          setSaved(true);
          onSaved();
        },
        (err: unknown) => setError(errorText(err, lang)),
      );
    return form.submit(PrinterSchema, cleaned(), async (printer) => {
      await api('devices:set-printer', { id: device.id, printer }, token);
      setSaved(true);
      onSaved();
    });
  };
  const test = () =>
    form.submit(PrinterSchema, cleaned(), async (printer) => {
      setTested(null);
      setMeasured(undefined);
      const r = await api('print:test', { printer }, token);
      if (r.printed) setMeasured(r.speedMmPerSec);
      setTested(
        r.printed
          ? { ok: true, text: (r.paperLow ? managerText.testPrintedPaperLow : managerText.testPrinted)[lang] }
          : { ok: false, text: managerText.testFailed[lang](printFaultText[r.fault ?? 'error'][lang]) },
      );
    });
  const failed = printsToCheck(jobs);

  return (
    <section className="card" data-testid="printer-panel">
      <h2>{managerText.printerOf[lang](device.name)}</h2>
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
            {managerText.thisKioskHasAPrinter[lang]}
          </label>
          <label>
            {managerText.connection[lang]}
            <select
              value={cfg.transport}
              onChange={(e) => {
                const transport = oneOf(PrinterSchema.shape.transport.options, e.target.value);
                if (!transport) return;
                // A printer's address and a CUPS server's are different things: neither carries over.
                const otherHost = transport !== cfg.transport && (transport === 'spooler' || cfg.transport === 'spooler');
                set({ transport, ...(otherHost ? { host: undefined, port: undefined } : {}) });
              }}
            >
              <option value="tcp">{managerText.networkPort[lang](cfg.transport === 'tcp' && cfg.port ? cfg.port : 9100)}</option>
              <option value="usb">{managerText.usbPort[lang]}</option>
              <option value="serial">{managerText.serial[lang]}</option>
              <option value="spooler">{managerText.printerInstalledInTheOs[lang]}</option>
              <option value="usb-raw">{managerText.rawUsbLibusbWinusb[lang]}</option>
            </select>
          </label>
          {cfg.transport === 'usb-raw' ? (
            <label>
              {managerText.printerUsbIdsVidPid[lang]}
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
                    // a match holds both groups
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
                {managerText.printerNameWindowsOrCups[lang]}
                <input name="queue" value={cfg.queue ?? ''} placeholder="XP-80C" onChange={(e) => set({ queue: e.target.value })} />
                <Problem errors={form.errors} name="queue" />
              </label>
              <label>
                {managerText.cupsServer[lang]}
                <input name="host" value={cfg.host ?? ''} placeholder="192.168.1.20" onChange={(e) => set({ host: e.target.value })} />
                <Problem errors={form.errors} name="host" />
              </label>
              <label>
                {managerText.cupsPort[lang]}
                <input
                  name="port"
                  inputMode="numeric"
                  value={shown(cfg.port ?? NaN)}
                  placeholder="631"
                  onChange={(e) => set({ port: num(e.target.value) })}
                />
                <Problem errors={form.errors} name="port" />
              </label>
              <p className="muted wide">{managerText.throughTheOperatingSystemThe[lang]}</p>
            </>
          ) : cfg.transport === 'tcp' ? (
            <>
              <label>
                {managerText.ipAddress[lang]}
                <input name="host" value={cfg.host ?? ''} onChange={(e) => set({ host: e.target.value })} />
                <Problem errors={form.errors} name="host" />
              </label>
              <label>
                {managerText.port[lang]}
                <input
                  name="port"
                  inputMode="numeric"
                  value={shown(cfg.port ?? NaN)}
                  onChange={(e) => set({ port: num(e.target.value) })}
                />
                <Problem errors={form.errors} name="port" />
              </label>
            </>
          ) : (
            <label>
              {managerText.device[lang]}
              <input
                value={cfg.path ?? ''}
                name="path"
                placeholder={cfg.transport === 'usb' ? '/dev/usb/lp0' : '/dev/ttyUSB0 · COM3'}
                onChange={(e) => set({ path: e.target.value })}
              />
              <Problem errors={form.errors} name="path" />
            </label>
          )}
          <label>
            {managerText.whoDrivesThePrinter[lang]}
            <select
              value={cfg.attachedTo}
              onChange={(e) => set({ attachedTo: oneOf(PrinterSchema.shape.attachedTo.options, e.target.value) ?? cfg.attachedTo })}
            >
              <option value="hub">{managerText.theHubNetworkPrinterOr[lang]}</option>
              <option value="device">{managerText.theKioskApp[lang]}</option>
            </select>
          </label>
          <label>
            {managerText.paperWidth[lang]}
            <select value={cfg.widthDots} onChange={(e) => set({ widthDots: oneOf(paperWidths, Number(e.target.value)) ?? cfg.widthDots })}>
              <option value={576}>{managerText.paper80[lang](576, 203)}</option>
              <option value={512}>{managerText.paper80[lang](512, 180)}</option>
              <option value={384}>{managerText.paper58[lang]}</option>
            </select>
          </label>
          <label>
            {managerText.printSpeed[lang]}
            <input
              name="speedMmPerSec"
              inputMode="numeric"
              value={cfg.speedMmPerSec === undefined ? '' : shown(cfg.speedMmPerSec)}
              placeholder={managerText.printSpeedUnset[lang]}
              title={managerText.printSpeedHelp[lang]}
              onChange={(e) => set({ speedMmPerSec: e.target.value.trim() === '' ? undefined : num(e.target.value) })}
            />
            <Problem errors={form.errors} name="speedMmPerSec" />
          </label>
          <label>
            {managerText.printMode[lang]}
            <select value={cfg.mode} onChange={(e) => set({ mode: oneOf(PrinterSchema.shape.mode.options, e.target.value) ?? cfg.mode })}>
              <option value="raster">{managerText.pictureVietnameseOnAnyPrinter[lang]}</option>
              <option value="text">{managerText.textPrinterWithAVietnamese[lang]}</option>
            </select>
          </label>
          {cfg.mode === 'text' && (
            <>
              <label>
                {managerText.codePageEscTN[lang]}
                <input
                  name="codePage"
                  inputMode="numeric"
                  value={shown(cfg.codePage)}
                  onChange={(e) => set({ codePage: num(e.target.value) })}
                />
                <Problem errors={form.errors} name="codePage" />
              </label>
              <label>
                {managerText.encoding[lang]}
                <select
                  value={cfg.textEncoding}
                  onChange={(e) =>
                    set({ textEncoding: oneOf(PrinterSchema.shape.textEncoding.options, e.target.value) ?? cfg.textEncoding })
                  }
                >
                  <option value="cp1258">Windows-1258</option>
                  <option value="tcvn">TCVN-3</option>
                </select>
              </label>
              <label className="check">
                <input type="checkbox" checked={cfg.cancelKanji} onChange={(e) => set({ cancelKanji: e.target.checked })} />
                {managerText.sendFsFirstChinesePrinters[lang]}
              </label>
            </>
          )}
        </div>
        {preview && <img className="ticket-preview" src={preview} alt={managerText.ticketPreview[lang]} data-testid="ticket-preview" />}
      </div>
      <ErrorNote text={error} />
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()}>
          {managerText.savePrinter[lang]}
        </button>
        <button type="button" data-testid="test-print" disabled={!enabled} onClick={() => void test()}>
          {managerText.testPrint[lang]}
        </button>
        {saved && <span className="ok">{managerText.saved[lang]}</span>}
        {tested && (
          <span className={tested.ok ? 'ok' : 'error'} role="status" data-testid="test-print-result">
            {tested.text}
          </span>
        )}
      </div>
      {measured !== undefined && (
        <div className="row" data-testid="measured-speed">
          <span className="muted">
            {measured === null ? managerText.speedNotMeasurable[lang] : managerText.measuredSpeed[lang](measured)}
          </span>
          {measured !== null && (
            <button
              type="button"
              onClick={() => {
                const speedMmPerSec = Math.min(500, Math.max(20, measured));
                setCfg({ ...cfg, speedMmPerSec });
                setSaved(false);
              }}
            >
              {managerText.useMeasuredSpeed[lang]}
            </button>
          )}
        </div>
      )}
      {failed.length > 0 && (
        <>
          <h3>{managerText.recentFailedTickets[lang]}</h3>
          <table className="grid">
            <tbody>
              {failed.map((j) => (
                <tr key={j.id}>
                  <td className="num strong">{j.ticketNumber}</td>
                  <td>{jobStateText(j, lang)}</td>
                  <td>{new Date(j.updatedAt).toLocaleTimeString('vi-VN')}</td>
                  <td>
                    {/* A ticket already called or served needs no paper any more. */}
                    <button
                      type="button"
                      disabled={j.ticketStatus !== 'waiting' || j.status === 'uncertain'}
                      title={j.ticketStatus !== 'waiting' ? managerText.noReprintServed[lang] : undefined}
                      onClick={() =>
                        void api('print:reprint', { id: j.id }, token)
                          .then(loadJobs)
                          .catch((err: unknown) => setError(errorText(err, lang)))
                      }
                    >
                      {managerText.reprint[lang]}
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
