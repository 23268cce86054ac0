// One caller of every kind, and a valid-looking input for every endpoint, for matrix and fuzz tests.
import type { EndpointInput, EndpointName, Role } from '../../main/contract/index.ts';
import type { TestHub } from './hub.ts';

export type Caller = Role | 'none';
export const callers: Caller[] = ['none', 'admin', 'manager', 'officer', 'kiosk', 'display', 'rating', 'counter_board'];

export async function tokensFor(t: TestHub): Promise<Record<Caller, string | null>> {
  return {
    none: null,
    admin: await t.login('admin'),
    manager: await t.login('quanly'),
    officer: await t.officerAt(1),
    kiosk: await t.device('kiosk'),
    display: await t.device('display'),
    rating: await t.device('rating', 1),
    counter_board: await t.device('counter_board', 1),
  };
}

type Samples = { [N in EndpointName]: (ids: { field: number; counter: number; ticket: number; staff: number; device: number }) => EndpointInput<N> };

/** Inputs that pass validation, so a refusal can only come from the access rules or the domain. */
export const sampleInputs: Samples = {
  'hub:health': () => ({}),
  'auth:login': () => ({ username: 'nobody', password: 'wrong-password' }),
  'device:pair': () => ({ code: 'ZZZZZZZZ' }),
  'setup:status': () => ({}),
  'setup:complete': () => ({ code: 'ZZZZ-ZZZZ-ZZZZ', username: 'quantri', fullName: 'Quản trị', password: 'mat-khau-dai-hon' }),
  'auth:change-password': () => ({ currentPassword: 'sai-mat-khau', newPassword: 'mat-khau-moi-dai' }),
  'auth:me': () => ({}),
  'auth:logout': () => ({}),
  'center:get': () => ({}),
  'floor:get': () => ({}),
  'ticket:issue': ({ field }) => ({ fieldId: field, priority: false }),
  'ticket:get': ({ ticket }) => ({ id: ticket }),
  'counter:open': ({ counter }) => ({ counterId: counter }),
  'counter:close': () => ({}),
  'counter:pause': () => ({}),
  'counter:resume': () => ({}),
  'counter:get': () => ({}),
  'counter:call-next': () => ({}),
  'counter:call': ({ ticket }) => ({ ticketId: ticket }),
  'ticket:recall': ({ ticket }) => ({ id: ticket }),
  'ticket:start': ({ ticket }) => ({ id: ticket }),
  'ticket:finish': ({ ticket }) => ({ id: ticket }),
  'ticket:no-show': ({ ticket }) => ({ id: ticket }),
  'ticket:reactivate': ({ ticket }) => ({ id: ticket }),
  'ticket:transfer': ({ ticket, field }) => ({ id: ticket, fieldId: field }),
  'ticket:cancel': ({ ticket }) => ({ id: ticket }),
  'print:claim': () => ({ waitMs: 0 }),
  'print:report': ({ ticket }) => ({ id: ticket, status: 'printed' }),
  'print:get': ({ ticket }) => ({ id: ticket }),
  'print:reprint': ({ ticket }) => ({ id: ticket }),
  'print:jobs': () => ({}),
  'print:preview': () => ({ widthDots: 384 }),
  'printer:report-status': () => ({ ok: true, fault: null }),
  'devices:set-printer': ({ device }) => ({ id: device, printer: null }),
  'scan:read': () => ({ text: '001058012345|012345678|Nguyen Van An|15031958|Nam|Ha Noi|20042021' }),
  'scan:issue': ({ field }) => ({ text: '001058012345|012345678|Nguyen Van An|15031958|Nam|Ha Noi|20042021', fieldId: field }),
  'appointments:create': ({ field }) => ({ fieldId: field, validMinutes: 60 }),
  'rating:submit': ({ ticket }) => ({ ticketId: ticket, level: 4, reasons: [] }),
  'rating:timeout': ({ ticket }) => ({ ticketId: ticket }),
  'ratings:verify': () => ({}),
  'stats:report': ({ field }) => ({ preset: 'month', fieldId: field }),
  'stats:export': () => ({ preset: 'today', format: 'csv', table: 'fields' }),
  'stats:export-status': () => ({ id: 1 }),
  'stats:export-file': () => ({ id: 1 }),
  'fields:list': () => ({}),
  'fields:create': () => ({
    code: `F${Math.floor(Math.random() * 1e6)}`, nameVi: 'Thử nghiệm', nameEn: 'Test', rangeStart: 7001, rangeEnd: 7999,
    dailyLimit: null, targetWaitMin: 20, serviceMin: 5, active: true, sortOrder: 99,
  }),
  'fields:update': ({ field }) => ({
    id: field, code: 'TP', nameVi: 'Tư pháp – Hộ tịch', nameEn: 'Justice – Civil status', rangeStart: 1001, rangeEnd: 1999,
    dailyLimit: null, targetWaitMin: 30, serviceMin: 8, active: true, sortOrder: 10,
  }),
  'counters:list': () => ({}),
  'counters:create': ({ field }) => ({ number: 100 + Math.floor(Math.random() * 9000), nameVi: 'Quầy thử', nameEn: 'Test counter', active: true, fields: [{ fieldId: field, weight: 1 }] }),
  'counters:update': ({ counter, field }) => ({ id: counter, number: 1, nameVi: 'Quầy số 1', nameEn: 'Counter 1', active: true, fields: [{ fieldId: field, weight: 3 }] }),
  'staff:list': () => ({}),
  'staff:create': () => ({ username: `nv${Math.floor(Math.random() * 1e6)}`, fullName: 'Nhân viên thử', role: 'officer', active: true, password: 'mat-khau-thu-1' }),
  'staff:update': ({ staff }) => ({ id: staff, username: 'canbo6', fullName: 'Vũ Đức Anh', role: 'officer', active: true }),
  'devices:list': () => ({}),
  'devices:create': () => ({ kind: 'display', name: 'Màn hình thử', counterId: null }),
  'devices:new-code': ({ device }) => ({ id: device }),
  'devices:revoke': ({ device }) => ({ id: device }),
  'settings:get': () => ({}),
  'settings:update': () => ({
    centerName: 'Trung tâm thử', centerNameEn: 'Test center', address: '', timezone: 'Asia/Ho_Chi_Minh',
    openingHours: { enforced: false, week: {} }, ticketHeader: '', ticketFooter: '', backupIntervalMin: 0, backupKeep: 5,
    transferKeepsPlace: true, kioskIdleSeconds: 30, hallNotice: '', ledBus: null, scan: { priorityAge: 60, dailyLimitPerPerson: 2, dossierRoutes: [], appointmentPriority: true },
    rating: { levels: [{ value: 2, vi: 'Tốt', en: 'Good' }, { value: 1, vi: 'Chưa tốt', en: 'Not good' }], reasons: [], askReasonsAtOrBelow: 1, timeoutSec: 20 },
    voice: { enabled: true, template: 'Mời số {so} đến quầy {quay}', numberStyle: 'digits', dialect: 'south', tuAfterMuoi: false, repeat: 2, volume: 0.5, chime: false, speakerDeviceId: null, pack: 'vi-espeak' },
  }),
  'journal:list': () => ({ since: 0, limit: 10 }),
  'backups:list': () => ({}),
  'backups:create': () => ({}),
};
