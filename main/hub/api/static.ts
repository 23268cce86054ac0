// Serves the built renderer: hashed assets cached for good, every role route answered with the
// app's index.html (the kiosk with its own kiosk.html, when the build has one), and a strict
// Content-Security-Policy on every page.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { RequestListener } from 'node:http';
import { managerPermissionsPolicy } from './origin.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/** Routes of the single-page app, one per role. */
const APP_ROUTES = /^\/(|kiosk|counter|manager(\/.*)?|province|display\/(hall|counter\/\d+)|rating\/\d+)$/;

export function contentSecurityPolicy(host: string | undefined): string {
  const ws = host && /^[\w.:[\]-]+$/.test(host) ? ` ws://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${ws}`,
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

export function createStaticHandler(root: string): RequestListener {
  const index = join(root, 'index.html');
  // The kiosk's own page (#24): it asks only for the kiosk's code and styles, not every role's.
  const kioskPage = join(root, 'kiosk.html');
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let file: string | null = null;
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const route = pathname.replace(/\/$/, '') || '/';
    if (route === '/kiosk' && existsSync(kioskPage)) file = kioskPage;
    else if (APP_ROUTES.test(route)) file = index;
    // A ticket on a citizen's phone: its own small page (plain ES5 for old phones), not the app.
    else if (/^\/t\/[A-Za-z0-9._-]{1,120}$/.test(pathname)) file = join(root, 'phone', 'ticket.html');
    else {
      const candidate = normalize(join(root, pathname));
      if (candidate.startsWith(root + sep) && existsSync(candidate) && statSync(candidate).isFile()) file = candidate;
    }
    if (!file || !existsSync(file)) {
      const missing = !existsSync(index);
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(
        missing ? 'Giao diện chưa được dựng (npm run build). / The renderer is not built (npm run build).' : 'Không tìm thấy / Not found',
      );
      return;
    }
    const immutable = file.includes(`${sep}assets${sep}`);
    // The kiosk's page goes without Cross-Origin-Opener-Policy (#24): COOP makes the browser move a
    // page that starts in a fresh window or tab to a new renderer process, 100–150 ms on a cheap
    // kiosk at every start (measured in Chromium, launched with the kiosk's address and in a new
    // tab). The kiosk runs alone on its device, opens no window and shows only what the hall shows;
    // every other page, which staff open beside other sites, keeps it.
    if (route === '/kiosk') res.removeHeader('Cross-Origin-Opener-Policy');
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Content-Security-Policy': contentSecurityPolicy(req.headers.host),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      ...(file === index && /^\/manager(\/|$)/.test(pathname) ? { 'Permissions-Policy': managerPermissionsPolicy } : {}),
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
}
