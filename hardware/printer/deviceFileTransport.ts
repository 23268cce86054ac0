import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { codeOf, messageOf } from '../errors.ts';
import { TransportError, type PrinterTransport } from './transport.ts';

/**
 * A USB printer through Linux's printer-class driver (usblp), which exposes /dev/usb/lpN.
 * Reading works where the printer is bidirectional. The udev rule in the README gives the
 * kiosk user access. (On Windows, see README: a raw port through the spooler, or WinUSB.)
 */
export class DeviceFileTransport implements PrinterTransport {
  private fh: FileHandle | null = null;
  private readonly received: number[] = [];
  private readonly chunk = Buffer.alloc(64);

  lost = false;

  /**
   * The device is opened non-blocking (usblp honours O_NONBLOCK): a printer that never answers
   * cannot leave a read pending in the thread pool, where it once held `close()` forever and
   * that kiosk printed nothing more until restarted. Reads and writes poll instead, with deadlines.
   */
  constructor(
    private readonly path: string,
    private readonly writeTimeoutMs = 10_000,
    private readonly pollMs = 15,
    /** 'fifo' also accepts a named pipe: the stand-in for a silent printer where no USB device exists (tests). */
    private readonly accepts: 'device' | 'device-or-fifo' = 'device',
  ) {}

  async open(): Promise<void> {
    let fh: FileHandle;
    try {
      fh = await open(this.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
    } catch (err) {
      throw new TransportError('unreachable', messageOf(err));
    }
    // Checked on the open handle (so a link swapped after a check cannot fool it): printer bytes
    // written to a regular file would destroy it.
    const st = await fh.stat();
    if (!st.isCharacterDevice() && !(this.accepts === 'device-or-fifo' && st.isFIFO())) {
      await fh.close();
      throw new TransportError('unreachable', `${this.path} is not a device`);
    }
    this.fh = fh;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.fh) throw new TransportError('disconnected', 'not open');
    const deadline = Date.now() + this.writeTimeoutMs;
    let at = 0;
    while (at < bytes.length) {
      try {
        const { bytesWritten } = await this.fh.write(bytes, at, bytes.length - at, null);
        at += bytesWritten;
        if (bytesWritten > 0) continue;
      } catch (err) {
        if (codeOf(err) !== 'EAGAIN') {
          this.lost = true;
          throw new TransportError('disconnected', messageOf(err));
        }
      }
      // The printer's buffer is full: it takes more as it prints, or it has stopped taking any.
      if (Date.now() >= deadline) throw new TransportError('stalled', `${this.path} took no data for ${this.writeTimeoutMs} ms`);
      await sleep(this.pollMs);
    }
  }

  async readByte(timeoutMs: number): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const byte = this.received.shift();
      if (byte !== undefined) return byte;
      if (!this.fh || this.lost) return null;
      if (!(await this.readSome())) {
        if (Date.now() >= deadline) return null;
        await sleep(this.pollMs);
      }
    }
  }

  /** Whatever is available now, without waiting; false when there was nothing. */
  private async readSome(): Promise<boolean> {
    if (!this.fh) return false;
    try {
      const { bytesRead } = await this.fh.read(this.chunk, 0, this.chunk.length, null);
      this.received.push(...this.chunk.subarray(0, bytesRead));
      return bytesRead > 0;
    } catch (err) {
      if (codeOf(err) !== 'EAGAIN') this.lost = true;
      return false;
    }
  }

  async discardInput(): Promise<void> {
    while (this.fh && !this.lost && (await this.readSome()));
    this.received.length = 0;
  }

  async abort(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    await this.fh?.close().catch(() => undefined);
    this.fh = null;
  }
}
