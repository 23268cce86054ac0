// The audit screen's words, and each journal event as one sentence a manager reads.
import { pauseReasonText, printFaultLabel, printFaultOf, type AuditEntry, type AuditKind } from '../../../main/contract/index.ts';
import { both } from '../common/text.ts';
import { alertSentence } from './floorText.ts';

export const auditText = {
  title: both('Nhật ký thao tác', 'Audit trail'),
  explain: both(
    'Ai đã gọi, chuyển, đánh dấu vắng mặt hoặc hủy số nào, ai đã thay đổi cài đặt gì. Nhật ký không chứa thông tin cá nhân của công dân.',
    'Who called, transferred, marked absent or cancelled which ticket, and who changed which setting. It holds no personal data of citizens.',
  ),
  from: both('Từ ngày', 'From'),
  to: both('Đến ngày', 'To'),
  kind: both('Loại thao tác', 'Kind'),
  officer: both('Cán bộ', 'Staff member'),
  everyone: both('Tất cả', 'Everyone'),
  ticketNumber: both('Số thứ tự', 'Ticket number'),
  show: both('Xem', 'Show'),
  time: both('Thời gian', 'Time'),
  who: both('Người thực hiện', 'By'),
  what: both('Thao tác', 'Action'),
  where: both('Quầy', 'Counter'),
  none: both('Không có thao tác nào khớp bộ lọc.', 'Nothing matches the filter.'),
  more: both('Xem thêm', 'Show more'),
  system: both('Hệ thống', 'System'),
  kiosk: both('Máy lấy số', 'Kiosk'),
};

export const auditKindNames: Record<AuditKind, { vi: string; en: string }> = {
  all: { vi: 'Tất cả', en: 'All' },
  service: { vi: 'Gọi, chuyển, vắng mặt, hủy số', en: 'Calls, transfers, absences, cancellations' },
  issued: { vi: 'Cấp số', en: 'Tickets issued' },
  counters: { vi: 'Mở, đóng, tạm dừng quầy; đăng nhập', en: 'Counters opened, closed, paused; sign-ins' },
  config: { vi: 'Thay đổi cấu hình, sao lưu', en: 'Configuration changes, backups' },
  alerts: { vi: 'Cảnh báo', en: 'Alerts' },
  printing: { vi: 'Máy in', en: 'Printers' },
  ratings: { vi: 'Đánh giá', en: 'Ratings' },
};

const entityNames: Record<string, [string, string]> = {
  field: ['lĩnh vực', 'field'],
  counter: ['quầy', 'counter'],
  staff: ['tài khoản cán bộ', 'staff account'],
  device: ['thiết bị', 'device'],
  settings: ['cài đặt trung tâm', 'center settings'],
};
const actionNames: Record<string, [string, string]> = {
  created: ['Tạo', 'Created'],
  updated: ['Sửa', 'Changed'],
  'pairing-created': ['Tạo mã ghép nối cho', 'Made a pairing code for'],
  paired: ['Ghép nối', 'Paired'],
  revoked: ['Thu hồi', 'Revoked'],
  'password-changed': ['Đổi mật khẩu', 'Changed the password of'],
};

/** One event as a sentence: what happened, to which ticket or thing. */
export function auditSentence(entry: AuditEntry, lang: 'vi' | 'en', fieldName: (id: number) => string): string {
  const e = entry.event;
  const vi = lang === 'vi';
  const n = (x: { ticket: { number: number } }) => x.ticket.number;
  switch (e.type) {
    case 'ticket:issued':
      return vi ? `Cấp số ${n(e.data)} (${fieldName(e.data.ticket.fieldId)})` : `Issued ${n(e.data)} (${fieldName(e.data.ticket.fieldId)})`;
    case 'ticket:called':
      return vi ? `Gọi số ${n(e.data)}` : `Called ${n(e.data)}`;
    case 'ticket:recalled':
      return vi ? `Gọi lại số ${n(e.data)}` : `Recalled ${n(e.data)}`;
    case 'ticket:started':
      return vi ? `Bắt đầu phục vụ số ${n(e.data)}` : `Started serving ${n(e.data)}`;
    case 'ticket:finished':
      return vi ? `Hoàn thành số ${n(e.data)}` : `Finished ${n(e.data)}`;
    case 'ticket:no-show':
      return vi ? `Đánh dấu vắng mặt số ${n(e.data)}` : `Marked ${n(e.data)} absent`;
    case 'ticket:reactivated':
      return vi ? `Đưa số ${n(e.data)} trở lại hàng chờ` : `Put ${n(e.data)} back in line`;
    case 'ticket:transferred': {
      const note = e.data.note ? (vi ? ` — ghi chú: “${e.data.note}”` : ` — note: “${e.data.note}”`) : '';
      return vi
        ? `Chuyển số ${n(e.data)} sang ${fieldName(e.data.ticket.fieldId)}${note}`
        : `Transferred ${n(e.data)} to ${fieldName(e.data.ticket.fieldId)}${note}`;
    }
    case 'ticket:cancelled':
      return vi ? `Hủy số ${n(e.data)}` : `Cancelled ${n(e.data)}`;
    case 'counter:opened':
      return vi ? 'Mở quầy' : 'Opened the counter';
    case 'counter:closed':
      return vi ? 'Đóng quầy' : 'Closed the counter';
    case 'counter:paused': {
      const why = e.data.counter.pauseReason ? pauseReasonText[e.data.counter.pauseReason][lang] : null;
      return (vi ? 'Tạm dừng quầy' : 'Paused the counter') + (why ? ` (${why})` : '');
    }
    case 'counter:resumed':
      return vi ? 'Tiếp tục làm việc' : 'Resumed';
    case 'staff:signed-in':
      return vi ? `Đăng nhập (${e.data.username})` : `Signed in (${e.data.username})`;
    case 'staff:signed-out':
      return vi ? `Đăng xuất (${e.data.username})` : `Signed out (${e.data.username})`;
    case 'config:changed': {
      const [av, ae] = actionNames[e.data.action] ?? ['Thay đổi', 'Changed'];
      const [nv, ne] = entityNames[e.data.entity] ?? [e.data.entity, e.data.entity];
      const id = e.data.id === null || e.data.entity === 'settings' ? '' : ` #${e.data.id}`;
      return vi ? `${av} ${nv}${id}` : `${ae} ${ne}${id}`;
    }
    case 'backup:created':
      return vi ? `Sao lưu dữ liệu (${e.data.file})` : `Backed up (${e.data.file})`;
    case 'backup:failed':
      return vi ? 'Sao lưu không thành công' : 'A backup failed';
    case 'rating:submitted':
      return vi ? `Công dân đánh giá mức ${e.data.level ?? '—'}` : `Citizen rated ${e.data.level ?? '—'}`;
    case 'rating:timed-out':
      return vi ? 'Công dân không đánh giá' : 'No rating given';
    case 'print:printed':
      return vi ? `In phiếu số ${entry.ticketNumber ?? '—'}` : `Printed ticket ${entry.ticketNumber ?? '—'}`;
    case 'print:failed':
      return vi
        ? `Không in được phiếu số ${entry.ticketNumber ?? '—'}: ${printFaultLabel[printFaultOf(e.data.job.errorCode)].vi.toLowerCase()}`
        : `Ticket ${entry.ticketNumber ?? '—'} did not print: ${printFaultLabel[printFaultOf(e.data.job.errorCode)].en.toLowerCase()}`;
    case 'printer:status-changed':
      return e.data.ok
        ? vi
          ? 'Máy in sẵn sàng trở lại'
          : 'Printer ready again'
        : vi
          ? `Máy in báo: ${printFaultLabel[printFaultOf(e.data.fault)].vi.toLowerCase()}`
          : `Printer says: ${printFaultLabel[printFaultOf(e.data.fault)].en.toLowerCase()}`;
    case 'alert:raised':
      return (vi ? 'Cảnh báo: ' : 'Alert: ') + alertSentence(e.data.alert, lang);
    case 'alert:cleared':
      return (vi ? 'Hết cảnh báo: ' : 'Alert cleared: ') + alertSentence(e.data.alert, lang);
  }
}
