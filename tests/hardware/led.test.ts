// LED boards: frames byte for byte, the decoder at every split, and the hub driving boards from
// calls, including a board that never answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeFrame, frames, FrameDecoder } from '../../hardware/led/frames.ts';
import { LedBoardEmulator } from '../../hardware/led/emulator.ts';
import { LedBus } from '../../hardware/led/bus.ts';
import { TcpTransport } from '../../hardware/printer/tcpTransport.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { Subscriber } from '../helpers/ws.ts';

describe('frames', () => {
  it('are byte-exact: STX addr cmd len digits xor ETX', () => {
    // 0x05 ^ 'B'(0x42) ^ 0x04 ^ '1'(0x31) ^ '0'(0x30) ^ '2'(0x32) ^ '3'(0x33) = 0x43
    expect([...frames.call(5, 1023)]).toEqual([0x02, 0x05, 0x42, 0x04, 0x31, 0x30, 0x32, 0x33, 0x43, 0x03]);
    expect([...frames.clear(12)]).toEqual([0x02, 0x0c, 0x43, 0x00, 0x0c ^ 0x43, 0x03]);
    expect([...frames.show(1, 7)]).toEqual([0x02, 0x01, 0x4e, 0x01, 0x37, 0x01 ^ 0x4e ^ 0x01 ^ 0x37, 0x03]);
    expect(() => encodeFrame({ address: 0, command: 'N', data: '1' })).toThrow(RangeError);
    expect(() => encodeFrame({ address: 3, command: 'N', data: '123456789' })).toThrow(RangeError);
  });

  it('decode the same whatever the chunking, skipping junk, flagging bad checksums', () => {
    const bytes = Uint8Array.from([0xff, ...frames.call(5, 1023), 0x00, ...frames.clear(2), ...frames.show(254, 99999)]);
    const whole = new FrameDecoder().push(bytes);
    expect(whole.map((d) => d.frame)).toEqual([
      { address: 5, command: 'B', data: '1023' },
      { address: 2, command: 'C', data: '' },
      { address: 254, command: 'N', data: '99999' },
    ]);
    for (let i = 1; i < bytes.length; i++) {
      const d = new FrameDecoder();
      expect([...d.push(bytes.subarray(0, i)), ...d.push(bytes.subarray(i))]).toEqual(whole);
    }
    const bad = frames.call(5, 1023);
    bad[8] = bad[8]! ^ 1;
    expect(new FrameDecoder().push(bad)).toEqual([{ frame: { address: 5, command: 'B', data: '1023' }, ok: false, reason: 'checksum' }]);
  });
});

describe('the bus and the hub', () => {
  let emu: LedBoardEmulator;
  let port: number;
  beforeEach(async () => {
    emu = new LedBoardEmulator();
    port = await emu.listen();
  });
  afterEach(async () => emu.close());

  it('the bus gets an ACK per frame; a silent board times out; an absent one is unreachable', async () => {
    const bus = new LedBus(new TcpTransport('127.0.0.1', port), 200);
    expect(await bus.send(frames.ping(3))).toBe('ack');
    emu.silent = true;
    expect(await bus.send(frames.ping(3))).toBe('timeout');
    await bus.close();
    const gone = new LedBus(new TcpTransport('127.0.0.1', 1), 200);
    expect(await gone.send(frames.ping(3))).toBe('unreachable');
  });

  describe('with a hub', () => {
    let t: TestHub;
    beforeEach(async () => {
      t = await startTestHub();
      const admin = await t.login('admin');
      const s = await t.api('settings:get', {}, admin);
      await t.api('settings:update', { ...s, ledBus: { transport: 'tcp', host: '127.0.0.1', port } }, admin);
    });
    afterEach(async () => t.close());

    it("a call blinks the number on its counter's board, start steadies it, finish clears it", async () => {
      const kiosk = await t.device('kiosk');
      await t.api('ticket:issue', { fieldId: await t.fieldId('DD'), priority: false }, kiosk);
      const officer = await t.officerAt(3);
      const c = await t.api('counter:call-next', {}, officer);
      await expect.poll(() => emu.boards.get(3)).toEqual({ text: '2001', blinking: true });
      await t.api('ticket:start', { id: c.id }, officer);
      await expect.poll(() => emu.boards.get(3)).toEqual({ text: '2001', blinking: false });
      await t.api('ticket:transfer', { id: c.id, fieldId: await t.fieldId('TP') }, officer);
      await expect.poll(() => emu.boards.get(3)).toEqual({ text: '', blinking: false });
      expect(emu.received.every((d) => d.ok)).toBe(true);
      // Byte for byte what the wire carried: call, show, clear for board 3.
      expect(emu.rawBytes).toEqual([...frames.call(3, 2001), ...frames.show(3, 2001), ...frames.clear(3)]);
    });

    it('a board that does not answer never holds up the call on the screens', async () => {
      emu.silent = true;
      const display = await t.device('display');
      const head = (await t.api('floor:get', {}, display)).head;
      const hall = await Subscriber.connect(t.hub.url, display, [{ kind: 'hall' }], head);
      const kiosk = await t.device('kiosk');
      await t.api('ticket:issue', { fieldId: await t.fieldId('TP'), priority: false }, kiosk);
      const officer = await t.officerAt(1);
      await t.api('counter:call-next', {}, officer);
      await hall.until((m) => m.some((x) => x.type === 'events' && x.events.some((e) => e.type === 'ticket:called')));
      // The screens had the call before the board's silence was even noticed.
      expect(t.hub.ledBoards.failures).toEqual([]);
      await expect.poll(() => t.hub.ledBoards.failures.length, { timeout: 3000 }).toBeGreaterThan(0);
      expect(t.hub.ledBoards.failures[0]).toMatchObject({ address: 1, result: 'timeout' });
      await hall.close();
    });
  });
});
