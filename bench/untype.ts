// `npm run bench -- untype`: what undoing UniKey costs the hub per scan (#23 item 3). The search
// runs on the hub's event loop, so its worst case, a scan that never verifies, delays every call
// on the hall displays. For each step budget: the slowest scan and the 99th percentile (ms), and
// how many old codes (MC1 tickets, MA2 appointments) still read through each UniKey setting.
import { createHmac } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { SCAN_STEPS, untypedCandidates } from '../hardware/scanner/inputMethods.ts';
import { V1_SHAPES } from '../main/queue/appointments.ts';
import { readTicketCode } from '../main/queue/ticketCode.ts';
import { typeThrough, UNIKEY_SETTINGS } from '../tests/helpers/unikey.ts';

const secret = 'bí mật của máy chủ';
const mac = (x: string) => createHmac('sha256', secret).update(x);

function ticketV1(i: number): string {
  const body = `MC1.${1 + i * 37}.20261123.${1000 + i}`;
  return `${body}.${mac(body).digest('base64url').slice(0, 10)}`;
}
function appointmentV2(i: number): string {
  const body = `MA2.${mac(`n${i}`).digest('hex').slice(0, 12)}`;
  return `${body}.${mac(body).digest('base64url').slice(0, 12)}`;
}
/** As Appointments.recover reads an old code: both shapes within one scan's budget. */
function readAppointment(text: string, steps: number): boolean {
  const budget = { steps };
  for (const shape of V1_SHAPES)
    for (const c of untypedCandidates(text, shape, budget)) {
      const dot = c.lastIndexOf('.');
      if (c !== text && dot > 0 && mac(c.slice(0, dot)).digest('base64url').slice(0, 12) === c.slice(dot + 1)) return true;
    }
  return false;
}

interface Row {
  steps: number;
  worstMs: number;
  p99Ms: number;
  read: Record<string, string>;
}

export async function run(): Promise<void> {
  const tickets = Array.from({ length: 300 }, (_, i) => ticketV1(i));
  const appointments = Array.from({ length: 40 }, (_, i) => appointmentV2(i));
  // Scans that never verify: the same codes with a wrong signature, typed the same way.
  const forgedTickets = tickets.slice(0, 8).map((c) => c.slice(0, -10) + 'aeoAEOawdd');
  const forgedAppointments = appointments.slice(0, 8).map((c) => c.slice(0, -12) + 'aaeeooAEOwdd');
  const rows: Row[] = [];
  const budgets = (process.env.MOTCUA_BENCH_STEPS ?? `${SCAN_STEPS},150000`).split(',').map(Number);
  for (const steps of [budgets[0]!, ...budgets]) {
    const times: number[] = [];
    const timed = <T>(f: () => T): T => {
      const t0 = performance.now();
      const r = f();
      times.push(performance.now() - t0);
      return r;
    };
    const read: Record<string, string> = {};
    for (const s of UNIKEY_SETTINGS) {
      const label = `${s.method}${s.spellCheck ? '' : ' no-spell'} ${s.output}`;
      let t = 0;
      for (const c of tickets) if (timed(() => readTicketCode(secret, typeThrough(c, s), { steps }))) t++;
      let a = 0;
      for (const c of appointments) if (timed(() => readAppointment(typeThrough(c, s), steps))) a++;
      for (const c of forgedTickets) timed(() => readTicketCode(secret, typeThrough(c, s), { steps }));
      for (const c of forgedAppointments) timed(() => readAppointment(typeThrough(c, s), steps));
      read[label] = `tickets ${t}/${tickets.length}, appointments ${a}/${appointments.length}`;
    }
    times.sort((x, y) => x - y);
    const row = { steps, worstMs: +times.at(-1)!.toFixed(1), p99Ms: +times[Math.floor(times.length * 0.99)]!.toFixed(2), read };
    if (rows.length > 0 || budgets.length === 0)
      rows.push(row); // the first pass warms the JIT
    else rows.push({ ...row, steps: -steps });
    console.log(JSON.stringify(row));
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/untype.json',
    JSON.stringify(
      rows.filter((r) => r.steps > 0),
      null,
      2,
    ) + '\n',
  );
}
