// The live event stream: a client subscribes with its last sequence number, receives what it
// missed from the journal, then live events. Replay and registration happen in one synchronous
// step, so no event can fall between them.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  ClientMessage,
  MAX_REPLAY,
  WS_PATH,
  errorCatalog,
  eventMatchesTopic,
  type ErrorCode,
  type JournalEvent,
  type ServerMessage,
  type Topic,
} from '../../contract/index.ts';
import { MAX_PHONES_PER_TICKET, PhoneFollowers, type PhoneFeed } from './phoneFollowers.ts';
import { jsonProblem } from './http.ts';
import { changesAccess, type AccessControl } from '../../auth/access.ts';
import type { Journal } from '../../store/journal.ts';
import type { HostPolicy } from './origin.ts';
import type { Log } from '../../base/log.ts';

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

const HEARTBEAT_MS = 20_000;
const MAX_BUFFERED = 8 * 1024 * 1024;
/** Sockets that have not subscribed yet, in all: past it the biggest holder's oldest is dropped. */
export const MAX_UNSUBSCRIBED = 256;
/**
 * Sockets not subscribed yet from one address: a hall's phones behind the center's Wi-Fi share
 * one address and open a socket each as the page loads, subscribing a moment later.
 */
export const MAX_UNSUBSCRIBED_PER_ADDRESS = 128;
/** A socket must subscribe this soon after it opens. */
export const SUBSCRIBE_WITHIN_MS = 10_000;
/** Subscriptions per socket per minute: a screen resubscribes after a reconnect, not in a loop. */
export const MAX_SUBSCRIBES_PER_MIN = 10;
/** Events one socket may be replayed per minute; past it, `reset` (a snapshot is cheaper). */
export const REPLAY_BUDGET_PER_MIN = MAX_REPLAY;
const MINUTE = 60_000;
/** The refusals that end the socket, and the close code each gives the client. */
const closeCodes: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 4401,
  PASSWORD_CHANGE_REQUIRED: 4401,
  FORBIDDEN: 4403,
  TOO_MANY_ATTEMPTS: 4429,
};

/** What the socket layer keeps of every socket, whichever server it serves. */
export interface HallSocket {
  socket: WebSocket;
  /** The address it came from: budgets are per address, so one machine cannot crowd out the rest. */
  ip: string;
  /** Whose budget of waiting (not yet subscribed) sockets it counts against: its address, or its ticket. */
  waitsAs: string;
  openedAt: number;
  alive: boolean;
  deadline: NodeJS.Timeout | null;
  subscribes: number[];
}

/** What one server does with its sockets; the hall does the rest. */
export interface HallRules<C extends HallSocket> {
  path: string;
  maxPayload: number;
  /** The server's own state for a new socket. */
  create(base: HallSocket): C;
  /**
   * A budget of waiting sockets of its own for an upgrade that shows a right to one (a phone's
   * genuine ticket code), instead of its address's: a hall of phones behind the center's Wi-Fi
   * shares one address with any guest running a script.
   */
  waitingBudget?(req: IncomingMessage): { key: string; max: number } | null;
  /** Subscribed: past the deadline and out of the waiting count. */
  subscribed(client: C): boolean;
  /** A text message, parsed, no deeper than 8 levels. */
  message(client: C, json: unknown): void;
  pong?(client: C): void;
  closed?(client: C, code: number): void;
}

/**
 * The socket layer both servers are built from: Host and Origin checked at the upgrade, a cap on
 * sockets that have not subscribed (per address and in all), a deadline to subscribe, a heartbeat
 * that drops dead peers, a subscribe budget, and backpressure (a reader that cannot keep up is
 * dropped and resyncs).
 */
export class SocketHall<C extends HallSocket> {
  private readonly wss: WebSocketServer;
  readonly clients = new Set<C>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    server: Server,
    private readonly hosts: HostPolicy,
    private readonly rules: HallRules<C>,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: rules.maxPayload });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== rules.path) {
        socket.destroy();
        return;
      }
      // A page of another site may open a WebSocket to any address: only our own pages may.
      if (!this.hosts.hostAllowed(req.headers.host) || !this.hosts.sameOrigin(req)) return refuseUpgrade(socket, 403, 'Forbidden');
      const ip = req.socket.remoteAddress ?? 'unknown';
      const own = rules.waitingBudget?.(req) ?? null;
      const waitsAs = own ? own.key : `ip:${ip}`;
      if (!this.roomFor(waitsAs, own ? own.max : MAX_UNSUBSCRIBED_PER_ADDRESS)) return refuseUpgrade(socket, 503, 'Service Unavailable');
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, ip, waitsAs));
    });
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /**
   * Whether a new socket may wait to subscribe, counted against `waitsAs` (its address, or its
   * ticket) with at most `max` waiting. Past the total, the oldest waiting socket of the holder
   * of the most is dropped instead: a stranger's flood of idle sockets never keeps a paired
   * screen out, nor, sharing their address, the phones of the hall.
   */
  private roomFor(waitsAs: string, max: number): boolean {
    const waiting = new Map<string, C[]>();
    let total = 0;
    for (const c of this.clients) {
      if (this.rules.subscribed(c)) continue;
      total++;
      const list = waiting.get(c.waitsAs) ?? [];
      list.push(c);
      waiting.set(c.waitsAs, list);
    }
    if ((waiting.get(waitsAs)?.length ?? 0) >= max) return false;
    if (total < MAX_UNSUBSCRIBED) return true;
    const biggest = [...waiting.values()].reduce((a, b) => (b.length > a.length ? b : a));
    const oldest = biggest.reduce((a, b) => (b.openedAt < a.openedAt ? b : a));
    this.clients.delete(oldest);
    oldest.socket.terminate();
    return true;
  }

  private accept(socket: WebSocket, ip: string, waitsAs: string): void {
    const client = this.rules.create({ socket, ip, waitsAs, openedAt: Date.now(), alive: true, deadline: null, subscribes: [] });
    client.deadline = setTimeout(() => {
      if (!this.rules.subscribed(client)) socket.close(4408, 'SUBSCRIBE_TIMEOUT');
    }, SUBSCRIBE_WITHIN_MS);
    client.deadline.unref();
    this.clients.add(client);
    socket.on('pong', () => {
      client.alive = true;
      this.rules.pong?.(client);
    });
    socket.on('close', (code) => {
      if (client.deadline) clearTimeout(client.deadline);
      this.clients.delete(client);
      this.rules.closed?.(client, code);
    });
    socket.on('error', () => socket.terminate());
    socket.on('message', (raw, isBinary) => {
      if (isBinary) return this.refuse(client, 'VALIDATION');
      let json: unknown;
      try {
        json = JSON.parse(raw.toString());
      } catch {
        return this.refuse(client, 'BAD_JSON');
      }
      if (jsonProblem(json, 8)) return this.refuse(client, 'VALIDATION');
      this.rules.message(client, json);
    });
  }

  /** Counts a subscription; false past the budget (the socket is then refused). */
  subscribeAllowed(client: C): boolean {
    const now = Date.now();
    client.subscribes = client.subscribes.filter((t) => t > now - MINUTE);
    if (client.subscribes.length >= MAX_SUBSCRIBES_PER_MIN) {
      this.refuse(client, 'TOO_MANY_ATTEMPTS');
      return false;
    }
    client.subscribes.push(now);
    return true;
  }

  /** Subscribed: the deadline no longer runs. */
  settle(client: C): void {
    if (client.deadline) clearTimeout(client.deadline);
    client.deadline = null;
  }

  refuse(client: C, code: ErrorCode): void {
    const info = errorCatalog[code];
    this.send(client.socket, JSON.stringify({ type: 'error', code, message: info.vi, messageEn: info.en }));
    const closeCode = closeCodes[code];
    if (closeCode !== undefined) client.socket.close(closeCode, code);
  }

  send(socket: WebSocket, text: string | Buffer): void {
    if (socket.readyState !== socket.OPEN) return;
    // A client that cannot keep up is dropped; it resyncs from its last sequence number.
    if (socket.bufferedAmount > MAX_BUFFERED) {
      socket.terminate();
      return;
    }
    socket.send(text, { binary: false });
  }

  private beat(): void {
    for (const client of this.clients) {
      if (!client.alive) {
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) {
      if (client.deadline) clearTimeout(client.deadline);
      client.socket.terminate();
    }
    this.wss.close();
  }
}

interface Client extends HallSocket {
  topics: Topic[] | null;
  token: string | null;
  /** The paired device on this socket, for its last contact and the log. */
  deviceId: number | null;
  /** The officer or manager on this socket, for the floor's "signed in at no counter". */
  staffId: number | null;
  replays: { at: number; count: number }[];
}

export class EventStream {
  private readonly hall: SocketHall<Client>;
  private readonly unsubscribe: () => void;
  private readonly phones: PhoneFollowers<WebSocket>;

  constructor(
    server: Server,
    private readonly journal: Journal,
    private readonly access: AccessControl,
    hosts: HostPolicy,
    private readonly log: Log,
    private readonly phoneFeed: PhoneFeed = { resolve: () => null, stateOf: () => null },
  ) {
    this.phones = new PhoneFollowers(phoneFeed, journal, (socket, text) => this.hall.send(socket, text));
    this.hall = new SocketHall<Client>(server, hosts, {
      path: WS_PATH,
      maxPayload: 16 * 1024,
      create: (base) => ({ ...base, topics: null, token: null, deviceId: null, staffId: null, replays: [] }),
      subscribed: (c) => c.topics !== null,
      // The phone page names its ticket as it opens its socket (/ws?ticket=<code>).
      waitingBudget: (req) => {
        const code = new URL(req.url ?? '/', 'http://hub.invalid').searchParams.get('ticket');
        const ticket = code ? this.phoneFeed.resolve(code) : null;
        return ticket ? { key: `ticket:${ticket.ticketId}`, max: MAX_PHONES_PER_TICKET } : null;
      },
      // A display on its socket all day is in contact: its heartbeat says so (throttled to a write a minute).
      pong: (c) => {
        if (c.deviceId !== null) this.access.touchDevice(c.deviceId);
      },
      closed: (c, code) => {
        this.phones.drop(c.socket);
        if (c.deviceId !== null) this.log.info({ deviceId: c.deviceId, code }, 'device disconnected');
      },
      message: (c, json) => this.onMessage(c, json),
    });
    this.unsubscribe = journal.subscribe((events) => {
      if (events.some(changesAccess)) this.recheckAll();
      this.broadcast(events);
      this.phones.changed(events);
    });
  }

  private get clients(): Set<Client> {
    return this.hall.clients;
  }

  get size(): number {
    return this.clients.size;
  }

  private onMessage(client: Client, json: unknown): void {
    const msg = ClientMessage.safeParse(json);
    if (!msg.success) return this.refuse(client, 'VALIDATION');
    if (msg.data.type === 'ping') return this.send(client, { type: 'pong' });
    if (!this.hall.subscribeAllowed(client)) return;
    const refusal = this.refusalFor(msg.data.token, msg.data.topics);
    if (refusal) return this.refuse(client, refusal);
    if (msg.data.topics[0]?.kind === 'ticket') return this.followTicket(client, msg.data.token);
    client.token = msg.data.token;
    const principal = this.access.resolve(msg.data.token);
    client.staffId = principal?.kind === 'staff' ? principal.staff.id : null;
    if (principal?.kind === 'device' && client.deviceId !== principal.device.id) {
      client.deviceId = principal.device.id;
      this.log.info({ deviceId: principal.device.id, kind: principal.device.kind, name: principal.device.name }, 'device connected');
    }
    void this.subscribeWhenSettled(client, msg.data.topics, msg.data.since);
  }

  /** Why a token may not follow these topics, or null if it may. */
  private refusalFor(token: string, topics: readonly Topic[]): ErrorCode | null {
    // A phone follows one ticket with its code as token, and nothing else.
    if (topics.some((t) => t.kind === 'ticket')) {
      const [first] = topics;
      const only = topics.length === 1 && first?.kind === 'ticket' && first.code === token;
      return only && this.phoneFeed.resolve(token) !== null ? null : 'UNAUTHENTICATED';
    }
    const principal = this.access.resolve(token);
    if (!principal) return 'UNAUTHENTICATED';
    if (principal.kind === 'staff' && principal.session.mustChangePassword) return 'PASSWORD_CHANGE_REQUIRED';
    const supervisor = principal.role === 'admin' || principal.role === 'manager';
    if (topics.some((t) => t.kind === 'manager') && !supervisor) return 'FORBIDDEN';
    // A kiosk follows its own printer only; managers follow any.
    const ownPrinter = (t: Topic) => t.kind === 'printer' && principal.kind === 'device' && principal.device.id === t.deviceId;
    if (topics.some((t) => t.kind === 'printer' && !supervisor && !ownPrinter(t))) return 'FORBIDDEN';
    return null;
  }

  /**
   * A phone follows its one ticket: no replay of the journal (it holds other citizens' tickets),
   * the ticket's state now and again whenever its line moves.
   */
  private followTicket(client: Client, code: string): void {
    if (client.topics !== null) return this.refuse(client, 'VALIDATION'); // a phone subscribes once per socket
    const ticket = this.phoneFeed.resolve(code);
    if (!ticket) return this.refuse(client, 'UNAUTHENTICATED');
    const refusal = this.phones.admit(client.socket, client.ip, ticket);
    if (refusal) return this.refuse(client, refusal);
    client.topics = [{ kind: 'ticket', code }];
    this.hall.settle(client);
    this.send(client, { type: 'subscribed', head: this.journal.head(), replayed: 0 });
    this.phones.sendNow(ticket.ticketId);
  }

  /** After a revocation, deactivation or demotion: a socket whose token no longer allows its topics is closed at once. */
  private recheckAll(): void {
    for (const client of this.clients) {
      if (client.token === null || client.topics === null || this.phones.has(client.socket)) continue;
      const refusal = this.refusalFor(client.token, client.topics);
      if (refusal) {
        client.topics = null;
        client.token = null;
        this.refuse(client, refusal === 'FORBIDDEN' ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      }
    }
  }

  /** Whether this socket may be replayed `count` more events this minute. */
  private replayAllowed(client: Client, count: number): boolean {
    const now = Date.now();
    client.replays = client.replays.filter((r) => r.at > now - MINUTE);
    const used = client.replays.reduce((sum, r) => sum + r.count, 0);
    if (used + count > REPLAY_BUDGET_PER_MIN) return false;
    client.replays.push({ at: now, count });
    return true;
  }

  /** Replays only committed rows: a batch still open would be published again when it commits. */
  private async subscribeWhenSettled(client: Client, topics: Topic[], since: number | undefined): Promise<void> {
    while (this.journal.pending) await this.journal.settled().catch(() => undefined);
    this.subscribe(client, topics, since);
  }

  private subscribe(client: Client, topics: Topic[], since: number | undefined): void {
    const head = this.journal.head();
    if (since === undefined || since === head) {
      client.topics = topics;
      this.send(client, { type: 'subscribed', head, replayed: 0 });
      return;
    }
    // Counted before reading: a socket asking again and again for thousands of events gets `reset`.
    const missed = since > head || !this.replayAllowed(client, head - since) ? null : this.journal.after(since, MAX_REPLAY + 1);
    if (missed === null || missed.length > MAX_REPLAY) {
      client.topics = topics;
      this.send(client, { type: 'reset', head });
      return;
    }
    let replayed = 0;
    for (const event of missed) {
      if (topics.some((t) => eventMatchesTopic(event, t))) {
        this.send(client, { type: 'event', event });
        replayed++;
      }
    }
    client.topics = topics;
    this.send(client, { type: 'subscribed', head, replayed });
  }

  /** One frame per client per committed batch, encoded once per distinct set of topics. */
  private broadcast(events: readonly JournalEvent[]): void {
    const frames = new Map<string, Buffer | null>();
    for (const client of this.clients) {
      if (!client.topics || this.phones.has(client.socket)) continue;
      const key = JSON.stringify(client.topics);
      let frame = frames.get(key);
      if (frame === undefined) {
        const topics = client.topics;
        const mine = events.filter((e) => topics.some((t) => eventMatchesTopic(e, t)));
        frame = mine.length === 0 ? null : Buffer.from(JSON.stringify({ type: 'events', events: mine } satisfies ServerMessage));
        frames.set(key, frame);
      }
      if (frame) this.sendText(client, frame);
    }
  }

  private refuse(client: Client, code: ErrorCode): void {
    this.hall.refuse(client, code);
  }

  private send(client: Client, msg: ServerMessage): void {
    this.sendText(client, JSON.stringify(msg));
  }

  private sendText(client: Client, text: string | Buffer): void {
    this.hall.send(client.socket, text);
  }

  /** Staff whose console holds a live socket now. */
  connectedStaff(): Set<number> {
    const out = new Set<number>();
    for (const c of this.clients) if (c.staffId !== null && c.topics !== null) out.add(c.staffId);
    return out;
  }

  close(): void {
    this.unsubscribe();
    this.phones.close();
    this.hall.close();
  }
}
