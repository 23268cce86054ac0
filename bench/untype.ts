// `npm run bench -- untype`: what undoing UniKey costs the hub per scan, and what it reads (#23
// item 3). The search runs on the hub's event loop, so its worst case, a scan that never
// verifies, delays every call on the hall displays. Per UniKey setting, with one scan's
// production budget (SCAN_STEPS): how many old codes read (MC1 tickets; MA2 appointments as the
// hub reads them, today's booked codes tested first, then the signature-guided search; MA1 quick
// codes by the search alone, as they were never stored), against the baseline measured in the
// same run (the search that enumerates every reading of the signature, the hub's until this
// change); the steps and milliseconds (median, p99, worst) of a scan, forged ones too.
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { SCAN_STEPS, typedFrom, untypedCandidates, type StepBudget } from '../hardware/scanner/inputMethods.ts';
import { V1_SHAPES } from '../main/queue/appointments.ts';
import { readTicketCode } from '../main/queue/ticketCode.ts';
import { typeThrough, UNIKEY_SETTINGS } from '../tests/helpers/unikey.ts';
import { median, percentile, round, writeResult } from './lib.ts';

const secret = 'bí mật của máy chủ';
const mac = (x: string) => createHmac('sha256', secret).update(x);
const signV2 = (body: string) => mac(body).digest('base64url').slice(0, 12);

function ticketV1(i: number): string {
  const body = `MC1.${1 + i * 37}.20261123.${1000 + i}`;
  return `${body}.${mac(body).digest('base64url').slice(0, 10)}`;
}
/** A quick code printed before #23 (a field and a validity; never stored, so read by its signature alone). */
function quickV1(i: number): string {
  const body = `MA1.${1 + (i % 9)}.${(29_500_000 + i * 977).toString(36)}.${mac(`q${i}`).digest('hex').slice(0, 8)}`;
  return `${body}.${signV2(body)}`;
}
function appointmentV2(i: number): string {
  const body = `MA2.${mac(`n${i}`).digest('hex').slice(0, 12)}`;
  return `${body}.${signV2(body)}`;
}
const genuine = (c: string) => {
  const dot = c.lastIndexOf('.');
  return dot > 0 && signV2(c.slice(0, dot)) === c.slice(dot + 1);
};

/** As Appointments.recover reads an old code: as scanned, today's known codes, then the search; the code read or null. */
function readAppointment(text: string, known: string[], budget: StepBudget, how: 'hub' | 'guided' | 'enumerating'): string | null {
  if (genuine(text)) return text;
  if (how === 'hub') for (const k of known) if (typedFrom(text, k, budget)) return k;
  for (const shape of V1_SHAPES)
    for (const c of untypedCandidates(text, shape, budget, how === 'enumerating' ? undefined : signV2)) if (genuine(c)) return c;
  return null;
}

export async function run(): Promise<void> {
  const tickets = Array.from({ length: 300 }, (_, i) => ticketV1(i));
  const appointments = Array.from({ length: 40 }, (_, i) => appointmentV2(i));
  const quick = Array.from({ length: 40 }, (_, i) => quickV1(i));
  // Scans that never verify: the same codes with a wrong signature, typed the same way.
  const forgedTickets = tickets.slice(0, 8).map((c) => c.slice(0, -10) + 'aeoAEOawdd');
  const forgedAppointments = appointments.slice(0, 8).map((c) => c.slice(0, -12) + 'aaeeooAEOwdd');
  const ms: number[] = [];
  const steps: number[] = [];
  const forgedMs: number[] = [];
  const forgedSteps: number[] = [];
  const measure = <T>(f: (b: StepBudget) => T, forged = false): T => {
    const budget: StepBudget = { steps: SCAN_STEPS };
    const t0 = performance.now();
    const r = f(budget);
    (forged ? forgedMs : ms).push(performance.now() - t0);
    (forged ? forgedSteps : steps).push(SCAN_STEPS - budget.steps);
    return r;
  };
  const read: Record<string, Record<string, string>> = {};
  let wrong = 0;
  for (const pass of ['warm-up', 'measured']) {
    for (const samples of [ms, steps, forgedMs, forgedSteps]) samples.length = 0;
    for (const s of UNIKEY_SETTINGS) {
      const label = `${s.method}${s.spellCheck ? '' : ' no-spell'} ${s.output}`;
      let t = 0;
      tickets.forEach((c, i) => {
        const r = measure((b) => readTicketCode(secret, typeThrough(c, s), b));
        if (r?.number === 1000 + i) t++;
        else if (r) wrong++;
      });
      const count = (how: 'hub' | 'guided' | 'enumerating') => {
        let n = 0;
        for (const c of appointments) {
          const typed = typeThrough(c, s);
          const r =
            how === 'hub'
              ? measure((b) => readAppointment(typed, appointments, b, how))
              : readAppointment(typed, [], { steps: SCAN_STEPS }, how);
          if (r === c) n++;
          else if (r) wrong++;
        }
        return n;
      };
      const hub = count('hub');
      let q = 0;
      for (const c of quick) {
        const r = measure((b) => readAppointment(typeThrough(c, s), appointments, b, 'hub'));
        if (r === c) q++;
        else if (r) wrong++;
      }
      for (const c of forgedTickets) measure((b) => readTicketCode(secret, typeThrough(c, s), b), true);
      for (const c of forgedAppointments) measure((b) => readAppointment(typeThrough(c, s), appointments, b, 'hub'), true);
      if (pass === 'warm-up') continue;
      read[label] = {
        tickets: `${t}/${tickets.length}`,
        appointments: `${hub}/${appointments.length}`,
        appointmentsBySignatureAlone: `${count('guided')}/${appointments.length}`,
        appointmentsBaselineEnumerating: `${count('enumerating')}/${appointments.length}`,
        quickCodes: `${q}/${quick.length}`,
      };
    }
  }
  const result = {
    scanSteps: SCAN_STEPS,
    read,
    wrongValidCodes: wrong,
    scan: {
      medianMs: round(median(ms), 3),
      p99Ms: round(percentile(ms, 99), 2),
      worstMs: round(Math.max(...ms), 2),
      medianSteps: median(steps),
      worstSteps: Math.max(...steps),
    },
    forged: {
      usPerStep: round((forgedMs.reduce((a, b) => a + b, 0) * 1000) / forgedSteps.reduce((a, b) => a + b, 0), 2),
      medianMs: round(median(forgedMs), 2),
      worstMs: round(Math.max(...forgedMs), 2),
      worstSteps: Math.max(...forgedSteps),
    },
  };
  console.log(JSON.stringify(result, null, 2));
  writeResult('untype', result);
}
