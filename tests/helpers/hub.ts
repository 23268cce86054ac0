import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hub } from '../../main/hub/hub.ts';
import type { SmsOptions } from '../../main/hub/smsOutbox.ts';
import { repoRoot } from './child.ts';
import type { IssueLimit } from '../../main/base/rateLimit.ts';
import { createApiClient, ApiError, type ApiClient, type EndpointName } from '../../main/contract/index.ts';

/**
 * The hub under test: the TypeScript sources, or with MOTCUA_TEST_HUB=bundle the built dist/hub.mjs
 * (what ships), so the same API suites run on both (`npm test` does both).
 */
export const hubUnderTest = process.env.MOTCUA_TEST_HUB === 'bundle' ? 'bundle' : 'source';
const { startHub } = (
  hubUnderTest === 'bundle' ? await import(pathToFileURL(join(repoRoot, 'dist', 'hub.mjs')).href) : await import('../../main/hub/hub.ts')
) as typeof import('../../main/hub/hub.ts');

/** A clock tests move by hand. Starts on a Monday morning in Hà Nội time. */
export class TestClock {
  constructor(public now = Date.parse('2026-11-23T02:00:00Z')) {}
  readonly read = (): number => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
  set(iso: string): void {
    this.now = Date.parse(iso);
  }
}

export interface TestHub {
  hub: Hub;
  api: ApiClient;
  clock: TestClock;
  dir: string;
  login(username: string, password?: string): Promise<string>;
  /** Signs an officer in and opens a counter (by number). */
  officerAt(counterNumber: number, username?: string): Promise<string>;
  /** Pairs a new device of a kind and returns its token. */
  device(kind: 'kiosk' | 'display' | 'rating' | 'counter_board', counterNumber?: number): Promise<string>;
  fieldId(code: string): Promise<number>;
  counterId(number: number): Promise<number>;
  close(): Promise<void>;
}

/** A clock that follows real time, for browser tests whose pages run on the real clock. */
export class RealClock extends TestClock {
  override readonly read = (): number => Date.now();
}

export async function startTestHub(
  opts: {
    clock?: TestClock;
    /** A monotonic clock apart from the wall clock (clock-jump tests); by default `clock` is both. */
    monotonic?: TestClock;
    dir?: string;
    port?: number;
    issueLimit?: IssueLimit | null;
    alertCheckMs?: number;
    provinceIdleMs?: number;
    provinceBatchEvents?: number;
    /** The spooler's deadlines for the hub's print agents (CUPS tests shorten them). */
    spooler?: { uncertainAfterMs?: number; giveUpMs?: number; pollMs?: number };
    /** The text messages' pace and the modem's deadlines (SMS tests shorten them). */
    sms?: SmsOptions;
  } = {},
): Promise<TestHub> {
  const clock = opts.clock ?? new TestClock();
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'motcua-test-'));
  const hub = await startHub({
    dataDir: dir,
    port: opts.port ?? 0,
    host: '127.0.0.1',
    clock: clock.read,
    monotonic: opts.monotonic?.read,
    backupSchedule: false,
    issueLimit: opts.issueLimit,
    // Tests look at the floor with hub.checkAlerts() unless they ask for the hub's own rhythm.
    alertCheckMs: opts.alertCheckMs ?? 3_600_000,
    provinceIdleMs: opts.provinceIdleMs,
    provinceBatchEvents: opts.provinceBatchEvents,
    spooler: opts.spooler,
    sms: opts.sms,
  });
  const api = createApiClient({ baseUrl: hub.url });
  let ids: { fields: Map<string, number>; counters: Map<number, number> } | null = null;
  const lookup = async () => {
    if (ids) return ids;
    const admin = await t.login('admin');
    ids = {
      fields: new Map((await api('fields:list', {}, admin)).map((f) => [f.code, f.id])),
      counters: new Map((await api('counters:list', {}, admin)).map((c) => [c.number, c.id])),
    };
    return ids;
  };
  const t: TestHub = {
    hub,
    api,
    clock,
    dir,
    async login(username, password) {
      const pw = password ?? (username === 'admin' ? 'motcua-admin' : username === 'quanly' ? 'motcua-quanly' : 'motcua-canbo');
      return (await api('auth:login', { username, password: pw })).token;
    },
    async officerAt(counterNumber, username = `canbo${counterNumber}`) {
      const token = await t.login(username);
      await api('counter:open', { counterId: await t.counterId(counterNumber) }, token);
      return token;
    },
    async device(kind, counterNumber) {
      const counterId = counterNumber === undefined ? null : await t.counterId(counterNumber);
      const created = await api('devices:create', { kind, name: `${kind} test`, counterId }, await t.login('admin'));
      return (await api('device:pair', { code: created.code })).token;
    },
    async fieldId(code) {
      const id = (await lookup()).fields.get(code);
      if (id === undefined) throw new Error(`no field ${code}`);
      return id;
    },
    async counterId(number) {
      const id = (await lookup()).counters.get(number);
      if (id === undefined) throw new Error(`no counter ${number}`);
      return id;
    },
    async close() {
      await hub.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  await lookup(); // before any test counts journal rows: a login is journaled too
  return t;
}

/** The error code a call fails with (fails the test if it succeeds). */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err.code;
    throw err;
  }
  throw new Error('expected the call to fail');
}

export type { EndpointName };
