// The SMS driver against a modem emulator on a real pseudo-terminal (serialport opens its slave
// end), the AT reader split at every offset, the GSM-7/UCS-2 encoder, and the HTTP gateway.
import { createServer, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { AtReader, type AtItem } from '../../hardware/sms/atReader.ts';
import { encodeSms, gsm7Bytes, gsm7Length, unaccented } from '../../hardware/sms/encoding.ts';
import { GsmModem, SmsSendError } from '../../hardware/sms/modem.ts';
import { openSerialLink } from '../../hardware/sms/serialLink.ts';
import { gatewayTemplateIsValid, sendViaGateway } from '../../hardware/sms/httpGateway.ts';
import { SmsSettings, defaultSmsSettings } from '../../main/contract/index.ts';
import { ModemEmulator } from '../helpers/modem.ts';

describe('encoding', () => {
  it('writes Vietnamese without accents in the GSM-7 basic set, one part up to 160', () => {
    const text = 'Sắp đến lượt số 1023: còn 3 người trước bạn. Mời đến quầy số 5. ĐƯỢC Ở ỨNG Ỷ ỹ';
    const e = encodeSms(text, 'gsm7');
    expect(e.text).toBe('Sap den luot so 1023: con 3 nguoi truoc ban. Moi den quay so 5. DUOC O UNG Y y');
    expect(gsm7Length(e.text)).toBe(e.text.length);
    expect(e.parts).toBe(1);
    expect(encodeSms('a'.repeat(160), 'gsm7').parts).toBe(1);
    expect(encodeSms('a'.repeat(161), 'gsm7').parts).toBe(2);
    // Outside the alphabet (or unsafe in text mode: Ctrl-Z's Ξ, the escape's extension) becomes '?'.
    expect(encodeSms('Giá 5€ {x} Ξ 😀', 'gsm7').text).toBe('Gia 5? ?x? ? ?');
  });

  it('writes typographic punctuation as plain ASCII in GSM-7, never "?"; UCS-2 keeps it (#26)', () => {
    const name = 'Bà Rịa – Vũng Tàu — “Một cửa” ‘số 2’… «A» x\u00a0y';
    expect(unaccented(name)).toBe('Ba Ria - Vung Tau - "Mot cua" \'so 2\'... "A" x y');
    const e = encodeSms(`${name}: Số 12`, 'gsm7');
    expect(e.text).toBe('Ba Ria - Vung Tau - "Mot cua" \'so 2\'... "A" x y: So 12');
    expect(e.text).not.toContain('?');
    expect(encodeSms(name, 'ucs2').text).toBe(name);
  });

  it('keeps every character in UCS-2, 70 a part', () => {
    const e = encodeSms('Sắp đến lượt số 1023', 'ucs2');
    expect(e.text).toBe('Sắp đến lượt số 1023');
    expect(encodeSms('ắ'.repeat(70), 'ucs2').parts).toBe(1);
    expect(encodeSms('ắ'.repeat(71), 'ucs2').parts).toBe(2);
  });

  it('unaccents every Vietnamese letter to plain Latin', () => {
    const all = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
    expect(unaccented(all)).toMatch(/^[aeiouyd]+$/);
    expect(unaccented(all.toUpperCase())).toMatch(/^[AEIOUYD]+$/);
    expect([...gsm7Bytes('@A_')]).toEqual([0x00, 0x41, 0x11]);
  });
});

describe('AT reader', () => {
  const stream = 'AT\r\r\nOK\r\n\r\n+CSQ: 18,99\r\n\r\nOK\r\n\r\n> \r\n+CMGS: 7\r\n\r\nOK\r\n';
  const expected: AtItem[] = [
    { kind: 'line', text: 'AT' },
    { kind: 'line', text: 'OK' },
    { kind: 'line', text: '+CSQ: 18,99' },
    { kind: 'line', text: 'OK' },
    { kind: 'prompt' },
    { kind: 'line', text: '+CMGS: 7' },
    { kind: 'line', text: 'OK' },
  ];
  it('gives the same lines and prompt whatever the split', () => {
    const bytes = Uint8Array.from(stream, (c) => c.charCodeAt(0));
    for (let i = 0; i <= bytes.length; i++) {
      for (let j = i; j <= bytes.length; j++) {
        const r = new AtReader();
        expect([...r.push(bytes.subarray(0, i)), ...r.push(bytes.subarray(i, j)), ...r.push(bytes.subarray(j))]).toEqual(expected);
      }
    }
  });
});

describe('modem on a pseudo-terminal', () => {
  let emulator: ModemEmulator | null = null;
  let modem: GsmModem | null = null;
  afterEach(async () => {
    await modem?.close().catch(() => undefined);
    await emulator?.stop();
    modem = null;
    emulator = null;
  });
  const fast = { commandMs: 2_000, promptMs: 2_000, sendMs: 2_000 };
  async function connect(times: Partial<typeof fast> = {}): Promise<{ emulator: ModemEmulator; modem: GsmModem }> {
    emulator = await ModemEmulator.start();
    modem = new GsmModem(await openSerialLink(emulator.path), { ...fast, ...times });
    return { emulator, modem };
  }
  async function failure(p: Promise<unknown>): Promise<SmsSendError> {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SmsSendError);
    return err as SmsSendError; // just checked
  }

  it('sends in text mode, GSM-7 and UCS-2, and reads the reference', async () => {
    const { emulator, modem } = await connect();
    expect(await modem.status()).toEqual({ fault: null, signal: 18 });
    expect(await modem.send('+84912345678', encodeSms('Mời số 1023 đến quầy 5.', 'gsm7'))).toEqual({ reference: 1 });
    expect(await modem.send('+84912345678', encodeSms('Mời số 1024 đến quầy 5.', 'ucs2'))).toEqual({ reference: 2 });
    expect(emulator.sent).toEqual([
      { to: '+84912345678', text: 'Moi so 1023 den quay 5.', dcs: 0, ref: 1 },
      { to: '+84912345678', text: 'Mời số 1024 đến quầy 5.', dcs: 8, ref: 2 },
    ]);
  });

  it('a text of more than one part is a permanent failure, not sent and not to be tried again (#26)', async () => {
    const { emulator, modem } = await connect();
    const e = await failure(modem.send('+84912345678', encodeSms('ắ'.repeat(71), 'ucs2')));
    expect([e.failure, e.maybeSent]).toEqual(['too-long', false]);
    expect(emulator.handed).toEqual([]);
  });

  it('says no SIM, a locked SIM and no signal, and sends nothing then', async () => {
    const { emulator, modem } = await connect();
    emulator.set({ sim: 'absent' });
    expect(await modem.status()).toEqual({ fault: 'no-sim', signal: null });
    expect((await failure(modem.send('0912345678', encodeSms('x', 'gsm7')))).failure).toBe('no-sim');
    emulator.set({ sim: 'pin' });
    expect((await modem.status()).fault).toBe('sim-locked');
    emulator.set({ sim: 'ready', signal: 99 });
    expect(await modem.status()).toEqual({ fault: 'no-signal', signal: null });
    const e = await failure(modem.send('0912345678', encodeSms('x', 'gsm7')));
    expect([e.failure, e.maybeSent]).toEqual(['no-signal', false]);
    expect(emulator.handed).toEqual([]);
  });

  it('reports +CMS ERROR and BUSY as not sent', async () => {
    const { emulator, modem } = await connect();
    emulator.set({ cms: 500 });
    const rejected = await failure(modem.send('0912345678', encodeSms('x', 'gsm7')));
    expect([rejected.failure, rejected.cms, rejected.maybeSent]).toEqual(['rejected', 500, false]);
    emulator.set({ cms: null, final: 'BUSY' });
    const busy = await failure(modem.send('0912345678', encodeSms('x', 'gsm7')));
    expect([busy.failure, busy.maybeSent]).toEqual(['busy', false]);
    emulator.set({ final: null });
    expect(await modem.send('0912345678', encodeSms('y', 'gsm7'))).toEqual({ reference: 1 });
  });

  it('a modem that answers nothing is not responding; a text without a verdict may have gone', async () => {
    const { emulator, modem } = await connect();
    emulator.set({ holdVerdict: true });
    const held = await failure(modem.send('0912345678', encodeSms('x', 'gsm7')));
    expect([held.failure, held.maybeSent]).toEqual(['timeout', true]);
    emulator.set({ mute: true });
    expect(await modem.status()).toEqual({ fault: 'not-responding', signal: null });
  });

  it('unplugged mid-send: reported as maybe sent, and the process goes on', async () => {
    const { emulator, modem } = await connect({ sendMs: 30_000 }); // the unplugging, not the deadline, ends the wait
    emulator.set({ unplugOnText: true });
    const e = await failure(modem.send('0912345678', encodeSms('x', 'gsm7')));
    expect([e.failure, e.maybeSent]).toEqual(['unplugged', true]);
    expect(emulator.handed).toHaveLength(1);
    expect(await modem.status()).toEqual({ fault: 'unplugged', signal: null });
    const after = await failure(modem.send('0912345678', encodeSms('x', 'gsm7')));
    expect([after.failure, after.maybeSent]).toEqual(['unplugged', false]);
  });

  it('unplugged while idle: the next status says so', async () => {
    const { emulator, modem } = await connect();
    await emulator.unplug();
    expect((await modem.status()).fault).toBe('unplugged');
  });
});

describe('HTTP gateway', () => {
  it('fills the template, GET and POST, and refuses a non-2xx answer', async () => {
    const seen: { method: string; url: string; body: string }[] = [];
    let status = 200;
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', body });
        res.statusCode = status;
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port; // a TCP server's address
    const urlTemplate = `http://127.0.0.1:${port}/send?to={to}&msg={text}&key=abc`;
    try {
      await sendViaGateway({ urlTemplate, method: 'GET', to: '+84912345678', text: 'So 1023 & quay 5' });
      await sendViaGateway({ urlTemplate, method: 'POST', to: '0912345678', text: 'Mời' });
      expect(seen[0]).toEqual({ method: 'GET', url: '/send?to=%2B84912345678&msg=So%201023%20%26%20quay%205&key=abc', body: '' });
      expect(seen[1]!.method).toBe('POST');
      expect(new URLSearchParams(seen[1]!.body).get('text')).toBe('Mời');
      status = 500;
      const e = await sendViaGateway({ urlTemplate, method: 'GET', to: '0912345678', text: 'x' }).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(SmsSendError);
      expect((e as SmsSendError).maybeSent).toBe(false); // just checked
      expect(String(e)).not.toContain('0912345678');
    } finally {
      server.close();
    }
  });

  it('fills the number as the provider takes it, and reads a 200 whose body says it failed (#26)', async () => {
    const seen: string[] = [];
    let answer = '{"CodeResult":"100"}';
    const server = createServer((req: IncomingMessage, res) => {
      seen.push(req.url ?? '');
      res.statusCode = 200;
      res.end(answer);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port; // a TCP server's address
    const base = `http://127.0.0.1:${port}/send?a={to}&b={to84}&c={to0}&text={text}`;
    try {
      expect(gatewayTemplateIsValid(`http://127.0.0.1:${port}/s?p={to84}&text={text}`)).toBe(true);
      expect(gatewayTemplateIsValid(`http://127.0.0.1:${port}/s?p={to0}&text={text}`)).toBe(true);
      expect(gatewayTemplateIsValid(`http://127.0.0.1:${port}/s?text={text}`)).toBe(false);
      expect(SmsSettings.safeParse({ ...defaultSmsSettings, gatewayUrl: 'https://sms.example.vn/s?p={to84}&text={text}' }).success).toBe(
        true,
      );
      await sendViaGateway({ urlTemplate: base, method: 'GET', to: '+84912345678', text: 'x' });
      expect(seen[0]).toBe('/send?a=%2B84912345678&b=84912345678&c=0912345678&text=x');
      // 200 with the provider's success code: sent; the fragment is never sent to the provider.
      const reading = `${base}#ok=${encodeURIComponent('"CodeResult":"100"')}&fail=error`;
      await sendViaGateway({ urlTemplate: reading, method: 'GET', to: '+84912345678', text: 'x' });
      expect(seen[1]).not.toContain('#');
      answer = '{"CodeResult":"99","ErrorMessage":"Phone not valid"}';
      const noOk = await sendViaGateway({ urlTemplate: reading, method: 'GET', to: '+84912345678', text: 'x' }).catch((e: unknown) => e);
      expect(noOk).toBeInstanceOf(SmsSendError);
      expect([(noOk as SmsSendError).failure, (noOk as SmsSendError).maybeSent]).toEqual(['rejected', false]); // just checked
      answer = 'error: no credit';
      const failed = await sendViaGateway({ urlTemplate: `${base}#fail=error`, method: 'GET', to: '+84912345678', text: 'x' }).catch(
        (e: unknown) => e,
      );
      expect(failed).toBeInstanceOf(SmsSendError);
      answer = 'OK';
      await sendViaGateway({ urlTemplate: `${base}#fail=error`, method: 'GET', to: '+84912345678', text: 'x' });
    } finally {
      server.close();
    }
  });

  it('a gateway that does not answer by the deadline may have sent', async () => {
    const server = createServer(() => undefined); // never answers
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port; // a TCP server's address
    try {
      const e = await sendViaGateway({
        urlTemplate: `http://127.0.0.1:${port}/?to={to}&text={text}`,
        method: 'GET',
        to: '0912345678',
        text: 'x',
        deadlineMs: 300,
      }).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(SmsSendError);
      expect([(e as SmsSendError).failure, (e as SmsSendError).maybeSent]).toEqual(['timeout', true]); // just checked
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
