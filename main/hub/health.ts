// /api/health: what matters to whoever keeps the center running, not just "the process is up".
import { DEVICE_STALE_MS, type HubHealth } from '../contract/index.ts';
import type { Db } from '../../db/open.ts';
import { listDevices } from '../../db/devices.ts';
import type { BackupService } from '../store/backup.ts';
import type { Journal } from '../store/journal.ts';
import { freeBytesOf, type StorageFaultInfo, type StorageWatch } from '../store/storage.ts';
import type { LedBoards } from '../devices/ledBoards.ts';
import type { HubPrintAgents } from '../devices/printAgents.ts';
import type { SettingsStore } from '../store/settings.ts';
import type { Clock } from '../base/time.ts';
import type { SmsOutbox } from './smsOutbox.ts';

/** A print agent asks for work every second; one silent this long has stopped. */
const AGENT_SILENT_MS = 15_000;

export class HealthReport {
  constructor(
    private readonly s: {
      dataDir: string;
      db: Db;
      journal: Journal;
      storage: StorageWatch;
      backups: BackupService;
      agents: HubPrintAgents;
      ledBoards: LedBoards;
      settings: SettingsStore;
      clock: Clock;
      sms?: SmsOutbox;
    },
  ) {}

  report(version: string, detailed: boolean): HubHealth {
    const now = this.s.clock();
    const { journal, storage } = this.s;
    // Writable: the disk reports no fault (it clears by itself once a probe write goes through, so
    // an idle hub looks well again without writing), and the last commit did not fail otherwise.
    const fault = storage.fault;
    const writable = fault === null && !journal.failingOtherwise;
    const backup = this.s.backups.status().lastAttempt;
    // Agents run on the real clock (they poll with real timers), whatever clock the hub is given.
    const printAgents = this.s.agents.status().map((a) => ({ ...a, alive: Date.now() - a.lastActiveAt < AGENT_SILENT_MS }));
    const ok = writable && (backup === null || backup.ok) && printAgents.every((a) => a.alive);
    const base = { ok, version, head: journal.head(), now };
    if (!detailed) return base;
    const failures = this.s.ledBoards.failures;
    return {
      ...base,
      detail: {
        database: {
          writable,
          lastCommitAt: journal.lastCommitAt,
          lastError: journal.lastCommitError,
          freeBytes: freeBytesOf(this.s.dataDir),
          fault,
        },
        backup,
        printAgents,
        ledBoards: {
          configured: this.s.settings.get().ledBus !== null,
          recentFailures: failures.filter((f) => Date.now() - f.at < 60 * 60_000).length, // stamped on the real clock
          lastFailure: failures.at(-1) ?? null,
        },
        devices: listDevices(this.s.db)
          .filter((d) => !d.revoked && d.paired)
          .map((d) => ({
            id: d.id,
            kind: d.kind,
            name: d.name,
            lastSeenAt: d.lastSeenAt,
            stale: d.lastSeenAt === null || now - d.lastSeenAt > DEVICE_STALE_MS,
          })),
        ...(this.s.sms ? { sms: this.s.sms.health() } : {}),
      },
    };
  }
}

/**
 * /api/health of a hub that could not start for its disk (startPatiently.ts): not well, nothing in
 * its journal it can read, and why. The fault alone is detailed (nothing else is known without the
 * database), to any caller with a token: none can be checked without the database, and it says no
 * more than the screens' own page does.
 */
export function waitingHealth(version: string, detailed: boolean, s: { dataDir: string; fault: StorageFaultInfo; now: number }): HubHealth {
  const base = { ok: false, version, head: 0, now: s.now };
  if (!detailed) return base;
  return {
    ...base,
    detail: {
      database: {
        writable: false,
        lastCommitAt: 0,
        lastError: { at: s.fault.since, message: s.fault.message },
        freeBytes: freeBytesOf(s.dataDir),
        fault: s.fault,
      },
      backup: null,
      printAgents: [],
      ledBoards: { configured: false, recentFailures: 0, lastFailure: null },
      devices: [],
    },
  };
}
