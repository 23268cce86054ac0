// Every word the kiosk shows, in Vietnamese and English.
import { both, countEn } from '../common/text.ts';

export const kioskText = {
  kioskKind: both('kiosk', 'kiosk'),
  chooseField: both('Mời chọn lĩnh vực cần giải quyết', 'Please choose a service'),
  cardRead: both('Đã đọc thẻ căn cước.', 'ID card read.'),
  cardPriority: both(
    ' Công dân cao tuổi được ưu tiên: đã chọn hàng ưu tiên cho bạn.',
    ' As an elderly citizen you are offered the priority queue.',
  ),
  closed: both(
    'Ngoài giờ làm việc. Xin mời quay lại trong giờ tiếp nhận hồ sơ.',
    'We are closed now. Please come back during opening hours.',
  ),
  waiting: both(
    (n: number) => `Đang chờ: ${n}`,
    (n) => `Waiting: ${n}`,
  ),
  aboutMinutes: both(
    (m: number) => ` · khoảng ${m} phút`,
    (m) => ` · about ${m} min`,
  ),
  priorityTitle: both('Đối tượng ưu tiên', 'Priority citizen'),
  priorityWho: both(
    'Người cao tuổi, người khuyết tật, phụ nữ mang thai, người có công…',
    'Elderly, disabled, pregnant, people with meritorious service…',
  ),
  otherLanguage: both('English', 'Tiếng Việt'),
  highContrast: both('Tương phản cao', 'High contrast'),
  yourNumber: both('SỐ THỨ TỰ CỦA BẠN', 'YOUR NUMBER'),
  priority: both('Ưu tiên', 'Priority'),
  nobodyAhead: both('Không có ai chờ trước bạn', 'Nobody is ahead of you'),
  peopleAhead: both(
    (n: number) => `Có ${n} người đang chờ trước bạn`,
    (n) => `${countEn(n, 'person', 'people')} ahead of you`,
  ),
  expectedWait: both(
    (m: number) => `Thời gian chờ dự kiến: khoảng ${m} phút`,
    (m) => `Estimated wait: about ${m} min`,
  ),
  printAgain: both('In lại phiếu', 'Print again'),
  done: both('Xong', 'Done'),
  back: both('Quay lại', 'Back'),
  ticketStatus: both('TÌNH TRẠNG SỐ THỨ TỰ', 'TICKET STATUS'),
  youAreNext: both('Bạn là người tiếp theo.', 'You are next.'),
  aheadAndWait: both(
    (n: number, m: number) => `Còn ${n} người trước bạn · khoảng ${m} phút`,
    (n, m) => `${countEn(n, 'person', 'people')} ahead · about ${m} min`,
  ),
  goToCounter: both(
    (c: number | null) => `Mời đến quầy số ${c ?? ''}`,
    (c) => `Please go to counter ${c ?? ''}`,
  ),
  noLongerValid: both('Số này đã được phục vụ hoặc không còn hiệu lực.', 'This ticket has been served or is no longer valid.'),
  printing: both('Đang in phiếu…', 'Printing your ticket…'),
  takeTicket: both('Mời nhận phiếu bên dưới.', 'Please take your ticket below.'),
  sentToSpooler: both(
    (n: number) => `Phiếu đã được gửi tới máy in. Nếu không thấy phiếu, vui lòng ghi nhớ số ${n}.`,
    (n) => `The ticket was sent to the printer. If none comes out, please remember your number ${n}.`,
  ),
  notPrinted: both(
    (why: string, n: number) => `Không in được phiếu (${why}). Vui lòng ghi nhớ số thứ tự ${n} của bạn.`,
    (why, n) => `The ticket could not be printed (${why}). Please remember your number ${n}.`,
  ),
  rememberNumber: both(
    (n: number) => `Vui lòng ghi nhớ số thứ tự ${n} của bạn.`,
    (n) => `Please remember your number ${n}.`,
  ),
  adminTitle: both('Quản trị kiosk', 'Kiosk admin'),
  printer: both('Máy in', 'Printer'),
  ready: both('sẵn sàng', 'ready'),
  scanner: both('Máy quét', 'Scanner'),
  scannerConnected: both('đã kết nối', 'connected'),
  scannerSearching: both('đang tìm (chưa cắm?)', 'searching (unplugged?)'),
  scannerStopped: both('dừng', 'stopped'),
  scannerNotConfigured: both('chưa cài đặt', 'not set up'),
  kioskLeft: both('Đã thoát chế độ kiosk.', 'Kiosk mode left.'),
  wrongPin: both('Mã PIN không đúng.', 'Wrong PIN.'),
  leaveKiosk: both('Thoát chế độ kiosk', 'Leave kiosk mode'),
  close: both('Đóng', 'Close'),
};
