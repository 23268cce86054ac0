// Statistics over a seeded year of a large center (`npm run seed:year`, ~1M tickets, ~600k
// ratings): every figure of the manager screen for a month and for the whole year, and the
// year's XLSX export, through the HTTP API of a hub in its own process. The baseline, measured in
// the same run, is one plain SQL pass counting the year's tickets.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, openDatabaseReadOnly } from '../db/open.ts';
import { dropDaySummaries, scanTickets } from '../db/stats.ts';
import { waitExit } from '../tests/helpers/child.ts';
import { bundledHub, seededYear, spawnBundled, YEAR_END as END } from './bundle.ts';
import { createLoadClient } from './httpClient.ts';
import { median, round, writeResult } from './lib.ts';

const FIRST = '2025-11-21';
const RUNS = 11;

function peakRssMbOf(pid: number): number {
  const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return round(kb / 1024, 1);
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

export async function run(): Promise<void> {
  const source = seededYear();
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-stats-'));
  copyFileSync(join(source, 'motcua.db'), join(dir, 'motcua.db'));
  try {
    // Baseline: one plain pass over the year's tickets, in this process.
    const ro = openDatabaseReadOnly(join(dir, 'motcua.db'));
    const baseline: number[] = [];
    let tickets = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      tickets = scanTickets(ro, FIRST, END).n;
      baseline.push(performance.now() - t0);
    }
    ro.close();

    const entry = await bundledHub();
    const hub = await spawnBundled(entry, dir);
    try {
      const api = createLoadClient(hub.url);
      const manager = (await api('auth:login', { username: 'quanly', password: 'motcua-quanly' })).token;
      const month = { preset: 'custom' as const, from: '2026-10-01', to: '2026-10-31' };
      const year = { preset: 'custom' as const, from: FIRST, to: END };
      const monthMs: number[] = [];
      const yearMs: number[] = [];
      let yearIssued = 0;
      for (let i = -1; i < RUNS; i++) {
        // one warm-up each
        const [m] = await timed(() => api('stats:report', month, manager));
        const [y, r] = await timed(() => api('stats:report', year, manager));
        if (i >= 0) {
          monthMs.push(m);
          yearMs.push(y);
        }
        yearIssued = r.summary.issued;
      }
      if (yearIssued !== tickets) throw new Error(`the year's figures count ${yearIssued} tickets, the database ${tickets}`);
      const xlsxMs: number[] = [];
      let xlsxBytes = 0;
      for (let i = 0; i < 5; i++) {
        const [ms, file] = await timed(async () => {
          let s = await api('stats:export', { ...year, format: 'xlsx' }, manager);
          while (s.state === 'running') {
            await new Promise((r) => setTimeout(r, 10));
            s = await api('stats:export-status', { id: s.id }, manager);
          }
          if (s.state !== 'done') throw new Error(`export ${s.state}`);
          return api('stats:export-file', { id: s.id }, manager);
        });
        xlsxMs.push(ms);
        xlsxBytes = Buffer.from(file.base64, 'base64').length;
      }
      const peak = peakRssMbOf(hub.child.pid!);
      hub.child.kill('SIGTERM');
      await waitExit(hub.child);

      // Cold: the year's day summaries dropped, as after upgrading a center with a year of data.
      const rw = openDatabase(join(dir, 'motcua.db'));
      dropDaySummaries(rw);
      rw.close();
      const cold = await spawnBundled(entry, dir);
      let coldMs = 0;
      try {
        const token = (await createLoadClient(cold.url)('auth:login', { username: 'quanly', password: 'motcua-quanly' })).token;
        [coldMs] = await timed(() => createLoadClient(cold.url)('stats:report', year, token));
      } finally {
        cold.child.kill('SIGTERM');
        await waitExit(cold.child);
      }

      const base = median(baseline);
      const file = writeResult('stats', {
        month_stats_ms: round(median(monthMs)),
        year_stats_ms: round(median(yearMs)),
        year_xlsx_export_ms: round(median(xlsxMs)),
        peak_rss_mb: peak,
        baseline_year_scan_ms: round(base),
        year_stats_to_baseline: round(median(yearMs) / base, 2),
        month_stats_to_baseline: round(median(monthMs) / base, 3),
        year_stats_cold_ms: round(coldMs),
        detail: {
          tickets,
          period_year: `${FIRST} … ${END}`,
          period_month: '2026-10-01 … 2026-10-31',
          runs: RUNS,
          xlsx_runs: 5,
          xlsx_bytes: xlsxBytes,
          path: 'HTTP GET /api/stats (all figures of the manager screen) → hub in its own process (esbuild bundle on plain Node, as shipped) → JSON',
          baseline: "SELECT COUNT(*), SUM(wait) over the year's tickets, read-only connection in the bench process",
          cold: 'first year request after every day summary was dropped: builds ~300 day summaries, then answers',
          peak_rss:
            'VmHWM of the hub process over all the warm runs and exports; the same hub under tsx (npm run hub) peaked ~35–50 MB higher',
          targets: 'month ≤ 200 ms, year ≤ 1000 ms, XLSX ≤ 5000 ms, RSS ≤ 300 MB',
          min_max_ms: {
            month: [round(Math.min(...monthMs)), round(Math.max(...monthMs))],
            year: [round(Math.min(...yearMs)), round(Math.max(...yearMs))],
          },
        },
      });
      console.log(readFileSync(file, 'utf8'));
    } finally {
      if (hub.child.exitCode === null) hub.child.kill('SIGTERM');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
