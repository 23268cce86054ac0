// Drives the LED boards above the counters from the journal: a call blinks the number on its
// counter's board, a finished or moved ticket clears it. A board that does not answer is logged
// and skipped: the screens and the voice never wait for it.
import { isTicketEvent, type JournalEvent, type LedBus as LedBusConfig, type TicketEvent } from '../contract/index.ts';
import { LedBus, type SendResult } from '../../hardware/led/bus.ts';
import { frames } from '../../hardware/led/frames.ts';
import { SerialTransport } from '../../hardware/printer/serialTransport.ts';
import { TcpTransport } from '../../hardware/printer/tcpTransport.ts';
import type { Journal } from '../store/journal.ts';
import type { SettingsStore } from '../store/settings.ts';
import type { Log } from '../base/log.ts';

export class LedBoards {
  private bus: LedBus | null = null;
  private key = 'null';
  readonly failures: { address: number; result: SendResult; at: number }[] = [];
  /** Counter id → counter number, learnt from calls. */
  private readonly boardOf = new Map<number, number>();
  private readonly unsubscribe: () => void;

  constructor(
    journal: Journal,
    private readonly settings: SettingsStore,
    private readonly log: Log,
  ) {
    this.unsubscribe = journal.subscribe((events) => {
      for (const e of events) this.onEvent(e);
    });
  }

  private busFor(config: LedBusConfig | null): LedBus | null {
    const key = JSON.stringify(config);
    if (key !== this.key) {
      void this.bus?.close();
      this.key = key;
      // the settings' schema (LedBus) refuses tcp without host and port, and serial without path
      this.bus =
        config === null
          ? null
          : new LedBus(
              config.transport === 'tcp'
                ? new TcpTransport(config.host!, config.port, 1000)
                : new SerialTransport(config.path!, config.baudRate ?? 9600),
            );
    }
    return this.bus;
  }

  private onEvent(e: JournalEvent): void {
    const bus = this.busFor(this.settings.get().ledBus);
    if (!bus || !isTicketEvent(e)) return;
    const t = e.data.ticket;
    if ((e.type === 'ticket:called' || e.type === 'ticket:recalled') && t.counterNumber !== null) {
      if (e.counterId !== null) this.boardOf.set(e.counterId, t.counterNumber);
      this.send(bus, t.counterNumber, frames.call(t.counterNumber, t.number));
    } else if (e.type === 'ticket:started' && t.counterNumber !== null) {
      this.send(bus, t.counterNumber, frames.show(t.counterNumber, t.number));
    } else if (e.counterId !== null && ['ticket:finished', 'ticket:no-show', 'ticket:transferred', 'ticket:cancelled'].includes(e.type)) {
      const number = this.counterNumberOf(e);
      if (number !== null) this.send(bus, number, frames.clear(number));
    }
  }

  /** The board of the counter a ticket left (a transferred ticket no longer names it). */
  private counterNumberOf(e: TicketEvent): number | null {
    const t = e.data.ticket;
    return t.counterNumber ?? (e.counterId === null ? null : (this.boardOf.get(e.counterId) ?? null));
  }

  private send(bus: LedBus, address: number, frame: Uint8Array): void {
    if (address < 1 || address > 254) return;
    void bus.send(frame).then((result) => {
      if (result === 'ack') return;
      this.failures.push({ address, result, at: Date.now() });
      if (this.failures.length > 100) this.failures.shift();
      this.log.warn({ address, result }, 'LED board did not take the frame');
    });
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.bus?.close();
  }
}
