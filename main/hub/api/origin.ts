// Browser-side hardening: only names of this hub may reach it (a DNS-rebinding page has a name
// of its own), and a page from elsewhere may neither post to the API nor open the event stream.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { hostname } from 'node:os';

/** Headers every answer carries: no powerful browser features, no window shared with other sites. */
export const hardeningHeaders: Readonly<Record<string, string>> = {
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), bluetooth=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The manager's console alone may ask for the microphone: its staff record the center's voice there (#26). */
export const managerPermissionsPolicy = hardeningHeaders['Permissions-Policy']?.replace('microphone=()', 'microphone=(self)') ?? '';

/** `host[:port]` → host, lower case, IPv6 without brackets. */
function hostOnly(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.lastIndexOf(':');
  return colon > 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}

export class HostPolicy {
  private readonly names: Set<string>;

  /** `extraNames`: the names the center's LAN gives the hub (a DNS name, `hub.local`…). */
  constructor(extraNames: readonly string[] = []) {
    const machine = hostname().toLowerCase();
    this.names = new Set(['localhost', machine, `${machine}.local`, ...extraNames.map((n) => n.toLowerCase())]);
  }

  /** An address literal cannot be rebound; a name must be one of ours. No Host at all is not a browser. */
  hostAllowed(hostHeader: string | undefined): boolean {
    if (hostHeader === undefined) return true;
    const host = hostOnly(hostHeader);
    return isIP(host) !== 0 || this.names.has(host) || host.endsWith('.localhost');
  }

  /** A browser names the page's origin; it must be this very hub (same host and port as asked). */
  sameOrigin(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    try {
      const o = new URL(origin);
      return (o.protocol === 'http:' || o.protocol === 'https:') && o.host.toLowerCase() === (req.headers.host ?? '').toLowerCase();
    } catch {
      return false; // "null" (a sandboxed frame, a file) is never ours
    }
  }

  /**
   * Writes from a browser must be JSON from our own pages: a cross-site form or `text/plain`
   * fetch needs no CORS preflight, so it would otherwise reach the handler.
   */
  writeAllowed(req: IncomingMessage): boolean {
    if (!this.sameOrigin(req)) return false;
    if (req.headers['sec-fetch-site'] === 'cross-site') return false;
    const fromBrowser = req.headers.origin !== undefined || req.headers['sec-fetch-mode'] === 'navigate';
    const [mediaType = ''] = (req.headers['content-type'] ?? '').split(';');
    const type = mediaType.trim().toLowerCase();
    return !fromBrowser || type === 'application/json' || req.headers['content-length'] === '0';
  }
}
