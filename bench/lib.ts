import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ranks from '../main/base/ranks.ts';

export const benchRoot = fileURLToPath(new URL('.', import.meta.url));

/** The median of a run's samples (main/base/ranks.ts: the reports' definition too). */
export function median(values: number[]): number {
  return ranks.median(values) ?? Number.NaN;
}

/** Nearest-rank percentile, `p` in percent. */
export function percentile(values: number[], p: number): number {
  return ranks.nearestRank(values, p / 100) ?? Number.NaN;
}

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return round(kb / 1024, 1);
}

/** User + system CPU milliseconds a process has used so far (Linux /proc). */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

export function writeResult(name: string, result: Record<string, unknown>): string {
  const dir = join(benchRoot, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const full = {
    ...result,
    _meta: { at: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' },
  };
  writeFileSync(file, `${JSON.stringify(full, null, 2)}\n`);
  return file;
}
