// Frames for the LED number boards above counters, on one RS-485 bus (or a TCP serial server).
//
//   STX  ADDR  CMD  LEN  DATA…  CHK  ETX
//   0x02 1..254 'N' 'B' 'C' 'P'  0..8  ASCII digits  XOR of ADDR..DATA  0x03
//
//   N: show the number steadily   B: show it blinking (a new call)   C: clear   P: ping
//   The board at ADDR answers ACK (0x06 ADDR) or, for a bad checksum, NAK (0x15 ADDR).
//   Boards are addressed by counter number.

import { byteAt } from '../bytes.ts';

export const STX = 0x02;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;

export type LedCommand = 'N' | 'B' | 'C' | 'P';

export interface LedFrame {
  address: number;
  command: LedCommand;
  data: string;
}

export function encodeFrame(f: LedFrame): Uint8Array {
  if (!Number.isInteger(f.address) || f.address < 1 || f.address > 254) throw new RangeError(`address ${f.address}`);
  if (!/^\d{0,8}$/.test(f.data)) throw new RangeError(`data must be up to 8 digits: ${f.data}`);
  const body = [f.address, f.command.charCodeAt(0), f.data.length, ...[...f.data].map((c) => c.charCodeAt(0))];
  const chk = body.reduce((x, b) => x ^ b, 0);
  return Uint8Array.from([STX, ...body, chk, ETX]);
}

export const frames = {
  show: (address: number, n: number) => encodeFrame({ address, command: 'N', data: String(n) }),
  call: (address: number, n: number) => encodeFrame({ address, command: 'B', data: String(n) }),
  clear: (address: number) => encodeFrame({ address, command: 'C', data: '' }),
  ping: (address: number) => encodeFrame({ address, command: 'P', data: '' }),
};

/** A frame as received: its command is whatever byte came (a board ignores one it does not know). */
export type ReceivedFrame = Omit<LedFrame, 'command'> & { command: string };
export type Decoded = { frame: ReceivedFrame; ok: true } | { frame: ReceivedFrame; ok: false; reason: 'checksum' };

/** Takes bytes in chunks of any size, gives back whole frames; junk between frames is skipped. */
export class FrameDecoder {
  private buf: number[] = [];

  push(chunk: Uint8Array): Decoded[] {
    this.buf.push(...chunk);
    const out: Decoded[] = [];
    for (;;) {
      const start = this.buf.indexOf(STX);
      if (start < 0) {
        this.buf = [];
        break;
      }
      if (start > 0) this.buf.splice(0, start);
      const len = this.buf[3]; // STX ADDR CMD LEN
      if (len === undefined) break;
      const total = 4 + len + 2;
      if (len > 8) {
        this.buf.shift();
        continue;
      } // not a frame start after all
      if (this.buf.length < total) break;
      const f = this.buf.splice(0, total);
      if (f[total - 1] !== ETX) {
        continue;
      }
      const body = f.slice(1, 4 + len);
      const frame: ReceivedFrame = {
        address: byteAt(f, 1),
        command: String.fromCharCode(byteAt(f, 2)),
        data: String.fromCharCode(...f.slice(4, 4 + len)),
      };
      const chk = body.reduce((x, b) => x ^ b, 0);
      out.push(chk === f[4 + len] ? { frame, ok: true } : { frame, ok: false, reason: 'checksum' });
    }
    return out;
  }
}
