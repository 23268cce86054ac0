// Online backups of the hub database: on demand and on a schedule, oldest pruned.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo, BackupList } from '../contract/index.ts';
import { HubError } from '../base/errors.ts';
import type { Journal } from './journal.ts';
import type { SettingsStore } from './settings.ts';
import type { Clock } from '../base/time.ts';
import type { Log } from '../base/log.ts';
import { makePrivateDir, makePrivateFile } from '../base/privateFiles.ts';

/** Makes the copy: off the event loop, on a connection that reads one snapshot. */
export type CopyDatabase = (file: string) => Promise<{ bytes: number }>;

const PREFIX = 'motcua-';
const SUFFIX = '.db';

export class BackupService {
  private timer: NodeJS.Timeout | null = null;
  private lastAt = 0;
  private running: Promise<BackupInfo> | null = null;
  private lastAttempt: BackupList['lastAttempt'] = null;

  constructor(
    private readonly copy: CopyDatabase,
    private readonly dir: string,
    private readonly journal: Journal,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
    private readonly log: Log,
  ) {
    makePrivateDir(dir); // a backup is the whole database: 700, each file 600
    this.lastAt = this.list()[0]?.createdAt ?? 0;
  }

  /** The backups on disk, newest first, and how the latest attempt ended. */
  status(): BackupList {
    return { backups: this.list(), lastAttempt: this.lastAttempt };
  }

  list(): BackupInfo[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return []; // the folder is gone or unreadable: the next backup says why, and the health shows it
    }
    return names
      .filter((f) => f.startsWith(PREFIX) && f.endsWith(SUFFIX))
      .map((file) => {
        const st = statSync(join(this.dir, file));
        return { file, bytes: st.size, createdAt: Math.round(st.mtimeMs) };
      })
      .sort((a, b) => b.file.localeCompare(a.file));
  }

  /** One backup at a time; a second request while one runs gets the same result. */
  create(): Promise<BackupInfo> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<BackupInfo> {
    const now = this.clock();
    const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    let file = `${PREFIX}${stamp}${SUFFIX}`;
    let path = join(this.dir, file);
    let bytes: number;
    try {
      makePrivateDir(this.dir);
      for (let i = 2; existsSync(path); i++) path = join(this.dir, (file = `${PREFIX}${stamp}-${i}${SUFFIX}`));
      // Made empty and private first: VACUUM INTO fills an empty file and keeps its mode.
      makePrivateFile(path);
      ({ bytes } = await this.copy(path));
      makePrivateFile(path);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      this.log.error({ file, error }, 'backup failed');
      try {
        rmSync(path, { force: true });
      } catch {
        /* nothing was written */
      }
      this.lastAttempt = { at: now, ok: false, error };
      // Journaled, so the manager's screen hears of it (a scheduled backup has nobody waiting on it).
      // On a full disk that write may be refused too: the backup just failed, and health says so.
      try {
        this.journal.write(() => this.journal.record('backup:failed', {}, { error }));
      } catch {
        /* the disk takes no writes: lastAttempt and the log carry it */
      }
      throw new HubError('BACKUP_FAILED');
    }
    this.lastAt = now;
    this.lastAttempt = { at: now, ok: true, error: null };
    this.log.info({ file, bytes }, 'backup made');
    this.journal.write(() => this.journal.record('backup:created', {}, { file, bytes }));
    this.prune();
    return { file, bytes, createdAt: now };
  }

  private prune(): void {
    const keep = this.settings.get().backupKeep;
    for (const old of this.list().slice(keep)) rmSync(join(this.dir, old.file), { force: true });
  }

  /** Checks once a minute whether the configured interval has passed. */
  startSchedule(): void {
    this.timer = setInterval(() => {
      const every = this.settings.get().backupIntervalMin;
      if (every > 0 && this.clock() - this.lastAt >= every * 60_000) {
        this.create().catch(() => {
          /* logged in run() */
        });
      }
    }, 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
