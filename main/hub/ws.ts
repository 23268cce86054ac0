// The live event stream: a client subscribes with its last sequence number, receives what it
// missed from the journal, then live events. Replay and registration happen in one synchronous
// step, so no event can fall between them.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  ClientMessage, MAX_REPLAY, WS_PATH, errorCatalog, eventMatchesTopic, type ErrorCode, type JournalEvent,
  type ServerMessage, type Topic,
} from '../contract/index.ts';
import type { AccessControl } from './access.ts';
import type { Journal } from './journal.ts';

const HEARTBEAT_MS = 20_000;
const MAX_BUFFERED = 8 * 1024 * 1024;

interface Client {
  socket: WebSocket;
  topics: Topic[] | null;
  alive: boolean;
}

export class EventStream {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 });
  private readonly clients = new Set<Client>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(server: Server, private readonly journal: Journal, private readonly access: AccessControl) {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== WS_PATH) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
    this.unsubscribe = journal.subscribe((events) => this.broadcast(events));
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  private accept(socket: WebSocket): void {
    const client: Client = { socket, topics: null, alive: true };
    this.clients.add(client);
    socket.on('pong', () => { client.alive = true; });
    socket.on('close', () => this.clients.delete(client));
    socket.on('error', () => socket.terminate());
    socket.on('message', (raw, isBinary) => {
      if (isBinary) return this.refuse(client, 'VALIDATION');
      let json: unknown;
      try {
        json = JSON.parse(raw.toString());
      } catch {
        return this.refuse(client, 'BAD_JSON');
      }
      const msg = ClientMessage.safeParse(json);
      if (!msg.success) return this.refuse(client, 'VALIDATION');
      if (msg.data.type === 'ping') return this.send(client, { type: 'pong' });
      const principal = this.access.resolve(msg.data.token);
      if (!principal) return this.refuse(client, 'UNAUTHENTICATED');
      const supervisor = principal.role === 'admin' || principal.role === 'manager';
      if (msg.data.topics.some((t) => t.kind === 'manager') && !supervisor) return this.refuse(client, 'FORBIDDEN');
      void this.subscribeWhenSettled(client, msg.data.topics, msg.data.since);
    });
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
    const missed = since > head ? null : this.journal.after(since, MAX_REPLAY + 1);
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
      if (!client.topics) continue;
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
    const info = errorCatalog[code];
    this.send(client, { type: 'error', code, message: info.vi, messageEn: info.en });
    if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') client.socket.close(4401 + (code === 'FORBIDDEN' ? 2 : 0), code);
  }

  private send(client: Client, msg: ServerMessage): void {
    this.sendText(client, JSON.stringify(msg));
  }

  private sendText(client: Client, text: string | Buffer): void {
    if (client.socket.readyState !== client.socket.OPEN) return;
    // A client that cannot keep up is dropped; it resyncs from its last sequence number.
    if (client.socket.bufferedAmount > MAX_BUFFERED) {
      client.socket.terminate();
      return;
    }
    client.socket.send(text, { binary: false });
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
    this.unsubscribe();
    for (const client of this.clients) client.socket.terminate();
    this.wss.close();
  }
}
