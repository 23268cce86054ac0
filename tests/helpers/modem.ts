// The GSM modem emulator (modemEmulator.py) as a test drives it: a real pseudo-terminal that the
// hub opens through serialport, faults scripted while it runs, and what it was handed and sent.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { Settings, SmsSettings } from '../../main/contract/index.ts';
import type { TestHub } from './hub.ts';

const script = fileURLToPath(new URL('./modemEmulator.py', import.meta.url));

export interface EmulatedMessage {
  to: string;
  text: string;
  /** The data coding scheme set by AT+CSMP: 0 GSM-7, 8 UCS-2. */
  dcs: number;
}

export interface ModemFaults {
  sim?: 'ready' | 'absent' | 'pin';
  /** +CSQ rssi; 99 = no signal. */
  signal?: number;
  /** The next texts are answered +CMS ERROR: n (null: sent again). */
  cms?: number | null;
  /** AT+CMGS answered with this final code instead of the prompt (BUSY…); null: the prompt again. */
  final?: string | null;
  /** Answers nothing at all. */
  mute?: boolean;
  /** Takes the text and never says whether it went. */
  holdVerdict?: boolean;
  /** Unplugged the moment the text is handed over (before any verdict). */
  unplugOnText?: boolean;
}

export class ModemEmulator {
  /** Texts handed over (Ctrl-Z), whatever became of them. */
  readonly handed: EmulatedMessage[] = [];
  /** Texts the modem reported sent (+CMGS). */
  readonly sent: (EmulatedMessage & { ref: number })[] = [];
  unplugged = false;
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly path: string,
  ) {}

  /** Starts one; `link` makes a stable path (a symlink) that outlives this emulator. */
  static start(link?: string): Promise<ModemEmulator> {
    const child = spawn('python3', [script, ...(link ? [link] : [])], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout });
    return new Promise((resolve, reject) => {
      let emulator: ModemEmulator | null = null;
      child.once('error', reject);
      lines.on('line', (line) => {
        const msg = JSON.parse(line) as {
          pty?: string;
          text?: EmulatedMessage;
          sent?: EmulatedMessage & { ref: number };
          unplugged?: true;
        };
        if (msg.pty !== undefined) {
          emulator = new ModemEmulator(child, link ?? msg.pty);
          resolve(emulator);
          return;
        }
        if (!emulator) return;
        if (msg.text) emulator.handed.push(msg.text);
        if (msg.sent) emulator.sent.push(msg.sent);
        if (msg.unplugged) emulator.unplugged = true;
        for (const w of emulator.waiters.splice(0)) w();
      });
    });
  }

  set(faults: ModemFaults): void {
    this.child.stdin!.write(`${JSON.stringify(faults)}\n`);
  }

  /** Pulls the modem out: its pty master closes. */
  unplug(): Promise<void> {
    this.child.stdin!.write(`${JSON.stringify({ unplug: true })}\n`);
    return this.until(() => this.unplugged);
  }

  /** Resolves once `ok` holds after something the emulator reported. */
  async until(ok: () => boolean): Promise<void> {
    while (!ok()) await new Promise<void>((r) => this.waiters.push(r));
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill();
    await exited;
  }
}

/**
 * Turns a hub's texts on through a modem at `modemPath` (an emulator's), sent without pause, with
 * opening hours off so that a test runs at any hour; `sms` and `settings` add to that.
 */
export async function textsThroughModem(
  t: TestHub,
  modemPath: string,
  more: { sms?: Partial<SmsSettings>; settings?: Partial<Settings> } = {},
): Promise<void> {
  const admin = await t.login('admin');
  const settings = await t.api('settings:get', {}, admin);
  await t.api(
    'settings:update',
    {
      ...settings,
      ...more.settings,
      openingHours: { ...settings.openingHours, enforced: false },
      sms: { ...settings.sms, enabled: true, modemPath, minIntervalSec: 0, ...more.sms },
    },
    admin,
  );
}
