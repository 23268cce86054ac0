// A USB GSM modem sending text messages with AT commands (3GPP TS 27.007 and 27.005, text mode).
// One command at a time; every wait has a deadline; an unplugged modem ends what waits, with a
// reason. Errors never carry the number or the text (they are logged; the number is personal).
import { AtReader, isFinal, type AtItem } from './atReader.ts';
import { gsm7Bytes, ucs2Hex, type EncodedSms } from './encoding.ts';
import type { ModemLink } from './serialLink.ts';

/** Why the modem cannot send now. */
export type ModemFault = 'no-sim' | 'sim-locked' | 'no-signal' | 'not-responding' | 'unplugged';

export interface ModemStatus {
  fault: ModemFault | null;
  /** +CSQ <rssi>: 0 (−113 dBm or less) … 31 (−51 dBm or more); null when not known (99). */
  signal: number | null;
}

export type SendFailure =
  /** +CMS ERROR from the network or the modem: the message was refused. */
  | 'rejected'
  /** A bare ERROR, or BUSY / NO CARRIER where a result was due. */
  | 'error'
  | 'busy'
  /** No answer in time. */
  | 'timeout'
  | 'unplugged'
  /** The text is more than one part: never sent, and never worth trying again (a permanent failure). */
  | 'too-long'
  | ModemFault;

export class SmsSendError extends Error {
  constructor(
    readonly failure: SendFailure,
    /** The text was handed to the modem (Ctrl-Z written) and no verdict came: it may have gone out. */
    readonly maybeSent: boolean,
    /** The +CMS ERROR code, when the modem gave one. */
    readonly cms: number | null = null,
  ) {
    super(cms === null ? `sms: ${failure}` : `sms: ${failure} (+CMS ERROR: ${cms})`);
  }
}

export interface ModemTimes {
  /** A plain command's answer (default 5 s). */
  commandMs: number;
  /** The '>' prompt after AT+CMGS (default 5 s). */
  promptMs: number;
  /** The network's verdict after Ctrl-Z (default 60 s: a weak cell takes long). */
  sendMs: number;
}

const DEFAULT_TIMES: ModemTimes = { commandMs: 5_000, promptMs: 5_000, sendMs: 60_000 };
const CTRL_Z = 0x1a;
const ESC = 0x1b;

interface Answer {
  lines: string[];
  final: string;
}

class Gone extends Error {}
class Late extends Error {}

export class GsmModem {
  private readonly reader = new AtReader();
  private readonly items: AtItem[] = [];
  private wake: (() => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly times: ModemTimes;

  constructor(
    private readonly link: ModemLink,
    times: Partial<ModemTimes> = {},
  ) {
    this.times = { ...DEFAULT_TIMES, ...times };
    link.onData((chunk) => {
      this.items.push(...this.reader.push(chunk));
      this.wake?.();
    });
    link.onClose(() => this.wake?.());
  }

  get unplugged(): boolean {
    return this.link.closed;
  }

  /** Whether the modem can send now: it answers, its SIM is ready, it has a signal. */
  status(): Promise<ModemStatus> {
    return this.exclusive(async () => {
      try {
        return await this.probe();
      } catch (err) {
        if (err instanceof Gone) return { fault: 'unplugged', signal: null };
        if (err instanceof Late) return { fault: 'not-responding', signal: null };
        throw err;
      }
    });
  }

  /**
   * Sends one message of one part; resolves with the network's message reference (+CMGS: <mr>).
   * Throws SmsSendError; its `maybeSent` is true only when the text was handed over and no verdict came.
   */
  send(to: string, message: EncodedSms): Promise<{ reference: number }> {
    if (message.parts !== 1) return Promise.reject(new SmsSendError('too-long', false)); // one part only
    if (!/^\+?[0-9]{3,20}$/.test(to)) return Promise.reject(new RangeError('a number is digits, + first at most'));
    return this.exclusive(async () => {
      let handedOver = false;
      try {
        const st = await this.probe();
        if (st.fault) throw new SmsSendError(st.fault, false);
        const ucs2 = message.encoding === 'ucs2';
        await this.expectOk(`AT+CSCS="${ucs2 ? 'UCS2' : 'GSM'}"`);
        // <fo> 17: SMS-SUBMIT with a relative validity period; <vp> 167: one day; <dcs> 8: UCS-2, 0: GSM-7.
        await this.expectOk(`AT+CSMP=17,167,0,${ucs2 ? 8 : 0}`);
        // With CSCS="UCS2" every string parameter is UCS-2 hex, the number too (27.007 +CSCS).
        this.items.length = 0;
        await this.write(ascii(`AT+CMGS="${ucs2 ? ucs2Hex(to) : to}"\r`));
        const first = await this.next(this.times.promptMs).catch(async (err: unknown) => {
          // No prompt: ESC leaves the text state, should the modem be in it after all.
          if (err instanceof Late) await this.write(Uint8Array.of(ESC)).catch(() => undefined);
          throw err;
        });
        if (first.kind === 'line') {
          const answer = await this.restOf(first.text, this.times.commandMs);
          throw failureOf(answer.final, false);
        }
        const body = ucs2 ? ascii(ucs2Hex(message.text)) : gsm7Bytes(message.text);
        handedOver = true;
        await this.write(Uint8Array.of(...body, CTRL_Z));
        const answer = await this.answer(this.times.sendMs);
        if (answer.final !== 'OK') throw failureOf(answer.final, false);
        const ref = answer.lines.map((l) => /^\+CMGS:\s*(\d+)/.exec(l)?.[1]).find((r) => r !== undefined);
        return { reference: ref === undefined ? -1 : Number(ref) };
      } catch (err) {
        if (err instanceof Gone) throw new SmsSendError('unplugged', handedOver);
        // A line's hangup is not always reported while nothing is written (a pty's, at least):
        // an ESC (ignored in command state) written after a silent deadline finds a modem that is gone.
        if (
          err instanceof Late &&
          (await this.write(Uint8Array.of(ESC)).then(
            () => false,
            (e: unknown) => e instanceof Gone,
          ))
        )
          throw new SmsSendError('unplugged', handedOver);
        if (err instanceof Late) throw new SmsSendError('timeout', handedOver);
        throw err;
      }
    });
  }

  close(): Promise<void> {
    return this.link.close();
  }

  // ---- the conversation ----

  private async probe(): Promise<ModemStatus> {
    this.items.length = 0; // what came unasked before this question (RING, +CMTI…) answers nothing
    await this.expectOk('AT');
    await this.expectOk('ATE0'); // no echo: the answers are then only answers
    await this.command('AT+CMEE=1'); // numeric +CME ERROR codes; an old modem may refuse it
    const pin = await this.command('AT+CPIN?');
    if (pin.final.startsWith('+CME ERROR')) {
      // 10 SIM not inserted, 13 SIM failure (27.007 §9.2.1); others (busy, wrong) say the same to a manager.
      return { fault: 'no-sim', signal: null };
    }
    const pinState = pin.lines.map((l) => /^\+CPIN:\s*(.+)$/.exec(l)?.[1]).find((s) => s !== undefined);
    if (pin.final !== 'OK' || pinState === undefined) return { fault: 'no-sim', signal: null };
    if (pinState.trim() !== 'READY') return { fault: 'sim-locked', signal: null };
    const csq = await this.command('AT+CSQ');
    const rssi = csq.lines.map((l) => /^\+CSQ:\s*(\d+)/.exec(l)?.[1]).find((s) => s !== undefined);
    const signal = rssi === undefined || Number(rssi) === 99 ? null : Number(rssi);
    if (signal === null) return { fault: 'no-signal', signal };
    await this.expectOk('AT+CMGF=1'); // text mode
    return { fault: null, signal };
  }

  private async expectOk(cmd: string): Promise<Answer> {
    const answer = await this.command(cmd);
    if (answer.final !== 'OK') throw failureOf(answer.final, false);
    return answer;
  }

  private async command(cmd: string): Promise<Answer> {
    this.items.length = 0; // a late answer to a command that timed out answers nothing now
    await this.write(ascii(`${cmd}\r`));
    return this.answer(this.times.commandMs);
  }

  private async answer(ms: number): Promise<Answer> {
    const deadline = Date.now() + ms;
    const lines: string[] = [];
    for (;;) {
      const item = await this.next(deadline - Date.now());
      if (item.kind !== 'line') continue;
      if (isFinal(item.text)) return { lines, final: item.text };
      lines.push(item.text);
    }
  }

  private async restOf(firstLine: string, ms: number): Promise<Answer> {
    if (isFinal(firstLine)) return { lines: [], final: firstLine };
    const rest = await this.answer(ms);
    return { lines: [firstLine, ...rest.lines], final: rest.final };
  }

  private async write(bytes: Uint8Array): Promise<void> {
    if (this.link.closed) throw new Gone();
    await this.link.write(bytes).catch(() => {
      throw new Gone();
    });
  }

  private next(ms: number): Promise<AtItem> {
    return new Promise((resolve, reject) => {
      const take = (): boolean => {
        const item = this.items.shift();
        if (item) {
          done();
          resolve(item);
          return true;
        }
        if (this.link.closed) {
          done();
          reject(new Gone());
          return true;
        }
        return false;
      };
      const timer = setTimeout(
        () => {
          done();
          reject(new Late());
        },
        Math.max(0, ms),
      );
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
      };
      if (take()) return;
      this.wake = () => void take();
    });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function failureOf(final: string, maybeSent: boolean): SmsSendError {
  const cms = /^\+CMS ERROR:\s*(\d+)/.exec(final)?.[1];
  if (cms !== undefined) return new SmsSendError('rejected', maybeSent, Number(cms));
  if (final === 'BUSY' || final === 'NO ANSWER' || final === 'NO CARRIER') return new SmsSendError('busy', maybeSent);
  return new SmsSendError('error', maybeSent);
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0x7f);
}
