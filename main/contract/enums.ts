// The closed sets of values screens use at run time, and their wording, as plain arrays: a hall
// screen (kiosk, displays, rating tablet, counter) loads these without evaluating a single zod
// schema (#24). entities.ts builds its zod enums from the same arrays, so the two cannot part.

/** Every kind of caller, for the access lists of the endpoints. */
export const roles = ['admin', 'manager', 'officer', 'kiosk', 'display', 'rating', 'counter_board'] as const;
export type Role = (typeof roles)[number];

/** Why an officer paused the counter: recorded with the pause and counted in statistics. */
export const pauseReasons = ['break', 'meeting', 'support', 'errand', 'other'] as const;
export type PauseReason = (typeof pauseReasons)[number];
export const pauseReasonText: Record<PauseReason, { vi: string; en: string }> = {
  break: { vi: 'Nghỉ giải lao', en: 'Break' },
  meeting: { vi: 'Họp', en: 'Meeting' },
  support: { vi: 'Hỗ trợ nghiệp vụ', en: 'Helping a colleague' },
  errand: { vi: 'Việc đột xuất', en: 'Urgent task' },
  other: { vi: 'Lý do khác', en: 'Other' },
};
/** Reasons stored by this hub are always known; an unknown one (a newer hub's) reads as "other". */
export function pauseReasonOf(reason: string | null | undefined): PauseReason | null {
  if (reason === null || reason === undefined) return null;
  return oneOf(pauseReasons, reason) ?? 'other';
}

/** `interrupted`: the job was being printed when the hub or the kiosk app stopped, or its agent went silent. */
export const printFaults = [
  'offline',
  'paper_out',
  'cover_open',
  'error',
  'timeout',
  'disconnected',
  'not_configured',
  'interrupted',
  'queue_stopped',
] as const;
export type PrintFault = (typeof printFaults)[number];

/**
 * What each fault means to the person at the kiosk or the manager, in both languages. `unconfirmed`
 * is the kiosk's own: the printer did not answer within the time a citizen waits.
 */
export const printFaultText: Record<PrintFault | 'unconfirmed', { vi: string; en: string }> = {
  offline: { vi: 'máy in không phản hồi', en: 'the printer is offline' },
  paper_out: { vi: 'hết giấy', en: 'out of paper' },
  cover_open: { vi: 'nắp máy in đang mở', en: 'the cover is open' },
  error: { vi: 'máy in báo lỗi', en: 'the printer reports an error' },
  timeout: { vi: 'máy in không phản hồi', en: 'the printer does not answer' },
  disconnected: { vi: 'mất kết nối với máy in', en: 'the printer connection dropped' },
  not_configured: { vi: 'chưa cài đặt máy in', en: 'no printer is set up' },
  interrupted: { vi: 'việc in bị gián đoạn', en: 'printing was interrupted' },
  queue_stopped: {
    vi: 'hàng đợi in của máy in đang bị tạm dừng (disabled) — cần bật lại trong hệ điều hành',
    en: "the printer's queue is stopped (disabled) — enable it in the operating system",
  },
  unconfirmed: { vi: 'không xác nhận được việc in', en: 'printing could not be confirmed' },
};

/** The same faults as short labels, for staff screens' tables. */
export const printFaultLabel: Record<PrintFault | 'unconfirmed', { vi: string; en: string }> = {
  offline: { vi: 'Không kết nối', en: 'Offline' },
  paper_out: { vi: 'Hết giấy', en: 'Out of paper' },
  cover_open: { vi: 'Nắp mở', en: 'Cover open' },
  error: { vi: 'Lỗi máy in', en: 'Printer error' },
  timeout: { vi: 'Không phản hồi', en: 'No answer' },
  disconnected: { vi: 'Mất kết nối giữa chừng', en: 'Connection dropped' },
  not_configured: { vi: 'Chưa cài đặt', en: 'Not set up' },
  interrupted: { vi: 'Bị gián đoạn (cần in lại?)', en: 'Interrupted (reprint?)' },
  queue_stopped: { vi: 'Hàng đợi in bị tạm dừng', en: 'Print queue stopped' },
  unconfirmed: { vi: 'Không xác nhận được', en: 'Not confirmed' },
};

/** A stored fault code as the union; anything unknown (an older or newer agent) reads as `error`. */
export function printFaultOf(code: string | null | undefined): PrintFault | 'unconfirmed' {
  if (code === 'unconfirmed') return code;
  return oneOf(printFaults, code) ?? 'error';
}

/** `value` as a member of `values`, or null when it is not one. */
function oneOf<T extends string>(values: readonly T[], value: string | null | undefined): T | null {
  return values.find((v) => v === value) ?? null;
}
