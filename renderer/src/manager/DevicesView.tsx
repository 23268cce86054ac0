// Device pairing: create a device, show its one-time code and a QR that opens its screen paired.
import { useCallback, useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { DEVICE_STALE_MS, type Device, type DeviceKind, type PairingCreated } from '../../../main/contract/index.ts';
import { api, errorText } from '../api.ts';
import { ErrorNote, formatDuration, useNow } from '../common/ui.tsx';
import type { ManagerContext } from './Manager.tsx';
import { PrinterPanel } from './PrinterPanel.tsx';
import { printerStatusText } from './printerState.ts';
import { managerText } from './managerText.ts';
import { ConfirmDialog } from '../common/Dialog.tsx';
import { keysOf, oneOf } from '../common/choice.ts';

/** Where each kind of device lives in the app. */
export function deviceUrl(origin: string, device: Device, counterNumber: number | null, code: string): string {
  const path = {
    kiosk: '/kiosk',
    display: counterNumber === null ? '/display/hall' : `/display/counter/${counterNumber}`,
    rating: `/rating/${counterNumber ?? 1}`,
    counter_board: `/display/counter/${counterNumber ?? 1}`,
  }[device.kind];
  return `${origin}${path}#pair=${code}`;
}

/** "5 phút trước" / "5 min ago": how long since a device was last heard from. */
function agoText(ms: number, lang: 'vi' | 'en'): string {
  const min = Math.floor(ms / 60_000);
  if (min < 1) return managerText.justNow[lang];
  if (min < 60) return managerText.minAgo[lang](min);
  const h = Math.floor(min / 60);
  if (h < 48) return managerText.hAgo[lang](h);
  return managerText.daysAgo[lang](Math.floor(h / 24));
}

export function DevicesView({ token, lang, center }: ManagerContext) {
  const [devices, setDevices] = useState<Device[]>([]);
  const [kind, setKind] = useState<DeviceKind>('kiosk');
  const [name, setName] = useState('');
  const [counterId, setCounterId] = useState<number | null>(null);
  const [pairing, setPairing] = useState<(PairingCreated & { qr: string; url: string }) | null>(null);
  // Revoking cuts a device off at once: asked first.
  const [revoking, setRevoking] = useState<Device | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printerOf, setPrinterOf] = useState<number | null>(null);
  const now = useNow(1000);
  const reload = useCallback(async () => setDevices(await api('devices:list', {}, token)), [token]);
  useEffect(() => {
    void reload().catch(() => undefined);
    // Last contact moves on its own: look again every half minute.
    const timer = setInterval(() => void reload().catch(() => undefined), 30_000);
    return () => clearInterval(timer);
  }, [reload]);
  const contact = (d: Device) => {
    if (d.revoked || !d.paired) return { text: '—', stale: false };
    if (d.lastSeenAt === null) return { text: managerText.neverSeen[lang], stale: true };
    const ago = Math.max(0, now - d.lastSeenAt);
    const text = agoText(ago, lang);
    return ago > DEVICE_STALE_MS ? { text: `${managerText.notSeen[lang]} · ${text}`, stale: true } : { text, stale: false };
  };

  const kindName: Record<DeviceKind, string> = {
    kiosk: managerText.ticketKiosk[lang],
    display: managerText.display[lang],
    rating: managerText.ratingDevice[lang],
    counter_board: managerText.counterLedBoard[lang],
  };
  const counterNumber = (id: number | null) => center?.counters.find((c) => c.id === id)?.number ?? null;

  const show = async (created: PairingCreated) => {
    const url = deviceUrl(location.origin, created.device, counterNumber(created.device.counterId), created.code);
    setPairing({ ...created, url, qr: await QRCode.toDataURL(url, { margin: 1, width: 240, errorCorrectionLevel: 'M' }) });
  };
  const guard = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err, lang));
    }
  };

  const printerDevice = devices.find((d) => d.id === printerOf);
  return (
    <div className="config">
      <section className="card">
        <h2>{managerText.pairANewDevice[lang]}</h2>
        <div className="row">
          <select value={kind} onChange={(e) => setKind(oneOf(keysOf(kindName), e.target.value) ?? kind)} data-testid="device-kind">
            {keysOf(kindName).map((k) => (
              <option key={k} value={k}>
                {kindName[k]}
              </option>
            ))}
          </select>
          <input
            placeholder={managerText.nameEGMainHall[lang]}
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="device-name"
          />
          {kind !== 'kiosk' && (
            <select value={counterId ?? ''} onChange={(e) => setCounterId(e.target.value ? Number(e.target.value) : null)}>
              <option value="">{kind === 'display' ? managerText.hallDisplay[lang] : managerText.chooseCounter[lang]}</option>
              {center?.counters.map((c) => (
                <option key={c.id} value={c.id}>
                  {lang === 'vi' ? c.nameVi : c.nameEn}
                </option>
              ))}
            </select>
          )}
          <button
            type="button"
            className="primary"
            data-testid="create-device"
            disabled={(kind === 'rating' || kind === 'counter_board') && counterId === null}
            onClick={() =>
              void guard(async () => {
                await show(
                  await api(
                    'devices:create',
                    { kind, name: name.trim() || kindName[kind], counterId: kind === 'kiosk' ? null : counterId },
                    token,
                  ),
                );
                setName('');
                await reload();
              })
            }
          >
            {managerText.createPairingCode[lang]}
          </button>
        </div>
        <ErrorNote text={error} />
        {pairing && (
          <div className="pairing" data-testid="pairing">
            <img src={pairing.qr} alt={managerText.pairingQr[lang]} width={240} height={240} />
            <div>
              <div className="muted">{pairing.device.name}</div>
              <div className="pairing-code" data-testid="pairing-code">
                {pairing.code}
              </div>
              <div className="muted">
                {managerText.expiresIn[lang]} {formatDuration(pairing.expiresAt - now)}
              </div>
              <p>{managerText.onTheDeviceScanThe[lang]}</p>
              <code>{pairing.url.split('#')[0]}</code>
            </div>
          </div>
        )}
      </section>
      <section className="card">
        <h2>{managerText.devices[lang]}</h2>
        <table className="grid" data-testid="devices">
          <thead>
            <tr>
              <th>{managerText.name[lang]}</th>
              <th>{managerText.kind[lang]}</th>
              <th>{managerText.counter[lang]}</th>
              <th>{managerText.state[lang]}</th>
              <th>{managerText.lastContact[lang]}</th>
              <th>{managerText.printer[lang]}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td>{kindName[d.kind]}</td>
                <td className="num">{counterNumber(d.counterId) ?? '—'}</td>
                <td>{d.revoked ? managerText.revoked[lang] : d.paired ? managerText.paired[lang] : managerText.waitingToPair[lang]}</td>
                <td data-testid={`contact-${d.id}`} className={contact(d).stale ? 'error' : ''}>
                  {contact(d).text}
                </td>
                <td data-testid={`printer-status-${d.id}`} className={d.printerStatus && !d.printerStatus.ok ? 'error' : ''}>
                  {d.kind === 'kiosk' ? printerStatusText(d, lang) : '—'}
                </td>
                <td className="row">
                  {d.kind === 'kiosk' && (
                    <button type="button" data-testid={`printer-${d.id}`} onClick={() => setPrinterOf(printerOf === d.id ? null : d.id)}>
                      {managerText.printer[lang]}
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={() =>
                      void guard(async () => {
                        await show(await api('devices:new-code', { id: d.id }, token));
                        await reload();
                      })
                    }
                  >
                    {managerText.newCode[lang]}
                  </button>
                  {!d.revoked && (
                    <button type="button" data-testid={`revoke-${d.id}`} onClick={() => setRevoking(d)}>
                      {managerText.revoke[lang]}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {printerDevice && (
        <PrinterPanel key={printerDevice.id} device={printerDevice} token={token} lang={lang} onSaved={() => void reload()} />
      )}
      {revoking && (
        <ConfirmDialog
          title={managerText.revokeTitle[lang](revoking.name)}
          explain={managerText.revokeExplain[lang]}
          confirm={managerText.revoke[lang]}
          back={managerText.back[lang]}
          testId="revoke"
          onConfirm={() =>
            void guard(async () => {
              await api('devices:revoke', { id: revoking.id }, token);
              await reload();
            })
          }
          onClose={() => setRevoking(null)}
        />
      )}
    </div>
  );
}
