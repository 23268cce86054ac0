// The floor's alarms: every few seconds the hub compares what it sees (printers, devices, lines,
// paused counters, officers without a counter) with the thresholds, and journals each alert raised
// and each one cleared. Alerts clear themselves when their cause goes away; a restarted hub finds
// the open ones in `alerts_open` and goes on from there.
import type { Db } from '../../db/open.ts';
import { dropOpenAlert, openAlerts, storeOpenAlert } from '../../db/alerts.ts';
import { listCounters, type CounterRecord } from '../../db/counters.ts';
import { listDevices, type DeviceRecord } from '../../db/devices.ts';
import { listFields } from '../../db/fields.ts';
import { listStaff } from '../../db/staff.ts';
import type { AlertSettings, FieldLoad, FloorAlert } from '../contract/index.ts';
import type { Log } from '../base/log.ts';
import { isOpenAt, type Clock } from '../base/time.ts';
import { alertToWire } from '../store/toWire.ts';
import type { Journal } from '../store/journal.ts';
import type { SettingsStore } from '../store/settings.ts';
import type { Views } from '../queue/views.ts';
import type { StorageFault } from '../store/storage.ts';

const MINUTE = 60_000;
/** A long line clears only once it is clearly shorter, so a line hovering at the threshold does not flap. */
const QUEUE_CLEAR_SHARE = 0.8;

export interface FloorState {
  now: number;
  open: boolean;
  thresholds: AlertSettings;
  /** servedBy: active counters configured for the field (open or not); 0: nobody will call its tickets. */
  fields: { id: number; name: string; targetWaitMin: number; load: FieldLoad; servedBy?: number }[];
  counters: Pick<CounterRecord, 'id' | 'nameVi' | 'state' | 'pausedAt'>[];
  devices: Pick<DeviceRecord, 'id' | 'name' | 'paired' | 'revoked' | 'lastSeenAt' | 'printer' | 'printerStatus'>[];
  /** Officers with a console connected and no counter, since when. */
  idleOfficers: { staffId: number; name: string; since: number }[];
  /** The wall clock jumped and hub time holds steady against it (see SteadyClock). */
  clockJump?: { at: number; offsetMs: number } | null;
  /** The data folder's disk: its fault if it takes no writes, its free bytes (see store/storage.ts). */
  disk?: DiskState;
  /** The province link's journal (see ProvinceLink.journalState). */
  province?: ProvinceJournalState | null;
  /** Why text messages cannot go out, since when (see SmsOutbox.floorFault). */
  sms?: { fault: string; since: number } | null;
}

export interface ProvinceJournalState {
  /** The site's name at the province, named in the alert. */
  siteName: string;
  /** The latest recovery: when, its epoch, how many tickets the province holds that the hub lost. */
  recovery: { at: number; epochNo: number; lostCount: number } | null;
  /** Since when the link is refused as JOURNAL_DIVERGED, if it is. */
  divergedSince: number | null;
}

/** A recovery is said on the floor for a day, then stays on the province card only. */
const RECOVERY_SHOWN_MS = 24 * 60 * MINUTE;

export interface DiskState {
  /** The data folder, named in the alert: the manager's IT knows where to make room. */
  dir: string;
  fault: { kind: StorageFault; since: number } | null;
  freeBytes: number | null;
}

const MB = 1024 * 1024;
/** A disk with less free space than this is nearly full (backups alone fill it in hours); clears 25% above. */
export const DISK_LOW_BYTES = 128 * MB;

type Subject = Pick<FloorAlert, 'fieldId' | 'counterId' | 'deviceId' | 'staffId'>;
const none: Subject = { fieldId: null, counterId: null, deviceId: null, staffId: null };

/** The alerts the floor calls for now; `raised` says which are open already (they clear with hysteresis). */
export function wantedAlerts(s: FloorState, raised: ReadonlySet<string>): FloorAlert[] {
  const out: FloorAlert[] = [];
  const add = (kind: FloorAlert['kind'], id: string, since: number, subject: string, value: FloorAlert['value'], about: Partial<Subject>) =>
    out.push({ key: `${kind}:${id}`, kind, since, subject, value, ...none, ...about });
  const t = s.thresholds;

  for (const d of s.devices) {
    if (!d.paired || d.revoked) continue;
    const st = d.printer ? d.printerStatus : null;
    if (st && !st.ok) add('printer-fault', `device:${d.id}`, st.at, d.name, st.fault, { deviceId: d.id });
    else if (st?.paperLow) add('paper-low', `device:${d.id}`, st.at, d.name, null, { deviceId: d.id });
    if (s.open && d.lastSeenAt !== null && s.now - d.lastSeenAt > t.deviceUnseenMin * MINUTE) {
      add('device-unseen', `device:${d.id}`, d.lastSeenAt, d.name, t.deviceUnseenMin, { deviceId: d.id });
    }
  }
  for (const f of s.fields) {
    const own = t.fields.find((x) => x.fieldId === f.id);
    const waitMin = own?.waitMin ?? f.targetWaitMin;
    const oldest = f.load.oldestWaitingSince;
    if (waitMin > 0 && oldest !== null && s.now - oldest > waitMin * MINUTE) {
      add('wait-over-target', `field:${f.id}`, oldest + waitMin * MINUTE, f.name, waitMin, { fieldId: f.id });
    }
    // At once, not after a target: with no counter configured nobody will ever call this line.
    if (f.servedBy === 0 && f.load.waiting > 0) {
      add('field-unserved', `field:${f.id}`, f.load.oldestWaitingSince ?? s.now, f.name, f.load.waiting, { fieldId: f.id });
    }
    const length = own?.queueLength ?? t.queueLength;
    const key = `long-queue:field:${f.id}`;
    const floor = raised.has(key) ? Math.ceil(length * QUEUE_CLEAR_SHARE) : length;
    if (f.load.waiting >= floor && f.load.openCounters <= t.fewCounters) {
      add('long-queue', `field:${f.id}`, s.now, f.name, f.load.waiting, { fieldId: f.id });
    }
  }
  for (const c of s.counters) {
    if (c.state === 'paused' && c.pausedAt !== null && s.now - c.pausedAt > t.counterPausedMin * MINUTE) {
      add('counter-paused-long', `counter:${c.id}`, c.pausedAt, c.nameVi, t.counterPausedMin, { counterId: c.id });
    }
  }
  if (s.open) {
    for (const o of s.idleOfficers) {
      if (s.now - o.since > t.officerIdleMin * MINUTE)
        add('officer-idle', `staff:${o.staffId}`, o.since, o.name, t.officerIdleMin, { staffId: o.staffId });
    }
  }
  if (s.disk?.fault) {
    add('disk-fault', 'data', s.disk.fault.since, s.disk.dir, s.disk.fault.kind, {});
  } else if (s.disk && s.disk.freeBytes !== null) {
    const floor = raised.has('disk-low:data') ? DISK_LOW_BYTES * 1.25 : DISK_LOW_BYTES;
    if (s.disk.freeBytes < floor) add('disk-low', 'data', s.now, s.disk.dir, Math.floor(s.disk.freeBytes / MB), {});
  }
  if (s.clockJump) {
    add('clock-jump', 'hub', s.clockJump.at, '', Math.round(s.clockJump.offsetMs / MINUTE), {});
  }
  const p = s.province;
  if (p?.divergedSince != null) add('province-diverged', 'link', p.divergedSince, p.siteName, null, {});
  else if (p?.recovery && s.now - p.recovery.at < RECOVERY_SHOWN_MS)
    add('province-recovered', `epoch:${p.recovery.epochNo}`, p.recovery.at, p.siteName, p.recovery.lostCount, {});
  if (s.sms) add('sms-fault', s.sms.fault, s.sms.since, '', s.sms.fault, {});
  return out;
}

export class FloorAlerts {
  private timer: NodeJS.Timeout | null = null;
  private readonly idleSince = new Map<number, number>();
  private disk: () => DiskState | undefined = () => undefined;
  private province: () => ProvinceJournalState | null = () => null;
  private sms: () => FloorState['sms'] = () => null;

  constructor(
    private readonly db: Db,
    private readonly journal: Journal,
    private readonly views: Views,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
    /** Staff with a console connected now (the event stream knows). */
    private readonly connectedStaff: () => ReadonlySet<number>,
    private readonly log: Log,
    /** The clock jump hub time holds against now, if any (asks the clock to settle first). */
    private readonly clockJump: () => { at: number; offsetMs: number } | null = () => null,
  ) {}

  /**
   * Watch the data folder's disk too. Journaling its alert needs a write, which a full disk may
   * refuse: the check tries again each time, and /api/health tells the manager meanwhile.
   */
  watchDisk(read: () => DiskState): void {
    this.disk = read;
  }

  /** Watch the province link's journal too: a recovery, or a link refused as JOURNAL_DIVERGED. */
  watchProvince(read: () => ProvinceJournalState | null): void {
    this.province = read;
  }

  /** Watch the text messages' modem too (#26). */
  watchSms(read: () => FloorState['sms']): void {
    this.sms = read;
  }

  start(everyMs: number): void {
    this.check();
    this.timer = setInterval(() => this.check(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Compares the floor with the open alerts and journals the difference. */
  check(): { raised: number; cleared: number } {
    try {
      const open = new Map(
        openAlerts(this.db)
          .flatMap((a) => alertToWire(a))
          .map((a) => [a.key, a]),
      );
      const wanted = new Map(wantedAlerts(this.state(), new Set(open.keys())).map((a) => [a.key, a]));
      const raise = [...wanted.values()].filter((a) => !open.has(a.key));
      const clear = [...open.values()].filter((a) => !wanted.has(a.key));
      if (raise.length === 0 && clear.length === 0) return { raised: 0, cleared: 0 };
      this.journal.write(() => {
        for (const alert of raise) {
          storeOpenAlert(this.db, alert.key, alert.since, alert);
          this.journal.record('alert:raised', refsOf(alert), { alert });
        }
        for (const alert of clear) {
          dropOpenAlert(this.db, alert.key);
          this.journal.record('alert:cleared', refsOf(alert), { alert });
        }
      });
      return { raised: raise.length, cleared: clear.length };
    } catch (err) {
      this.log.error({ err }, 'floor alerts check failed');
      return { raised: 0, cleared: 0 };
    }
  }

  private state(): FloorState {
    const clockJump = this.clockJump();
    const now = this.clock();
    const s = this.settings.get();
    const loads = new Map(this.views.fieldLoads().map((l) => [l.fieldId, l]));
    const counters = listCounters(this.db).filter((c) => c.active);
    const busy = new Set(counters.filter((c) => c.state !== 'closed').map((c) => c.staffId));
    const connected = this.connectedStaff();
    const idleOfficers: FloorState['idleOfficers'] = [];
    for (const staff of listStaff(this.db)) {
      const idle = staff.active && staff.role === 'officer' && connected.has(staff.id) && !busy.has(staff.id);
      if (!idle) {
        this.idleSince.delete(staff.id);
        continue;
      }
      const since = this.idleSince.get(staff.id) ?? now;
      this.idleSince.set(staff.id, since);
      idleOfficers.push({ staffId: staff.id, name: staff.fullName, since });
    }
    return {
      now,
      open: isOpenAt(now, s.timezone, s.openingHours),
      thresholds: s.alerts,
      fields: listFields(this.db).flatMap((f) => {
        const load = loads.get(f.id);
        if (!f.active || load === undefined) return [];
        const servedBy = counters.filter((c) => c.fields.some((l) => l.fieldId === f.id)).length;
        return [{ id: f.id, name: f.nameVi, targetWaitMin: f.targetWaitMin, load, servedBy }];
      }),
      counters,
      devices: listDevices(this.db),
      idleOfficers,
      clockJump,
      disk: this.disk(),
      province: this.province(),
      sms: this.sms(),
    };
  }
}

function refsOf(a: FloorAlert) {
  return { fieldId: a.fieldId, counterId: a.counterId, deviceId: a.deviceId, staffId: a.staffId };
}
