// `npm run printer:emulate`: an ESC/POS printer on TCP that saves every ticket it prints as a
// PNG. Type a state and Enter to change how it answers: ok, paper, near, cover, offline,
// silent, slow (prints at --speed mm/s behind a --buffer byte buffer), slowlink, fast.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { PrinterEmulator, readyState } from './printer/emulator.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    width: { type: 'string' },
    out: { type: 'string' },
    status: { type: 'string' },
    speed: { type: 'string' },
    buffer: { type: 'string' },
  },
});
const width = Number(values.width ?? 576);
if (![384, 512, 576].includes(width)) throw new Error('--width must be 384, 512 or 576');
const out = resolve(values.out ?? 'printed-tickets');
// A cheap 58 mm printer: 60 mm/s behind a 4 KB receive buffer (the network waits while it is full).
const speed = Number(values.speed ?? 60);
const buffer = Number(values.buffer ?? 4096);
if (!(speed > 0) || !(buffer >= 256)) throw new Error('--speed must be a number of mm/s above 0, --buffer at least 256 bytes');
mkdirSync(out, { recursive: true });

const states: Record<string, Partial<typeof readyState>> = {
  ok: { ...readyState },
  paper: { paperOut: true },
  near: { paperNearEnd: true },
  cover: { coverOpen: true },
  offline: { online: false },
  silent: { silent: true },
  slow: { printMmPerSec: speed, bufferBytes: buffer },
  slowlink: { slowBytesPerSec: 20_000 },
  fast: { slowBytesPerSec: 0, printMmPerSec: 0 },
};

const emu = new PrinterEmulator(width);
const port = await emu.listen(Number(values.port ?? 9100), values.host ?? '127.0.0.1');
if (values.status) emu.set(states[values.status] ?? {});
console.log(
  `Máy in giả lập ESC/POS / ESC/POS printer emulator on ${values.host ?? '127.0.0.1'}:${port}, ${width} dots; tickets saved to ${out}`,
);
console.log(`Trạng thái / states: ${Object.keys(states).join(', ')} (type one and Enter)`);

let n = 0;
const next = async () => {
  const job = await emu.nextJob(24 * 60 * 60 * 1000);
  const file = join(out, `ticket-${String(++n).padStart(4, '0')}.png`);
  writeFileSync(file, job.png());
  console.log(`${new Date().toLocaleTimeString('vi-VN')}  ${job.bytes} bytes${job.cut ? ', cut' : ''}  → ${file}`);
  void next();
};
void next();

createInterface({ input: process.stdin }).on('line', (line) => {
  const s = states[line.trim()];
  if (s) {
    emu.set(s);
    console.log(`state: ${line.trim()}`);
  } else if (line.trim()) console.log(`unknown state; one of ${Object.keys(states).join(', ')}`);
});
process.once('SIGINT', () => void emu.close().then(() => process.exit(0)));
