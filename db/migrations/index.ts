import type { Database } from 'better-sqlite3';
import { migrate0010 } from './0010-initial.ts';
import { migrate0020 } from './0020-printers.ts';
import { migrate0030 } from './0030-scans.ts';
import { migrate0040 } from './0040-statistics.ts';
import { migrate0050 } from './0050-password-change.ts';
import { migrate0060 } from './0060-print-language.ts';
import { migrate0070 } from './0070-pauses-and-alerts.ts';
import { migrate0080 } from './0080-province-link.ts';
import { migrate0090 } from './0090-number-once-a-day.ts';
import { migrate0100 } from './0100-print-uncertain.ts';
import { migrate0110 } from './0110-priority-run.ts';
import { migrate0120 } from './0120-print-spooler-job.ts';
import { migrate0130 } from './0130-journal-epochs.ts';
import { migrate0140 } from './0140-journal-move.ts';
import { migrate0150 } from './0150-sms-outbox.ts';

/** Numbered in steps of ten; `user_version` holds the last one applied. */
export const migrations: ReadonlyArray<{ version: number; up: (db: Database) => void }> = [
  { version: 10, up: migrate0010 },
  { version: 20, up: migrate0020 },
  { version: 30, up: migrate0030 },
  { version: 40, up: migrate0040 },
  { version: 50, up: migrate0050 },
  { version: 60, up: migrate0060 },
  { version: 70, up: migrate0070 },
  { version: 80, up: migrate0080 },
  { version: 90, up: migrate0090 },
  { version: 100, up: migrate0100 },
  { version: 110, up: migrate0110 },
  { version: 120, up: migrate0120 },
  { version: 130, up: migrate0130 },
  { version: 140, up: migrate0140 },
  { version: 150, up: migrate0150 },
];

export const LATEST_VERSION = Math.max(...migrations.map((m) => m.version));

export class DatabaseTooNewError extends Error {
  constructor(readonly found: number) {
    super(`database schema version ${found} is newer than this app (${LATEST_VERSION}); update motcua`);
  }
}

/** Applies what is missing, each step in one transaction with its `user_version`. */
export function runMigrations(db: Database): { from: number; to: number } {
  const from = Number(db.pragma('user_version', { simple: true }));
  if (from > LATEST_VERSION) throw new DatabaseTooNewError(from);
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: LATEST_VERSION };
}
