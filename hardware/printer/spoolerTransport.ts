// The printer the way most kiosks have it: installed in the operating system with its vendor
// driver, and given the ESC/POS bytes RAW through the spooler, untouched by the driver.
//   Linux (and macOS): a CUPS queue, `lp -o raw`; the job counts as delivered once CUPS has
//     sent it to the printer (it leaves the not-completed list).
//   Windows: the spooler's RAW datatype through winspool's WritePrinter, from PowerShell; the job
//     is then followed by its id (Win32_PrintJob) by the same rules: delivered once it leaves the
//     queue, failed only when cancelled and confirmed gone, "may still print" while held.
// A spooler gives no DLE EOT answers back: a job is known to be *sent*, not printed. The kiosk
// says so ("đã gửi tới máy in"); paper out and an open cover show only on the printer itself.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { messageOf } from '../errors.ts';
import { TransportError } from './transport.ts';
import type { PrintResult, UncertainPrint } from './driver.ts';

export interface SpoolerTarget {
  /** The CUPS queue or the Windows printer name. */
  queue: string;
  /** CUPS only: the server, `host:port` (default: the local scheduler). */
  server?: string | undefined;
}

export interface SpoolerOptions {
  /**
   * How long the job may wait for the printer before the kiosk is told it *may still print*: the
   * spooler still holds it and keeps trying (CUPS's socket backend retries at 5, 15, 30, 50 s…).
   */
  uncertainAfterMs: number;
  /** When the spooler still has not delivered it, the job is cancelled and checked gone. */
  giveUpMs: number;
  pollMs: number;
  platform: NodeJS.Platform;
  /** Runs the spooler's commands (`lp`, `lpstat`, `cancel`, PowerShell): tests stand in for Windows here. */
  runner?: SpoolerRunner;
}

export const defaultSpoolerOptions: SpoolerOptions = {
  uncertainAfterMs: 30_000,
  giveUpMs: 3 * 60_000,
  pollMs: 200,
  platform: process.platform,
};

/**
 * What became of a job handed to the spooler. Only the spooler's own word counts:
 * - `delivered`: it left the queue completed (sent to the printer; whether paper came out is unknown);
 * - `gone`: it never reached the printer and never will (refused, or cancelled and confirmed gone);
 * - `unknown`: the spooler may still hold it or print it (a cancel it refused or could not answer).
 */
export type SpoolOutcome =
  | { kind: 'delivered' }
  | { kind: 'gone'; reason: 'queue_stopped' | 'timeout' | 'offline'; detail: string }
  | { kind: 'unknown'; detail: string };

/** The queue's state as the scheduler reports it, before or while a job waits in it. */
export interface QueueState {
  exists: boolean;
  /** Disabled (stopped): jobs wait in it and none is printed until someone enables it. */
  stopped: boolean;
  /** Refusing new jobs (`cupsreject`). */
  rejecting: boolean;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A command with its arguments, standard input and extra environment; rejects when the command is missing. */
export type SpoolerRunner = (command: string, args: string[], input: Uint8Array | null, env?: NodeJS.ProcessEnv) => Promise<Run>;

function run(command: string, args: string[], input: Uint8Array | null, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    // No shell: the queue name is an argument, never part of a command line.
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env }, windowsHide: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject); // the command itself is missing
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? undefined);
  });
}

/**
 * Windows: the bytes arrive base64 on standard input and the printer name in an environment
 * variable, so nothing the manager typed is ever parsed as PowerShell.
 */
export const WINDOWS_RAW_PRINT = String.raw`
$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @"
using System; using System.Runtime.InteropServices;
public static class MotcuaRaw {
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  public class DOCINFO { public string pDocName; public string pOutputFile; public string pDataType; }
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)] public static extern bool OpenPrinter(string name, out IntPtr h, IntPtr d);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool ClosePrinter(IntPtr h);
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)] public static extern int StartDocPrinter(IntPtr h, int level, DOCINFO di);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool EndDocPrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool StartPagePrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool EndPagePrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool WritePrinter(IntPtr h, byte[] b, int n, out int written);
  public static void Send(string printer, byte[] bytes) {
    IntPtr h;
    if (!OpenPrinter(printer, out h, IntPtr.Zero)) throw new Exception("OpenPrinter " + Marshal.GetLastWin32Error());
    try {
      var di = new DOCINFO { pDocName = "motcua ticket", pDataType = "RAW" };
      int job = StartDocPrinter(h, 1, di);
      if (job == 0) throw new Exception("StartDocPrinter " + Marshal.GetLastWin32Error());
      Console.Out.WriteLine("job " + job); Console.Out.Flush();
      StartPagePrinter(h);
      int written;
      bool ok = WritePrinter(h, bytes, bytes.Length, out written);
      EndPagePrinter(h); EndDocPrinter(h);
      if (!ok || written != bytes.Length) throw new Exception("WritePrinter " + Marshal.GetLastWin32Error());
    } finally { ClosePrinter(h); }
  }
}
"@
$bytes = [Convert]::FromBase64String([Console]::In.ReadToEnd())
[MotcuaRaw]::Send($env:MOTCUA_PRINTER, $bytes)
`;

/** A job's state in the Windows spooler (Win32_PrintJob.StatusMask), or gone from the queue. */
export const WINDOWS_JOB_STATUS = String.raw`
$ErrorActionPreference = 'Stop'
$name = [WildcardPattern]::Escape($env:MOTCUA_PRINTER) + ', *'
$j = Get-CimInstance -ClassName Win32_PrintJob | Where-Object { $_.JobId -eq [int]$env:MOTCUA_JOB -and $_.Name -like $name } | Select-Object -First 1
if ($null -eq $j) { 'gone' } else { 'status ' + $j.StatusMask }
`;

/** Cancels a job in the Windows spooler (PrintManagement). */
export const WINDOWS_CANCEL_JOB = String.raw`
$ErrorActionPreference = 'Stop'
Remove-PrintJob -PrinterName $env:MOTCUA_PRINTER -ID ([int]$env:MOTCUA_JOB)
`;

/** winspool's JOB_STATUS flags that matter here. */
const JOB_DELETING = 0x4;
const JOB_PRINTED = 0x80;
const JOB_DELETED = 0x100;
const JOB_COMPLETE = 0x1000;

/**
 * What WritePrinter's script said: the spooler's job id when it made one, and the outcome when the
 * script failed. Failing before the job existed (no such printer, the spooler refused it) is
 * certain: nothing was handed over. Failing after (a write cut short) is not: the spooler holds a
 * job, perhaps part of the ticket, and may print it.
 */
export function windowsSubmitted(r: Run): { id: string; outcome: null } | { id: string | null; outcome: SpoolOutcome } {
  const id = /^job (\d+)\s*$/m.exec(r.stdout)?.[1] ?? null;
  if (r.code === 0 && id) return { id, outcome: null };
  const why = (r.stderr || r.stdout).trim();
  if (!id) return { id: null, outcome: { kind: 'gone', reason: 'offline', detail: `the Windows spooler took no job: ${why}` } };
  return { id, outcome: { kind: 'unknown', detail: `job ${id}: ${why}` } };
}

/** A job's state from WINDOWS_JOB_STATUS: its flags, gone, or null when the spooler could not be asked. */
export function windowsJobState(r: Run): { present: false } | { present: true; flags: number } | null {
  if (r.code !== 0) return null;
  const out = r.stdout.trim();
  if (out === 'gone') return { present: false };
  const m = /^status (\d+)$/.exec(out);
  return m ? { present: true, flags: Number(m[1]) } : null;
}

/**
 * A job that left the Windows queue. Windows keeps no record of it (unless "keep printed
 * documents" is set), so its last flags say which: being deleted was a cancel (gone); anything
 * else is how a printed job leaves, and the spooler's own word never called it failed (delivered).
 */
export function windowsLeft(id: string, lastFlags: number): SpoolOutcome {
  if (lastFlags & (JOB_PRINTED | JOB_COMPLETE)) return { kind: 'delivered' };
  if (lastFlags & (JOB_DELETING | JOB_DELETED))
    return { kind: 'gone', reason: 'timeout', detail: `${id} was cancelled in the Windows spooler` };
  return { kind: 'delivered' };
}

export class SpoolerTransport {
  readonly kind = 'spooler';
  /**
   * Told the spooler's id for the job as soon as the spooler holds it (CUPS `queue-123`), so the
   * caller can keep it: a hub restarted meanwhile asks the spooler what became of it (`resume`).
   */
  onSpooled: ((id: string) => void) | null = null;

  constructor(
    private readonly target: SpoolerTarget,
    readonly opts: SpoolerOptions = defaultSpoolerOptions,
  ) {}

  private get run(): SpoolerRunner {
    return this.opts.runner ?? run;
  }

  private get server(): string[] {
    return this.target.server ? ['-h', this.target.server] : [];
  }

  /** `lpstat -p -a`: whether the queue exists, is stopped, and takes jobs. */
  async queueState(): Promise<QueueState> {
    const q = this.target.queue;
    const r = await this.run('lpstat', [...this.server, '-p', q, '-a', q], null, { LC_ALL: 'C', LANG: 'C' });
    if (r.code !== 0 && /unable to connect|connection refused|no route|name or service/i.test(r.stderr))
      throw new TransportError('unreachable', `lpstat: ${r.stderr.trim()}`);
    const lines = r.stdout.split('\n');
    const mine = (line: string, word: string) => line.startsWith(`${word} ${q} `);
    const printerLine = lines.find((l) => mine(l, 'printer'));
    const acceptLine = lines.find((l) => l.startsWith(`${q} `));
    return {
      exists: printerLine !== undefined,
      stopped: printerLine !== undefined && / disabled /.test(printerLine),
      rejecting: acceptLine !== undefined && /not accepting/.test(acceptLine),
    };
  }

  /** True while the job is still queued, held or being sent (CUPS's not-completed list). */
  async pending(id: string): Promise<boolean | null> {
    const r = await this.run('lpstat', [...this.server, '-W', 'not-completed', '-o', this.target.queue], null, { LC_ALL: 'C', LANG: 'C' });
    if (r.code !== 0) return null;
    return r.stdout.split('\n').some((line) => line.split(/\s+/)[0] === id);
  }

  /** True when the scheduler is sending this job now (the backend runs), not merely queued. */
  private async processing(id: string): Promise<boolean> {
    const r = await this.run('lpstat', [...this.server, '-p', this.target.queue], null, { LC_ALL: 'C', LANG: 'C' });
    return new RegExp(`now printing ${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(r.stdout);
  }

  /**
   * Cancels the job, then asks whether it is gone: a job is called gone only when the scheduler
   * took the cancel and no longer lists it as queued or printing. One that completed first was
   * delivered; one the scheduler cannot be asked about may still print.
   */
  async cancelAndConfirm(id: string, reason: 'queue_stopped' | 'timeout', why: string): Promise<SpoolOutcome> {
    const c = await this.run('cancel', [...this.server, id], null, { LC_ALL: 'C', LANG: 'C' }).catch((err: Error) => ({
      code: -1,
      stdout: '',
      stderr: err.message,
    }));
    if (c.code !== 0) {
      // Too late to cancel: it finished on its own (sent), or was already cancelled by someone.
      if (/already completed/i.test(c.stderr)) return { kind: 'delivered' };
      if (!/already (canceled|cancelled|aborted)/i.test(c.stderr)) return { kind: 'unknown', detail: `cancel ${id}: ${c.stderr.trim()}` };
    }
    for (let i = 0; i < 25; i++) {
      const still = await this.pending(id);
      if (still === false) return { kind: 'gone', reason, detail: `${id} ${why}; cancelled, and the spooler no longer holds it` };
      await sleep(this.opts.pollMs);
    }
    return { kind: 'unknown', detail: `${id} ${why}; cancelled, but the spooler still lists it` };
  }

  /**
   * Hands the whole job to the spooler and follows it. `onUncertain` is called once, after
   * `uncertainAfterMs`, when the spooler still holds a job it is trying to send (the printer off,
   * or coming back): the job may yet print, so nobody may call it failed or print it again.
   * A stopped queue is said at once and the job is not queued behind it.
   */
  async submit(bytes: Uint8Array, onUncertain: () => void = () => undefined): Promise<SpoolOutcome> {
    if (this.opts.platform === 'win32') return this.submitWindows(bytes, onUncertain);
    let state: QueueState;
    try {
      state = await this.queueState();
    } catch (err) {
      if (err instanceof TransportError) return { kind: 'gone', reason: 'offline', detail: err.message };
      return { kind: 'gone', reason: 'offline', detail: `lpstat: ${messageOf(err)} (is CUPS installed?)` };
    }
    if (state.exists && (state.stopped || state.rejecting))
      return {
        kind: 'gone',
        reason: 'queue_stopped',
        detail: `the queue ${this.target.queue} is ${state.stopped ? 'stopped (disabled)' : 'not accepting jobs'}; nothing sent`,
      };
    let r: Run;
    try {
      r = await this.run('lp', [...this.server, '-d', this.target.queue, '-o', 'raw'], bytes, { LC_ALL: 'C', LANG: 'C' });
    } catch (err) {
      return { kind: 'gone', reason: 'offline', detail: `lp: ${messageOf(err)} (is CUPS installed?)` };
    }
    const id = /request id is (\S+)/.exec(r.stdout)?.[1];
    if (r.code !== 0 || !id) return { kind: 'gone', reason: 'offline', detail: `lp: ${(r.stderr || r.stdout).trim()}` };
    this.onSpooled?.(id);
    return this.follow(id, onUncertain);
  }

  /**
   * What became of a job the spooler was given before (by a hub since restarted), asked the way
   * `submit` asks: one no longer queued or printing is cancelled to learn whether it completed
   * (delivered) or was cancelled or aborted (gone); one still held may print any moment, so
   * `onUncertain` is told at once, and it is followed to its end as a new job would be.
   */
  async resume(id: string, onUncertain: () => void = () => undefined): Promise<SpoolOutcome> {
    if (this.opts.platform === 'win32') {
      const state = windowsJobState(await this.windows(WINDOWS_JOB_STATUS, id).catch(() => ({ code: -1, stdout: '', stderr: '' })));
      // Gone while the hub was stopped: how it left is not known any more, and it was never called failed.
      if (state && !state.present) return { kind: 'delivered' };
      onUncertain();
      return this.followWindows(id, () => undefined);
    }
    const pending = await this.pending(id);
    if (pending === false) return this.cancelAndConfirm(id, 'timeout', 'ended while the hub was stopped');
    onUncertain();
    return this.follow(id, () => undefined);
  }

  /** Follows a job the spooler holds until it is delivered or confirmed gone (see `submit`). */
  private async follow(id: string, onUncertain: () => void): Promise<SpoolOutcome> {
    const started = Date.now();
    let warned = false;
    for (;;) {
      const pending = await this.pending(id);
      if (pending === false) {
        // Left the not-completed list on its own: completed, or cancelled/aborted by the spooler
        // (a backend that gave up). Ask which, by cancelling: "already completed" means sent.
        return this.cancelAndConfirm(id, 'timeout', 'ended without us');
      }
      const elapsed = Date.now() - started;
      if (pending === true && !(await this.processing(id))) {
        // Queued, not being sent: cancelling it now is certain to keep it off the paper. A queue
        // stopped behind our job is said at once; a job waiting behind another, at the deadline.
        const now = await this.queueState().catch(() => null);
        if (now?.stopped) return this.cancelAndConfirm(id, 'queue_stopped', 'waited in a stopped queue');
        if (elapsed >= this.opts.uncertainAfterMs) return this.cancelAndConfirm(id, 'timeout', `was not sent in ${elapsed} ms`);
      } else if (elapsed >= this.opts.giveUpMs) {
        return this.cancelAndConfirm(id, 'timeout', `was not delivered in ${elapsed} ms`);
      } else if (elapsed >= this.opts.uncertainAfterMs && !warned) {
        // Being sent (or the scheduler cannot be asked): it may print any moment. Never failed now.
        warned = true;
        onUncertain();
      }
      await sleep(this.opts.pollMs);
    }
  }

  private windows(script: string, id: string | null, input: Uint8Array | null = null): Promise<Run> {
    return this.run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script], input, {
      MOTCUA_PRINTER: this.target.queue,
      ...(id === null ? {} : { MOTCUA_JOB: id }),
    });
  }

  private async submitWindows(bytes: Uint8Array, onUncertain: () => void): Promise<SpoolOutcome> {
    let r: Run;
    try {
      r = await this.windows(WINDOWS_RAW_PRINT, null, new TextEncoder().encode(Buffer.from(bytes).toString('base64')));
    } catch (err) {
      return { kind: 'gone', reason: 'offline', detail: `powershell: ${messageOf(err)}` };
    }
    const submitted = windowsSubmitted(r);
    if (submitted.id) this.onSpooled?.(submitted.id);
    if (submitted.outcome) return submitted.outcome;
    return this.followWindows(submitted.id, onUncertain);
  }

  /**
   * Follows a job in the Windows queue by the rules of `submit`: delivered once it leaves the queue
   * (see windowsLeft); while it is held (the printer offline, out of paper, in error) "may still
   * print" after `uncertainAfterMs`; cancelled at `giveUpMs`, and failed only once confirmed gone.
   */
  private async followWindows(id: string, onUncertain: () => void): Promise<SpoolOutcome> {
    const started = Date.now();
    let warned = false;
    let last = 0;
    for (;;) {
      const state = windowsJobState(await this.windows(WINDOWS_JOB_STATUS, id).catch(() => ({ code: -1, stdout: '', stderr: '' })));
      if (state && !state.present) return windowsLeft(id, last);
      if (state) last = state.flags;
      const elapsed = Date.now() - started;
      if (elapsed >= this.opts.giveUpMs) return this.cancelWindows(id, `was not delivered in ${elapsed} ms`);
      if (elapsed >= this.opts.uncertainAfterMs && !warned) {
        warned = true;
        onUncertain();
      }
      await sleep(this.opts.pollMs);
    }
  }

  /** Cancels a Windows job, then asks whether it is gone (as `cancelAndConfirm` does with CUPS). */
  private async cancelWindows(id: string, why: string): Promise<SpoolOutcome> {
    const c = await this.windows(WINDOWS_CANCEL_JOB, id).catch((err: Error) => ({ code: -1, stdout: '', stderr: err.message }));
    let last = 0;
    for (let i = 0; i < 25; i++) {
      const state = windowsJobState(await this.windows(WINDOWS_JOB_STATUS, id).catch(() => ({ code: -1, stdout: '', stderr: '' })));
      if (state && !state.present) {
        // Printed in the meantime, or cancelled: the flags seen last tell which.
        if (last & (JOB_PRINTED | JOB_COMPLETE)) return { kind: 'delivered' };
        return { kind: 'gone', reason: 'timeout', detail: `${id} ${why}; cancelled, and the spooler no longer holds it` };
      }
      if (state) last = state.flags;
      await sleep(this.opts.pollMs);
    }
    return {
      kind: 'unknown',
      detail: `${id} ${why}; cancel ${c.code === 0 ? 'asked' : `refused: ${c.stderr.trim()}`}, but the spooler still lists it`,
    };
  }
}

/**
 * A job through the spooler as the driver reports it: printed (sent, unconfirmed), failed only when
 * the spooler confirmed it gone, or uncertain as soon as the spooler holds it past
 * `uncertainAfterMs` (then `settled` follows it to the end).
 */
export function printThroughSpooler(t: SpoolerTransport, bytes: Uint8Array): Promise<PrintResult> {
  return followedAsPrint((onUncertain) => t.submit(bytes, onUncertain));
}

/** A job a spooler was given before a restart (`SpoolerTransport.resume`), reported as `printThroughSpooler` reports. */
export function resumeThroughSpooler(t: SpoolerTransport, id: string): Promise<PrintResult> {
  return followedAsPrint((onUncertain) => t.resume(id, onUncertain));
}

function followedAsPrint(follow: (onUncertain: () => void) => Promise<SpoolOutcome>): Promise<PrintResult> {
  const final = (o: SpoolOutcome): Exclude<PrintResult, UncertainPrint> | null =>
    o.kind === 'delivered' ? { status: 'printed', after: null } : o.kind === 'gone' ? { status: 'failed', reason: o.reason } : null;
  return new Promise((resolve) => {
    let told = false;
    const outcome: Promise<SpoolOutcome> = follow(() => {
      told = true;
      resolve({ status: 'uncertain', detail: 'the spooler still holds the job', settled: outcome.then(final) });
    }).catch((err: unknown) => ({ kind: 'unknown', detail: `following the job: ${messageOf(err)}` }) as const);
    void outcome.then((o) => {
      if (told) return;
      const f = final(o);
      resolve(f ?? { status: 'uncertain', detail: o.kind === 'unknown' ? o.detail : '', settled: Promise.resolve(null) });
    });
  });
}
