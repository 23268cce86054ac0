// An SMS provider's HTTP gateway on loopback, for tests that need the outbox's real outcomes
// (sent, failed after its retries, unknown) without a modem: each request is answered as `mode`
// says when it arrives. The numbers it receives stay in this test process.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestHub } from './hub.ts';

/** ok: 200 (sent); refuse: 500 (not sent, tried again later); drop: the connection cut once the request is in (no verdict). */
export type GatewayMode = 'ok' | 'refuse' | 'drop';

export class SmsGateway {
  mode: GatewayMode = 'ok';
  /** Every request taken, with the mode it was answered in. */
  readonly seen: { mode: GatewayMode; url: string }[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<SmsGateway> {
    const server = createServer();
    const gw = new SmsGateway(server);
    server.on('request', (req, res) => {
      const mode = gw.mode;
      gw.seen.push({ mode, url: req.url ?? '' });
      req.resume();
      req.on('end', () => {
        if (mode === 'drop') req.socket.destroy();
        else res.writeHead(mode === 'ok' ? 200 : 500, { 'content-type': 'text/plain' }).end(mode);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return gw;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo; // listening on TCP: an AddressInfo
    return `http://127.0.0.1:${port}/send?to={to}&text={text}`;
  }

  /** Waits (no deadline but the test's) until `n` requests have come. */
  async until(n: number): Promise<void> {
    while (this.seen.length < n) await new Promise((r) => setTimeout(r, 10));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Turns the hub's text messages on through this gateway: every message at once, no pace. */
export async function sendThrough(t: TestHub, gw: SmsGateway, admin: string, on = true): Promise<void> {
  const settings = await t.api('settings:get', {}, admin);
  await t.api(
    'settings:update',
    {
      ...settings,
      openingHours: { ...settings.openingHours, enforced: false },
      sms: { ...settings.sms, enabled: on, transport: 'gateway', gatewayUrl: gw.url, aheadCount: 3, minIntervalSec: 0 },
    },
    admin,
  );
}
