// The kiosk's own page (#24): the hub answers /kiosk with kiosk.html, which asks only for the kiosk's
// code and styles, and every other role's route with index.html; a renderer built before the kiosk
// had its page (no kiosk.html) still serves the kiosk from index.html.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStaticHandler } from '../../main/hub/api/static.ts';

let server: Server | null = null;
let dir: string | null = null;

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

async function serve(files: Record<string, string>): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'motcua-static-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  server = createServer(createStaticHandler(dir));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function page(url: string): Promise<{ status: number; body: string; csp: string | null; type: string | null }> {
  const r = await fetch(url);
  return { status: r.status, body: await r.text(), csp: r.headers.get('content-security-policy'), type: r.headers.get('content-type') };
}

describe("the kiosk's own page", () => {
  it('is what /kiosk answers, with the same headers as every page; the other routes answer index.html', async () => {
    const url = await serve({ 'index.html': 'every role', 'kiosk.html': 'the kiosk' });
    for (const path of ['/kiosk', '/kiosk/']) {
      const kiosk = await page(`${url}${path}`);
      expect(kiosk).toMatchObject({ status: 200, body: 'the kiosk', type: 'text/html; charset=utf-8' });
      expect(kiosk.csp).toContain("script-src 'self'");
    }
    for (const path of ['/', '/counter', '/manager', '/display/hall', '/display/counter/3', '/rating/2', '/province'])
      expect((await page(`${url}${path}`)).body, path).toBe('every role');
    expect((await page(`${url}/kiosks`)).status).toBe(404);
  });

  it('falls back to index.html for a renderer built without it', async () => {
    const url = await serve({ 'index.html': 'every role' });
    expect(await page(`${url}/kiosk`)).toMatchObject({ status: 200, body: 'every role' });
  });
});
