// The addresses a phone on the center's Wi-Fi could reach this hub at, for the manager to choose
// from (first-run setup, Cài đặt): never set by the hub itself, since only the manager knows which
// network the citizens' phones are on.
import type { NetworkInterfaceInfo } from 'node:os';

export interface PhoneAddresses {
  /** `http://ADDRESS:PORT` for each IPv4 address of this PC that is not loopback or link-local. */
  candidates: string[];
  /** The hub listens on this PC only (127.0.0.1): no phone can reach it whatever the address. */
  loopbackOnly: boolean;
}

/** `interfaces` as os.networkInterfaces() gives them; `host` the address the hub listens on. */
export function phoneAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>, host: string, port: number): PhoneAddresses {
  const bound = host.replace(/^::ffff:/, '');
  if (bound === 'localhost' || bound === '::1' || bound.startsWith('127.')) return { candidates: [], loopbackOnly: true };
  const wildcard = bound === '0.0.0.0' || bound === '::' || bound === '';
  const seen = new Set<string>();
  for (const list of Object.values(interfaces))
    for (const a of list ?? []) {
      // IPv4 only: the address a person can read and type, and the one phones on a Wi-Fi get.
      if (a.family !== 'IPv4' || a.internal || a.address.startsWith('169.254.')) continue;
      if (!wildcard && a.address !== bound) continue;
      seen.add(a.address);
    }
  return { candidates: [...seen].sort(privateFirst).map((a) => `http://${a}:${port}`), loopbackOnly: false };
}

/** Private LAN ranges (192.168/16, 10/8, 172.16/12) before the rest: the center's Wi-Fi is one of them. */
function privateFirst(a: string, b: string): number {
  const rank = (ip: string) => (/^(192\.168\.|10\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip) ? 0 : 1);
  return rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true });
}
