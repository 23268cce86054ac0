// Kiosk readiness in Debian's Chromium against a hub on loopback: from navigation to the field
// buttons being there and enabled; and the size of the renderer's JavaScript, gzipped.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startHub } from '../main/hub/hub.ts';
import { launchChromium } from '../tests/helpers/browser.ts';
import { repoRoot } from '../tests/helpers/child.ts';
import { median, percentile, round, writeResult } from './lib.ts';

const RUNS = 25;

export async function run(): Promise<void> {
  const { default: setup } = await import('../tests/globalSetup.ts');
  setup(); // a fresh production build of the renderer
  const assets = join(repoRoot, 'dist', 'renderer', 'assets');
  const gzipKb = (file: string) => gzipSync(readFileSync(join(assets, file)), { level: 9 }).length / 1024;
  const allJs = readdirSync(assets).filter((f) => f.endsWith('.js'));

  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-kiosk-'));
  const hub = await startHub({ dataDir: dir, port: 0, host: '127.0.0.1', backupSchedule: false, issueLimit: null });
  const browser = await launchChromium();
  try {
    const ctx = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const first = await ctx.newPage();
    await first.goto(`${hub.url}/kiosk#pair=${hub.demoPairing()!.kiosk}`);
    await first.locator('[data-testid^=field-]:enabled').first().waitFor();
    await first.close();

    const loaded = new Set<string>();
    const wall: number[] = [];
    const inPage: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await ctx.newPage();
      page.on('response', (r) => {
        const m = /\/assets\/([^/?]+\.js)$/.exec(r.url());
        if (m) loaded.add(m[1]!);
      });
      const t0 = performance.now();
      await page.goto(`${hub.url}/kiosk`);
      await page.locator('[data-testid^=field-]:enabled').first().waitFor();
      wall.push(performance.now() - t0);
      // Same moment, measured by the page from its own navigation start.
      inPage.push(await page.evaluate(() => performance.now()));
      await page.close();
    }
    const result = {
      kiosk_ready_ms_p50: round(median(inPage), 1),
      kiosk_ready_ms_p90: round(percentile(inPage, 90), 1),
      kiosk_ready_wall_ms_p50: round(median(wall), 1),
      renderer_js_gzip_kb: round(
        allJs.reduce((s, f) => s + gzipKb(f), 0),
        1,
      ),
      kiosk_route_js_gzip_kb: round(
        [...loaded].reduce((s, f) => s + gzipKb(f), 0),
        1,
      ),
      detail: {
        runs: RUNS,
        viewport: '1080x1920',
        browser: 'Debian chromium, headless',
        cache: 'HTTP cache warm after the first visit (as on a kiosk)',
        measure: 'navigation start → first enabled field button, measured in the page (performance.now) and by the driver (wall)',
        js_files: allJs.length,
        kiosk_files: [...loaded].sort(),
      },
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(`written ${writeResult('kiosk', result)}`);
  } finally {
    await browser.close();
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
