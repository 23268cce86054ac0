// The manager's section for text messages to citizens (#26): on or off, modem port or gateway URL,
// when the first message goes, and with or without accents; and how sending goes now (the modem's
// state and today's messages, as the hub reports them).
import { useEffect, useState } from 'react';
import type { HubHealth, Settings } from '../../../main/contract/index.ts';
import { api, type Lang } from '../api.ts';
import type { FormErrors } from '../common/formErrors.ts';
import { num, shown } from './forms.tsx';
import { smsSettingsText as t } from './smsSettingsText.ts';

type SmsHealth = NonNullable<NonNullable<HubHealth['detail']>['sms']>;
/** How often the state is read again while the section is on screen. */
const EVERY_MS = 3_000;

export function SmsSettings({
  s,
  set,
  errors,
  lang,
  token,
}: {
  s: Settings;
  set: (patch: Partial<Settings>) => void;
  errors: FormErrors;
  lang: Lang;
  token: string;
}) {
  const m = s.sms;
  const setM = (patch: Partial<Settings['sms']>) => set({ sms: { ...m, ...patch } });
  // The schema's problems in words a manager can act on, each next to the box to change: the
  // "a port or a URL is needed" check is reported on `transport`, but the select is not what is wrong.
  const needed = errors['sms.transport'] !== undefined;
  const modemProblem =
    errors['sms.modemPath'] !== undefined ? t.modemPathInvalid[lang] : needed && m.transport === 'modem' ? t.modemPathNeeded[lang] : null;
  const gatewayProblem =
    errors['sms.gatewayUrl'] !== undefined
      ? t.gatewayUrlInvalid[lang]
      : needed && m.transport === 'gateway'
        ? t.gatewayUrlNeeded[lang]
        : null;
  // A box of the other transport that holds a problem stays shown: the whole section is checked on Save.
  const showModem = m.transport === 'modem' || errors['sms.modemPath'] !== undefined;
  const showGateway = m.transport === 'gateway' || errors['sms.gatewayUrl'] !== undefined;
  return (
    <>
      <h2>{t.section[lang]}</h2>
      <p className="muted">{t.help[lang]}</p>
      <SmsState token={token} lang={lang} />
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
        </label>
        {showModem && (
          <label>
            {t.modemPath[lang]}
            <input name="sms.modemPath" value={m.modemPath} onChange={(e) => setM({ modemPath: e.target.value })} />
            <SmsProblem name="sms.modemPath" text={modemProblem} />
          </label>
        )}
        {showGateway && (
          <>
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
            {/* A row of its own: a provider's URL is long, and the note says how its parts are read. */}
            <label className="wide">
              {t.gatewayUrl[lang]}
              <input name="sms.gatewayUrl" value={m.gatewayUrl} onChange={(e) => setM({ gatewayUrl: e.target.value })} />
              <SmsProblem name="sms.gatewayUrl" text={gatewayProblem} />
              <small className="muted" data-testid="sms-gateway-url-note">
                {t.gatewayUrlNote[lang]}
              </small>
              <small className="muted" data-testid="sms-gateway-answer-note">
                {t.gatewayAnswerNote[lang]}
              </small>
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
          <SmsProblem name="sms.aheadCount" text={errors['sms.aheadCount'] ?? null} />
        </label>
        <label>
          {t.encoding[lang]}
          <select name="sms.encoding" value={m.encoding} onChange={(e) => setM({ encoding: e.target.value === 'ucs2' ? 'ucs2' : 'gsm7' })}>
            <option value="gsm7">{t.gsm7[lang]}</option>
            <option value="ucs2">{t.ucs2[lang]}</option>
          </select>
          <small className="muted" data-testid="sms-encoding-note">
            {(m.encoding === 'ucs2' ? t.ucs2Note : t.gsm7Note)[lang]}
          </small>
        </label>
        <label>
          {t.minIntervalSec[lang]}
          <input
            name="sms.minIntervalSec"
            inputMode="numeric"
            value={shown(m.minIntervalSec)}
            onChange={(e) => setM({ minIntervalSec: num(e.target.value) })}
          />
          <SmsProblem name="sms.minIntervalSec" text={errors['sms.minIntervalSec'] ?? null} />
        </label>
      </div>
    </>
  );
}

function SmsProblem({ name, text }: { name: string; text: string | null }) {
  return text ? (
    <span className="field-error" data-testid={`error-${name}`}>
      {text}
    </span>
  ) : null;
}

/** The hub's word on sending now: off, the modem's fault or signal, and today's messages. */
function SmsState({ token, lang }: { token: string; lang: Lang }) {
  const [state, setState] = useState<SmsHealth | null | undefined>(undefined);
  useEffect(() => {
    let stopped = false;
    const look = async () => {
      try {
        const sms = (await api('hub:health', {}, token)).detail?.sms ?? null;
        if (!stopped) setState(sms);
      } catch {
        if (!stopped) setState(null);
      }
    };
    void look();
    const timer = setInterval(() => void look(), EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [token]);
  if (state === undefined) return null;
  let now: string;
  let bad = false;
  if (state === null) now = t.stateUnknown[lang];
  else if (!state.enabled) now = t.stateOff[lang];
  else if (state.fault !== null) {
    now = t.stateFault[lang](state.fault);
    bad = true;
  } else if (state.transport === 'gateway') now = t.stateGateway[lang];
  else if (state.checkedAt === null) now = t.stateChecking[lang];
  else now = t.stateReady[lang](state.signal);
  const d = state?.today;
  return (
    <div className="sms-state" role="status" data-testid="sms-state">
      <p>
        <strong>{t.stateTitle[lang]}: </strong>
        <span className={bad ? 'error' : state?.enabled ? 'ok' : 'muted'} data-testid="sms-state-now">
          {now}
        </span>
      </p>
      {d && state.enabled && (
        <p className="muted" data-testid="sms-state-today">
          {t.stateToday[lang](d.sent, d.failed, d.queued + d.sending)}
        </p>
      )}
    </div>
  );
}
