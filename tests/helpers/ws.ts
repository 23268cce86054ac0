import WebSocket from 'ws';
import type { JournalEvent, ServerMessage, Topic } from '../../main/contract/index.ts';

/** A WebSocket subscriber that records everything it is sent. */
export class Subscriber {
  readonly messages: ServerMessage[] = [];
  private readonly socket: WebSocket;
  private waiters: (() => void)[] = [];

  private constructor(url: string) {
    this.socket = new WebSocket(url.replace(/^http/, 'ws') + '/ws');
    this.socket.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as ServerMessage);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async connect(url: string, token: string, topics: Topic[], since?: number): Promise<Subscriber> {
    const s = new Subscriber(url);
    await new Promise<void>((resolve, reject) => {
      s.socket.once('open', () => resolve());
      s.socket.once('error', reject);
    });
    s.socket.send(JSON.stringify({ type: 'subscribe', token, topics, ...(since === undefined ? {} : { since }) }));
    await s.until((m) => m.some((x) => x.type === 'subscribed' || x.type === 'reset' || x.type === 'error'));
    return s;
  }

  get events(): JournalEvent[] {
    return this.messages.flatMap((m) => (m.type === 'event' ? [m.event] : m.type === 'events' ? m.events : []));
  }

  get lastSeq(): number {
    const e = this.events;
    return e.length ? e[e.length - 1]!.seq : 0;
  }

  /** Resolves when the predicate holds over the messages received so far. */
  async until(pred: (messages: ServerMessage[]) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred(this.messages)) {
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(this.messages.slice(-5))}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
