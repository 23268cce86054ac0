import { Settings, defaultSmsSettings } from '../contract/index.ts';
import { readSettings, writeSettings } from '../../db/settings.ts';
import type { Db } from '../../db/open.ts';
import { stderrLog, type Log } from '../base/log.ts';

const weekdayHours: [string, string][] = [
  ['07:30', '11:30'],
  ['13:30', '17:00'],
];

export const defaultSettings: Settings = {
  centerName: 'Trung tâm Phục vụ hành chính công',
  centerNameEn: 'Public Administration Service Center',
  address: '',
  timezone: 'Asia/Ho_Chi_Minh',
  openingHours: {
    enforced: true,
    week: { '1': weekdayHours, '2': weekdayHours, '3': weekdayHours, '4': weekdayHours, '5': weekdayHours, '6': [['07:30', '11:30']] },
  },
  ticketHeader: 'PHIẾU SỐ THỨ TỰ',
  ticketFooter: 'Xin vui lòng chờ đến lượt. Cảm ơn quý công dân!',
  backupIntervalMin: 60,
  backupKeep: 48,
  transferKeepsPlace: true,
  priorityMaxInRow: 3,
  kioskIdleSeconds: 30,
  kioskTicketSeconds: 10,
  phoneBaseUrl: '',
  voice: {
    enabled: true,
    template: 'Mời công dân có số thứ tự {so} đến quầy số {quay}',
    numberStyle: 'number',
    dialect: 'north',
    tuAfterMuoi: true,
    repeat: 1,
    volume: 0.9,
    chime: true,
    speakerDeviceId: null,
    pack: 'vi-espeak',
  },
  hallNotice: '',
  ledBus: null,
  scan: { priorityAge: 60, dailyLimitPerPerson: 0, dossierRoutes: [], appointmentPriority: true },
  rating: {
    levels: [
      { value: 4, vi: 'Rất hài lòng', en: 'Very satisfied' },
      { value: 3, vi: 'Hài lòng', en: 'Satisfied' },
      { value: 2, vi: 'Bình thường', en: 'Neutral' },
      { value: 1, vi: 'Không hài lòng', en: 'Dissatisfied' },
    ],
    reasons: [
      { code: 'thai-do', vi: 'Thái độ', en: 'Attitude' },
      { code: 'thoi-gian-cho', vi: 'Thời gian chờ', en: 'Waiting time' },
      { code: 'huong-dan', vi: 'Hướng dẫn', en: 'Guidance' },
      { code: 'ket-qua', vi: 'Kết quả', en: 'Result' },
    ],
    askReasonsAtOrBelow: 2,
    timeoutSec: 30,
    onPhone: false,
  },
  alerts: { deviceUnseenMin: 10, counterPausedMin: 30, officerIdleMin: 15, queueLength: 20, fewCounters: 1, fields: [] },
  report: {
    agency: '',
    place: '',
    symbol: 'TTPVHCC',
    preparedBy: '',
    headTitle: 'GIÁM ĐỐC',
    headName: '',
    recipients: '- Như trên;\n- Lưu: VT.',
  },
  sms: defaultSmsSettings,
};

/** Settings are read on every ticket, so they live in memory; the database stays the truth. */
export class SettingsStore {
  private current: Settings;

  constructor(
    private readonly db: Db,
    log: Log = stderrLog,
  ) {
    const stored = readSettings(db);
    // Other keys share the table (the demo marker); take only what the Settings schema knows.
    const known = Object.fromEntries(
      Object.keys(defaultSettings)
        .filter((k) => k in stored)
        .map((k) => [k, stored[k]]),
    );
    if (known.scan) known.scan = upgradeScanSettings(known.scan, log);
    const cleaned = Object.fromEntries(Object.entries(known).map(([k, v]) => [k, withoutControlCharacters(v)]));
    const parsed = Settings.safeParse({ ...defaultSettings, ...cleaned });
    if (parsed.success) this.current = parsed.data;
    else {
      // One bad setting (a NUL typed into a name before names refused it) costs that setting, not all.
      log.error({ issues: parsed.error.issues }, 'stored settings are invalid; the invalid ones fall back to their defaults');
      const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
      const kept = Settings.safeParse({ ...defaultSettings, ...Object.fromEntries(Object.entries(known).filter(([k]) => !bad.has(k))) });
      this.current = kept.success ? kept.data : defaultSettings;
    }
  }

  get(): Settings {
    return this.current;
  }

  /** Call inside the transaction that journals the change. */
  replace(next: Settings): void {
    writeSettings(this.db, next);
    this.current = next;
  }
}

/** Stored text with control characters taken out (line breaks kept): what names accept since they refuse them. */
function withoutControlCharacters(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/[^\P{Cc}\n\r]/gu, '');
  if (Array.isArray(value)) return value.map(withoutControlCharacters);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutControlCharacters(v)]));
  return value;
}

/**
 * Dossier routes were regular expressions before 0.2: each becomes a route of the restricted
 * form. A pattern for any national dossier code becomes `unit ''`, one starting with a literal
 * (`^000\.00\.12\.H34-`) becomes that unit or prefix; one that says nothing usable is dropped
 * (logged), since no pattern can be trusted to run again.
 */
export function upgradeScanSettings(scan: unknown, log: Log = stderrLog): unknown {
  if (!scan || typeof scan !== 'object' || !('dossierRoutes' in scan) || !Array.isArray(scan.dossierRoutes)) return scan;
  const routes = scan.dossierRoutes.flatMap((r: unknown) => {
    if (!r || typeof r !== 'object' || !('pattern' in r)) return [r];
    const { pattern } = r;
    const fieldId = 'fieldId' in r ? r.fieldId : undefined;
    const upgraded = typeof pattern === 'string' ? routeFromPattern(pattern) : null;
    if (!upgraded) log.error({ pattern }, 'settings: a dossier route pattern was dropped; set it again as a unit code or prefix');
    return upgraded ? [{ ...upgraded, fieldId }] : [];
  });
  return { ...scan, dossierRoutes: routes };
}

function routeFromPattern(pattern: string): { match: 'unit' | 'prefix'; value: string } | null {
  if (/^\^?\[0-9A-Z\.?\]\+-\\d\{6\}-\\d\{4\}\$?$/.test(pattern)) return { match: 'unit', value: '' };
  const literal = /^\^((?:[0-9A-Za-z_/:#-]|\\\.)+)/.exec(pattern)?.[1]?.replace(/\\\./g, '.');
  if (!literal) return null;
  const unit = /^([0-9A-Z.]+)-$/.exec(literal)?.[1];
  return unit !== undefined ? { match: 'unit', value: unit } : { match: 'prefix', value: literal };
}
