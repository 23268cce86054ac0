// Every word of the floor's alerts and actions, in Vietnamese and English.
import { printFaultLabel, printFaultOf, type FloorAlert, type Ticket } from '../../../main/contract/index.ts';
import { both } from '../common/text.ts';

export const floorText = {
  alerts: both('Cảnh báo', 'Alerts'),
  noAlerts: both('Không có cảnh báo nào.', 'No alerts.'),
  alertCount: both(
    (n: number) => `${n} cảnh báo`,
    (n) => (n === 1 ? '1 alert' : `${n} alerts`),
  ),
  since: both('Từ', 'Since'),
  closeCounter: both('Đóng quầy', 'Close counter'),
  closeCounterTitle: both(
    (name: string) => `Đóng ${name}?`,
    (name) => `Close ${name}?`,
  ),
  closeCounterExplain: both(
    'Dùng khi cán bộ đã rời quầy mà không đóng. Số đang gọi hoặc đang phục vụ tại quầy (nếu có) trở lại hàng chờ đúng vị trí cũ.',
    'For a counter its officer left without closing it. A ticket called or being served there goes back to its line, in its original place.',
  ),
  moveWaiting: both('Chuyển hàng chờ', 'Move the line'),
  /** A field's row on the floor: nobody can call its line (#24). */
  unservedField: both('Không có quầy nào phục vụ', 'No counter serves it'),
  noCounterOpen: both('Chưa có quầy mở', 'No counter open'),
  moveWaitingTitle: both(
    (field: string) => `Chuyển người chờ của “${field}”`,
    (field) => `Move the line of “${field}”`,
  ),
  moveTo: both('Sang lĩnh vực', 'To field'),
  moveWaitingExplain: both(
    (n: number) => `${n} người đang chờ sẽ được chuyển, giữ nguyên số thứ tự và vị trí theo giờ lấy số.`,
    (n) => `${n} waiting will be moved, keeping their numbers and their places by issue time.`,
  ),
  moveConfirm: both('Chuyển', 'Move'),
  moved: both(
    (n: number) => `Đã chuyển ${n} số thứ tự.`,
    (n) => `Moved ${n} tickets.`,
  ),
  cancelTicket: both('Hủy số thứ tự', 'Cancel a ticket'),
  ticketNumber: both('Số thứ tự', 'Ticket number'),
  find: both('Tìm', 'Find'),
  cancelTicketTitle: both(
    (n: number) => `Hủy số ${n}?`,
    (n) => `Cancel ticket ${n}?`,
  ),
  cancelTicketExplain: both(
    'Số thứ tự sẽ bị hủy và không được gọi nữa. Việc hủy được ghi lại trong nhật ký.',
    'The ticket is cancelled and will not be called. The cancellation is recorded in the journal.',
  ),
  cancelConfirm: both('Hủy số', 'Cancel ticket'),
  cancelled: both(
    (n: number) => `Đã hủy số ${n}.`,
    (n) => `Ticket ${n} cancelled.`,
  ),
  notCancellable: both(
    (n: number, status: string) => `Số ${n} không thể hủy (${status}).`,
    (n, status) => `Ticket ${n} cannot be cancelled (${status}).`,
  ),
  back: both('Quay lại', 'Back'),
};

/** A ticket's state, inside a sentence ("Số 1001 không thể hủy (đã hủy)."). */
export const ticketStatusText: Record<Ticket['status'], { vi: string; en: string }> = {
  waiting: both('đang chờ', 'waiting'),
  called: both('đã gọi', 'called'),
  serving: both('đang phục vụ', 'being served'),
  done: both('đã phục vụ xong', 'served'),
  no_show: both('vắng mặt', 'absent'),
  cancelled: both('đã hủy', 'cancelled'),
};

const minutes = (v: FloorAlert['value']) => (typeof v === 'number' ? v : 0);

/** A clock's jump in words: days, hours and minutes. */
function span(min: number, units: [string, string, string]): string {
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  const parts = [d > 0 ? `${d} ${units[0]}` : '', h > 0 ? `${h} ${units[1]}` : '', m > 0 || (d === 0 && h === 0) ? `${m} ${units[2]}` : ''];
  return parts.filter(Boolean).join(' ');
}
const spanVi = (min: number) => span(min, ['ngày', 'giờ', 'phút']);
const spanEn = (min: number) => span(min, ['d', 'h', 'min']);

/** One alert as a sentence. */
export function alertSentence(a: FloorAlert, lang: 'vi' | 'en'): string {
  const vi = lang === 'vi';
  switch (a.kind) {
    case 'printer-fault': {
      const fault = printFaultLabel[printFaultOf(typeof a.value === 'string' ? a.value : null)];
      return vi ? `Máy in “${a.subject}”: ${fault.vi.toLowerCase()}` : `Printer “${a.subject}”: ${fault.en.toLowerCase()}`;
    }
    case 'paper-low':
      return vi ? `Máy in “${a.subject}” sắp hết giấy: chuẩn bị cuộn giấy mới` : `Printer “${a.subject}” is nearly out of paper`;
    case 'device-unseen':
      return vi
        ? `Thiết bị “${a.subject}” mất liên lạc hơn ${minutes(a.value)} phút`
        : `Device “${a.subject}” not heard from for over ${minutes(a.value)} min`;
    case 'wait-over-target':
      return vi
        ? `${a.subject}: có công dân chờ quá ${minutes(a.value)} phút`
        : `${a.subject}: someone has waited over ${minutes(a.value)} min`;
    case 'long-queue':
      return vi
        ? `${a.subject}: ${minutes(a.value)} người chờ mà ít quầy đang mở`
        : `${a.subject}: ${minutes(a.value)} waiting and few counters open`;
    case 'field-unserved':
      return vi
        ? `${a.subject}: ${minutes(a.value)} người đang chờ nhưng không có quầy nào phục vụ lĩnh vực này. Hãy gán lĩnh vực cho một quầy (Quầy) hoặc chuyển hàng chờ.`
        : `${a.subject}: ${minutes(a.value)} waiting but no counter serves this field. Assign it to a counter (Counters) or move the line.`;
    case 'counter-paused-long':
      return vi ? `${a.subject} tạm dừng quá ${minutes(a.value)} phút` : `${a.subject} paused for over ${minutes(a.value)} min`;
    case 'officer-idle':
      return vi
        ? `Cán bộ ${a.subject} đã đăng nhập nhưng chưa mở quầy nào (hơn ${minutes(a.value)} phút)`
        : `Officer ${a.subject} is signed in at no counter (over ${minutes(a.value)} min)`;
    case 'clock-jump': {
      const jump = minutes(a.value);
      return vi
        ? `Đồng hồ máy chủ bị chỉnh ${jump < 0 ? 'lùi' : 'nhanh'} ${spanVi(Math.abs(jump))}. Hàng chờ vẫn giữ thứ tự và ngày làm việc. Hãy kiểm tra ngày giờ của máy chủ.`
        : `The server’s clock was set ${jump < 0 ? 'back' : 'ahead'} by ${spanEn(Math.abs(jump))}. The queue keeps its order and its day. Check the server’s date and time.`;
    }
    case 'disk-low': {
      const where = a.subject ? ` (${a.subject})` : '';
      return vi
        ? `Ổ đĩa chứa dữ liệu${where} sắp đầy: còn ${minutes(a.value)} MB. Hãy giải phóng dung lượng (chép các bản sao lưu cũ ra nơi khác) trước khi kiosk phải ngừng cấp số.`
        : `The data disk${where} is nearly full: ${minutes(a.value)} MB left. Free some space (move old backups elsewhere) before the kiosks must stop issuing tickets.`;
    }
    case 'disk-fault': {
      const where = a.subject ? ` (${a.subject})` : '';
      if (a.value === 'full')
        return vi
          ? `Ổ đĩa chứa dữ liệu${where} đã đầy: kiosk tạm ngừng cấp số, các màn hình vẫn hiển thị. Hãy giải phóng dung lượng; hệ thống tự hoạt động lại khi có chỗ trống.`
          : `The data disk${where} is full: kiosks have stopped issuing tickets; screens still show the queue. Free some space: the system resumes by itself.`;
      return vi
        ? `Ổ đĩa chứa dữ liệu${where} không ghi được (${a.value === 'readonly' ? 'chỉ cho đọc' : 'lỗi ghi'}): kiosk tạm ngừng cấp số, các màn hình vẫn hiển thị. Hãy báo bộ phận kỹ thuật kiểm tra ổ đĩa.`
        : `The data disk${where} takes no writes (${a.value === 'readonly' ? 'read-only' : 'write errors'}): kiosks have stopped issuing tickets; screens still show the queue. Ask IT to check the disk.`;
    }
    case 'province-recovered': {
      const lost = minutes(a.value);
      return vi
        ? `Nhật ký của trung tâm và dữ liệu tỉnh (“${a.subject}”) đã lệch nhau và đã tự khớp lại; số liệu của tỉnh là số liệu của trung tâm.${lost > 0 ? ` Tỉnh còn giữ ${lost} phiếu mà trung tâm không còn: xem thẻ Kết nối Trung tâm tỉnh.` : ''}`
        : `This center’s journal and the province’s (“${a.subject}”) parted and were put right by themselves; the province’s figures are this center’s own.${lost > 0 ? ` The province keeps ${lost} tickets this center no longer has: see the Province link card.` : ''}`;
    }
    case 'province-diverged':
      return vi
        ? `Tỉnh (“${a.subject}”) từ chối số liệu của trung tâm vì nhật ký hai bên lệch nhau (JOURNAL_DIVERGED) và hệ thống sẽ thử lại sau. Có thể hai máy chủ trung tâm đang cùng gửi số liệu cho một điểm giao dịch: hãy báo bộ phận kỹ thuật.`
        : `The province (“${a.subject}”) refuses this center’s figures: the two journals parted (JOURNAL_DIVERGED); the link tries again later. Two hubs may be sending for one site: ask IT.`;
    case 'sms-fault':
      return smsFaultText(a.value, vi);
  }
}

/** Why text messages to citizens cannot go out (#26): what the manager can do about it. */
function smsFaultText(value: FloorAlert['value'], vi: boolean): string {
  switch (value) {
    case 'no-sim':
      return vi
        ? 'Không gửi được tin nhắn SMS: modem không có thẻ SIM (hoặc thẻ SIM hỏng). Hãy lắp lại thẻ SIM.'
        : 'Text messages cannot be sent: the modem has no SIM card (or a faulty one). Put the SIM card back.';
    case 'sim-locked':
      return vi
        ? 'Không gửi được tin nhắn SMS: thẻ SIM đang khóa mã PIN. Hãy tắt mã PIN của thẻ SIM trên một điện thoại.'
        : 'Text messages cannot be sent: the SIM card asks for its PIN. Turn the PIN off in a phone.';
    case 'no-signal':
      return vi
        ? 'Không gửi được tin nhắn SMS: modem không có sóng. Hãy đặt modem gần cửa sổ hoặc dùng cáp nối dài.'
        : 'Text messages cannot be sent: the modem has no signal. Move it near a window or use a USB extension.';
    case 'unplugged':
      return vi
        ? 'Không gửi được tin nhắn SMS: không thấy modem (đã rút ra hoặc sai cổng). Hãy cắm lại modem vào máy chủ.'
        : 'Text messages cannot be sent: the modem is not found (unplugged, or the wrong port). Plug it back into the server.';
    default:
      return vi
        ? 'Không gửi được tin nhắn SMS: modem không trả lời. Hãy rút modem ra rồi cắm lại.'
        : 'Text messages cannot be sent: the modem does not answer. Unplug it and plug it back in.';
  }
}
