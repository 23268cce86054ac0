// A morning's hall of phones behind the center's guest Wi-Fi (#22): 100 citizens' phones share one
// address (127.0.0.2 here, as behind the Wi-Fi's NAT) and follow their tickets as the phone page
// does (renderer/public/phone/ticket.js: the page, its request, then its socket on /ws?ticket=…).
// Measured in one run against the bundled hub:
//   - call → the called citizen's phone has its new state, against the same call → a hall
//     display's socket (the baseline: what the hall has always had);
//   - the line's news (one fewer ahead) on every other phone of that line;
//   - a kiosk's issue and a counter's call while all 100 phones come back at once (Wi-Fi back),
//     against the same operations on a quiet hub;
//   - every phone admitted: refusals of any kind are counted and must be 0.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { waitExit } from '../tests/helpers/child.ts';
import { bundledHub, spawnBundled } from './bundle.ts';
import { createLoadClient } from './httpClient.ts';
import { median, percentile, round, writeResult } from './lib.ts';

const PHONES = 100;
const ROUNDS = 10;
const NAT = '127.0.0.2';

interface PhoneTicket {
  ticketId: number;
  status: string;
  peopleAhead: number;
}

/** One phone: the page's requests on its own keep-alive connections, its socket, what it was shown and when. */
class Phone {
  private readonly agent = new http.Agent({ keepAlive: true, localAddress: NAT, maxSockets: 6 });
  socket: WebSocket | null = null;
  following = false;
  shown: { at: number; ticket: PhoneTicket }[] = [];

  constructor(
    private readonly base: string,
    readonly code: string,
    readonly ticketId: number,
    private readonly refused: (why: string) => void,
  ) {}

  private get(path: string): Promise<{ status: number; body: string }> {
    const u = new URL(this.base);
    return new Promise((resolve, reject) => {
      const r = http.request({ agent: this.agent, host: u.hostname, port: u.port, path }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      });
      r.on('error', reject);
      r.end();
    });
  }

  /** Opens the page: its HTML, script and style, its ticket, then its socket. Resolves once it follows. */
  async open(): Promise<void> {
    const files = await Promise.all([`/t/${this.code}`, '/phone/ticket.js', '/phone/ticket.css'].map((p) => this.get(p)));
    for (const f of files) if (f.status !== 200) this.refused(`page ${f.status}`);
    const page = await this.get(`/api/public-ticket?code=${encodeURIComponent(this.code)}`);
    if (page.status !== 200) return this.refused(`ticket ${page.status}`);
    this.shown.push({ at: performance.now(), ticket: JSON.parse(page.body) as PhoneTicket });
    const ws = new WebSocket(`${this.base.replace(/^http/, 'ws')}/ws?ticket=${encodeURIComponent(this.code)}`, {
      localAddress: NAT,
      origin: this.base,
    });
    this.socket = ws;
    await new Promise<void>((resolve) => {
      ws.on('unexpected-response', (_req, res) => {
        this.refused(`upgrade ${res.statusCode}`);
        resolve();
      });
      ws.on('error', () => resolve());
      ws.on('close', () => resolve());
      ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', token: this.code, topics: [{ kind: 'ticket', code: this.code }] })));
      ws.on('message', (d: Buffer) => {
        const m = JSON.parse(d.toString()) as { type: string; code?: string; ticket?: PhoneTicket };
        if (m.type === 'error') this.refused(`socket ${m.code}`);
        if (m.type === 'ticket' && m.ticket) {
          if (m.ticket.ticketId !== this.ticketId) throw new Error('a phone was sent another ticket');
          this.shown.push({ at: performance.now(), ticket: m.ticket });
          this.following = true;
          resolve();
        }
      });
    });
  }

  /** Leaves the page: the browser closes the socket. */
  leave(): void {
    this.following = false;
    this.socket?.close(1001);
    this.socket = null;
  }

  close(): void {
    this.socket?.terminate();
    this.agent.destroy();
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-phones-'));
  const hub = await spawnBundled(await bundledHub(), dir, { MOTCUA_KIOSK_ISSUE_LIMIT: 'off' });
  const api = createLoadClient(hub.url);
  const refusals: Record<string, number> = {};
  const refused = (why: string) => void (refusals[why] = (refusals[why] ?? 0) + 1);
  const phones: Phone[] = [];
  let hall: WebSocket | null = null;
  try {
    const admin = (await api('auth:login', { username: 'admin', password: 'motcua-admin' })).token;
    await api('settings:update', { ...(await api('settings:get', {}, admin)), phoneBaseUrl: hub.url }, admin);
    const pair = async (kind: 'kiosk' | 'display') =>
      (await api('device:pair', { code: (await api('devices:create', { kind, name: `Bench ${kind}`, counterId: null }, admin)).code }))
        .token;
    const kiosk = await pair('kiosk');
    const fields = new Map((await api('fields:list', {}, admin)).map((f) => [f.code, f.id]));
    const counters = new Map((await api('counters:list', {}, admin)).map((c) => [c.number, c.id]));
    const officerAt = async (n: number) => {
      const token = (await api('auth:login', { username: `canbo${n}`, password: 'motcua-canbo' })).token;
      await api('counter:open', { counterId: counters.get(n)! }, token);
      return token;
    };
    const officers = [await officerAt(1), await officerAt(2), await officerAt(3), await officerAt(4)];
    const desk = await officerAt(6); // serves result collection: the storm's timed calls leave the phones' lines alone
    for (let i = 0; i < 40; i++) await api('ticket:issue', { fieldId: fields.get('TKQ')!, priority: false }, kiosk);
    for (let i = 0; i < PHONES; i++) {
      const issued = await api('ticket:issue', { fieldId: fields.get(i % 2 ? 'DD' : 'TP')!, priority: false }, kiosk);
      phones.push(new Phone(hub.url, issued.phoneUrl!.split('/t/')[1]!, issued.ticket.id, refused));
    }
    const byTicket = new Map(phones.map((p) => [p.ticketId, p]));

    // The baseline for calls: a hall display's socket, from the staff's address.
    const hallCalls = new Map<number, number>();
    const display = await pair('display');
    hall = new WebSocket(`${hub.url.replace(/^http/, 'ws')}/ws`, { origin: hub.url });
    await new Promise<void>((resolve) => {
      hall!.on('open', () => hall!.send(JSON.stringify({ type: 'subscribe', token: display, topics: [{ kind: 'hall' }] })));
      hall!.on('message', (d: Buffer) => {
        const m = JSON.parse(d.toString()) as { type: string; events?: { type: string; ticketId: number | null }[] };
        if (m.type === 'subscribed') resolve();
        for (const e of m.events ?? [])
          if (e.type === 'ticket:called' && e.ticketId !== null && !hallCalls.has(e.ticketId)) hallCalls.set(e.ticketId, performance.now());
      });
    });

    const issue = async (): Promise<number> => {
      const t = performance.now();
      await api('ticket:issue', { fieldId: fields.get('TKQ')!, priority: false }, kiosk);
      return performance.now() - t;
    };
    const call = async (): Promise<number> => {
      const current = (await api('counter:get', {}, desk)).current;
      if (current) await api('ticket:finish', { id: current.id }, desk);
      const t = performance.now();
      await api('counter:call-next', {}, desk);
      return performance.now() - t;
    };
    /** The kiosk and the counter each work on their own (two devices), until `over`. */
    const staff = async (over: () => boolean, atLeast: number) => {
      const issues: number[] = [];
      const calls: number[] = [];
      await Promise.all([
        (async () => {
          while (issues.length < atLeast || !over()) issues.push(await issue());
        })(),
        (async () => {
          while (calls.length < atLeast || !over()) calls.push(await call());
        })(),
      ]);
      return { issues, calls };
    };
    await staff(() => true, 5); // warm-up

    // 100 phones open their page at once.
    let t0 = performance.now();
    await Promise.all(phones.map((p) => p.open()));
    const allOpenMs = performance.now() - t0;
    const following = phones.filter((p) => p.following).length;

    // Counters call: each call timed to the called phone and to the hall, each round to the line's other phones.
    const calls: { at: number; ticketId: number }[] = [];
    const lineNews: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const at = performance.now();
      const ahead = new Map(phones.map((p) => [p, p.shown.at(-1)!.ticket]));
      await Promise.all(
        officers.map(async (o) => {
          const current = (await api('counter:get', {}, o)).current;
          if (current) await api('ticket:finish', { id: current.id }, o);
          const sent = performance.now();
          calls.push({ at: sent, ticketId: (await api('counter:call-next', {}, o)).id });
        }),
      );
      await new Promise((r) => setTimeout(r, 1_500));
      for (const [p, before] of ahead) {
        if (before.status !== 'waiting' || calls.some((c) => c.ticketId === p.ticketId && c.at >= at)) continue;
        const news = p.shown.find((s) => s.at > at && (s.ticket.status !== 'waiting' || s.ticket.peopleAhead < before.peopleAhead));
        if (news) lineNews.push(news.at - at);
      }
    }
    const toPhone: number[] = [];
    const toHall: number[] = [];
    for (const c of calls) {
      if (!byTicket.has(c.ticketId)) continue; // a counter that also serves result collection called one of those
      const shown = byTicket.get(c.ticketId)?.shown.find((s) => s.at > c.at && s.ticket.status === 'called');
      toPhone.push(shown ? shown.at - c.at : Infinity);
      toHall.push((hallCalls.get(c.ticketId) ?? Infinity) - c.at);
    }

    // The Wi-Fi comes back: every phone opens its page again at once, while the kiosk and a counter
    // work; the same operations just before, on the quiet hub, are the baseline.
    const quiet = await staff(() => true, 15);
    for (const p of phones) p.leave();
    await new Promise((r) => setTimeout(r, 500));
    t0 = performance.now();
    let stormOver = false;
    const back = Promise.all(phones.map((p) => p.open())).then(() => (stormOver = true));
    const storm = await staff(() => stormOver, 1);
    await back;
    const stormMs = performance.now() - t0;

    const med = (xs: number[]) => round(median(xs));
    const result = {
      phone_called_p50_ms: med(toPhone),
      phone_called_p99_ms: round(percentile(toPhone, 99)),
      hall_called_p50_ms: med(toHall),
      phone_to_hall_p50_ratio: round(median(toPhone) / median(toHall)),
      issue_storm_to_quiet_ratio: round(median(storm.issues) / median(quiet.issues)),
      call_storm_to_quiet_ratio: round(median(storm.calls) / median(quiet.calls)),
      refusals: Object.values(refusals).reduce((a, b) => a + b, 0),
      detail: {
        phones: PHONES,
        phones_following_after_open: following,
        phones_following_after_storm: phones.filter((p) => p.following).length,
        all_open_ms: round(allOpenMs),
        storm_all_back_ms: round(stormMs),
        calls_to_phones: toPhone.length,
        staff_samples_quiet_storm: [quiet.issues.length, storm.issues.length],
        hall_called_p99_ms: round(percentile(toHall, 99)),
        line_news_p50_ms: med(lineNews),
        line_news_p99_ms: round(percentile(lineNews, 99)),
        line_news_samples: lineNews.length,
        issue_quiet_median_ms: med(quiet.issues),
        issue_storm_median_ms: med(storm.issues),
        issue_storm_max_ms: round(Math.max(...storm.issues)),
        call_quiet_median_ms: med(quiet.calls),
        call_storm_median_ms: med(storm.calls),
        call_storm_max_ms: round(Math.max(...storm.calls)),
        refusals_by_kind: refusals,
        measure:
          'call-next sent (bench process) → the called phone socket has status called, and → the hall socket has ticket:called; line news: each round of 4 calls → the first push with fewer ahead on every other waiting phone',
        setup: `${PHONES} phones from ${NAT} (one NAT address), staff from 127.0.0.1; 4 counters calling; the bundled hub as a separate process on this 2-core machine`,
      },
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(`written ${writeResult('phones', result)}`);
  } finally {
    hall?.terminate();
    for (const p of phones) p.close();
    hub.child.kill('SIGTERM');
    await waitExit(hub.child);
    rmSync(dir, { recursive: true, force: true });
  }
}
