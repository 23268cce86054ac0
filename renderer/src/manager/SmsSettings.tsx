// The manager's section for text messages to citizens (#26): on or off, modem port or gateway URL,
// when the first message goes, and with or without accents.
import type { Settings } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import type { FormErrors } from '../common/formErrors.ts';
import { num, Problem, shown } from './forms.tsx';
import { smsSettingsText as t } from './smsSettingsText.ts';

export function SmsSettings({
  s,
  set,
  errors,
  lang,
}: {
  s: Settings;
  set: (patch: Partial<Settings>) => void;
  errors: FormErrors;
  lang: Lang;
}) {
  const m = s.sms;
  const setM = (patch: Partial<Settings['sms']>) => set({ sms: { ...m, ...patch } });
  return (
    <>
      <h2>{t.section[lang]}</h2>
      <p className="muted">{t.help[lang]}</p>
      <div className="form-grid" data-testid="sms-settings">
        <label className="check">
          <input type="checkbox" name="sms.enabled" checked={m.enabled} onChange={(e) => setM({ enabled: e.target.checked })} />
          {t.enabled[lang]}
        </label>
        <label>
          {t.transport[lang]}
          <select
            name="sms.transport"
            value={m.transport}
            onChange={(e) => setM({ transport: e.target.value === 'gateway' ? 'gateway' : 'modem' })}
          >
            <option value="modem">{t.modem[lang]}</option>
            <option value="gateway">{t.gateway[lang]}</option>
          </select>
          <Problem errors={errors} name="sms.transport" />
        </label>
        {m.transport === 'modem' ? (
          <label>
            {t.modemPath[lang]}
            <input name="sms.modemPath" value={m.modemPath} onChange={(e) => setM({ modemPath: e.target.value })} />
            <Problem errors={errors} name="sms.modemPath" />
          </label>
        ) : (
          <>
            <label>
              {t.gatewayUrl[lang]}
              <input name="sms.gatewayUrl" value={m.gatewayUrl} onChange={(e) => setM({ gatewayUrl: e.target.value })} />
              <Problem errors={errors} name="sms.gatewayUrl" />
            </label>
            <label>
              {t.gatewayMethod[lang]}
              <select
                name="sms.gatewayMethod"
                value={m.gatewayMethod}
                onChange={(e) => setM({ gatewayMethod: e.target.value === 'POST' ? 'POST' : 'GET' })}
              >
                <option value="GET">{'GET'}</option>
                <option value="POST">{'POST'}</option>
              </select>
            </label>
          </>
        )}
        <label>
          {t.aheadCount[lang]}
          <input
            name="sms.aheadCount"
            inputMode="numeric"
            value={shown(m.aheadCount)}
            onChange={(e) => setM({ aheadCount: num(e.target.value) })}
          />
          <Problem errors={errors} name="sms.aheadCount" />
        </label>
        <label>
          {t.encoding[lang]}
          <select name="sms.encoding" value={m.encoding} onChange={(e) => setM({ encoding: e.target.value === 'ucs2' ? 'ucs2' : 'gsm7' })}>
            <option value="gsm7">{t.gsm7[lang]}</option>
            <option value="ucs2">{t.ucs2[lang]}</option>
          </select>
        </label>
        <label>
          {t.minIntervalSec[lang]}
          <input
            name="sms.minIntervalSec"
            inputMode="numeric"
            value={shown(m.minIntervalSec)}
            onChange={(e) => setM({ minIntervalSec: num(e.target.value) })}
          />
          <Problem errors={errors} name="sms.minIntervalSec" />
        </label>
      </div>
    </>
  );
}
