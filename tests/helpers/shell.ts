// The built Electron main process under a stand-in for the `electron` module (electronStandIn.cjs).
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, waitExit } from './child.ts';

export const mainBundle = join(repoRoot, 'dist', 'electron', 'main.cjs');
const standIn = join(repoRoot, 'tests', 'helpers', 'electronStandIn.cjs');

export type Msg = { type: string; [k: string]: unknown };

/** One run of the app under the stand-in: what it reported, and commands to it. */
export class ShellRun {
  readonly messages: Msg[] = [];
  readonly child: ChildProcess;
  private nextId = 1;

  /** `recordFiles`: a file to which every module and file the app loads is appended (tests/helpers/fileRecorder.cjs). */
  constructor(
    readonly userData: string,
    args: string[],
    opts: { recordFiles?: string } = {},
  ) {
    this.child = fork(standIn, [mainBundle, ...args], {
      env: { ...process.env, STANDIN_USER_DATA: userData, ...(opts.recordFiles ? { RECORD_FILES: opts.recordFiles } : {}) },
      execArgv: opts.recordFiles ? ['--require', join(repoRoot, 'tests', 'helpers', 'fileRecorder.cjs')] : [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child.on('message', (m) => this.messages.push(m as Msg));
  }

  of(type: string): Msg[] {
    return this.messages.filter((m) => m.type === type);
  }

  async until(pred: () => boolean, ms = 20_000, what = 'condition'): Promise<void> {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.messages.slice(-6)).slice(0, 1500)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async command(cmd: Record<string, unknown>, reply: string): Promise<Msg> {
    const id = this.nextId++;
    this.child.send({ ...cmd, id });
    await this.until(() => this.messages.some((m) => m.type === reply && m.id === id), 10_000, reply);
    return this.messages.find((m) => m.type === reply && m.id === id)!;
  }

  invoke(channel: string, payload: unknown, senderUrl: string): Promise<Msg> {
    return this.command({ type: 'invoke', channel, payload, senderUrl }, 'invoked');
  }

  logText(): string {
    const dir = join(this.userData, 'logs');
    if (!existsSync(dir)) return '';
    return readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await waitExit(this.child);
  }
}
