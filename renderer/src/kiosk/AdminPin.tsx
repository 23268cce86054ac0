// Staff leave the locked kiosk window by holding the clock for 3 s and typing the admin PIN; the
// dialog also says how the kiosk's printer and scanner are.
import { useEffect, useState } from 'react';
import { printFaultOf, printFaultText } from '../../../main/contract/enums.ts';
import type { Lang } from '../api.ts';
import { bridge } from '../bridge.ts';
import { texts } from '../common/text.ts';
import { kioskText } from './kioskText.ts';

export function AdminPin({ lang, onClose }: { lang: Lang; onClose: () => void }) {
  const t = texts(kioskText, lang);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [devices, setDevices] = useState<string | null>(null);
  useEffect(() => {
    const app = bridge();
    if (!app) return;
    const scannerWords = {
      connected: t.scannerConnected,
      searching: t.scannerSearching,
      stopped: t.scannerStopped,
      not_configured: t.scannerNotConfigured,
    };
    void Promise.all([app.printerStatus(), app.scannerStatus()])
      .then(([p, s]) =>
        setDevices(
          `${t.printer}: ${p.ok ? t.ready : printFaultText[printFaultOf(p.fault)][lang]} · ` +
            `${t.scanner}: ${scannerWords[s.status]}${s.source ? ` (${s.source})` : ''}`,
        ),
      )
      .catch(() => undefined);
  }, [lang, t]);
  const submit = async () => {
    const app = bridge();
    if (!app) return;
    const { ok } = await app.exitKiosk({ pin }).catch(() => ({ ok: false }));
    setPin('');
    setMessage(ok ? t.kioskLeft : t.wrongPin);
  };
  return (
    <div className="dialog-backdrop" role="dialog" aria-modal="true">
      <div className="dialog card pin-pad">
        <h2>{t.adminTitle}</h2>
        {devices && (
          <p className="muted" data-testid="device-status">
            {devices}
          </p>
        )}
        <div className="pin-dots">{'•'.repeat(pin.length) || ' '}</div>
        <div className="pin-keys">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9', '', '0', '⌫'].map((k) => (
            <button
              key={k || 'blank'}
              type="button"
              disabled={!k}
              onClick={() => setPin(k === '⌫' ? pin.slice(0, -1) : (pin + k).slice(0, 12))}
            >
              {k}
            </button>
          ))}
        </div>
        {message && <p>{message}</p>}
        <div className="row">
          <button type="button" className="primary" disabled={pin.length < 4} onClick={() => void submit()}>
            {t.leaveKiosk}
          </button>
          <button type="button" onClick={onClose}>
            {t.close}
          </button>
        </div>
      </div>
    </div>
  );
}
