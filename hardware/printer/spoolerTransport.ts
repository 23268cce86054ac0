// The printer the way most kiosks have it: installed in the operating system with its vendor
// driver, and given the ESC/POS bytes RAW through the spooler, untouched by the driver.
//   Linux (and macOS): a CUPS queue, `lp -o raw`; the job counts as delivered once CUPS has
//     sent it to the printer (it leaves the not-completed list).
//   Windows: the spooler's RAW datatype through winspool's WritePrinter, from PowerShell.
// A spooler gives no DLE EOT answers back: a job is known to be *sent*, not printed. The kiosk
// says so ("đã gửi tới máy in"); paper out and an open cover show only on the printer itself.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { TransportError } from './transport.ts';

export interface SpoolerTarget {
  /** The CUPS queue or the Windows printer name. */
  queue: string;
  /** CUPS only: the server, `host:port` (default: the local scheduler). */
  server?: string | undefined;
}

export interface SpoolerOptions {
  /** How long the spooler may take to hand the job to the printer before it is cancelled. */
  deliverTimeoutMs: number;
  pollMs: number;
  platform: NodeJS.Platform;
}

export const defaultSpoolerOptions: SpoolerOptions = { deliverTimeoutMs: 30_000, pollMs: 200, platform: process.platform };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

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
      if (StartDocPrinter(h, 1, di) == 0) throw new Exception("StartDocPrinter " + Marshal.GetLastWin32Error());
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

export class SpoolerTransport {
  readonly kind = 'spooler';

  constructor(
    private readonly target: SpoolerTarget,
    private readonly opts: SpoolerOptions = defaultSpoolerOptions,
  ) {}

  /** Hands the whole job to the spooler and waits until it was delivered to the printer. */
  async submit(bytes: Uint8Array): Promise<void> {
    if (this.opts.platform === 'win32') return this.submitWindows(bytes);
    const server = this.target.server ? ['-h', this.target.server] : [];
    let r: Run;
    try {
      r = await run('lp', [...server, '-d', this.target.queue, '-o', 'raw'], bytes);
    } catch (err) {
      throw new TransportError('unreachable', `lp: ${(err as Error).message} (is CUPS installed?)`);
    }
    const id = /request id is (\S+)/.exec(r.stdout)?.[1];
    if (r.code !== 0 || !id) throw new TransportError('unreachable', `lp: ${(r.stderr || r.stdout).trim()}`);
    // Delivered once it leaves the not-completed list; a printer that never takes it gets the
    // job cancelled, so a ticket reported failed never comes out later.
    const deadline = Date.now() + this.opts.deliverTimeoutMs;
    for (;;) {
      const pending = await run('lpstat', [...server, '-W', 'not-completed', '-o', this.target.queue], null);
      if (pending.code === 0 && !pending.stdout.split('\n').some((line) => line.split(/\s+/)[0] === id)) return;
      if (Date.now() >= deadline) {
        await run('cancel', [...server, id], null).catch(() => undefined);
        throw new TransportError('stalled', `${id} was not delivered in ${this.opts.deliverTimeoutMs} ms; cancelled`);
      }
      await sleep(this.opts.pollMs);
    }
  }

  private async submitWindows(bytes: Uint8Array): Promise<void> {
    let r: Run;
    try {
      r = await run(
        'powershell.exe',
        ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_RAW_PRINT],
        new TextEncoder().encode(Buffer.from(bytes).toString('base64')),
        { MOTCUA_PRINTER: this.target.queue },
      );
    } catch (err) {
      throw new TransportError('unreachable', `powershell: ${(err as Error).message}`);
    }
    if (r.code !== 0) throw new TransportError('unreachable', `WritePrinter: ${r.stderr.trim()}`);
  }
}
