// Every word the kiosk shows, in Vietnamese and English. Citizens are addressed as "Quý công dân"
// and "Ông/Bà", as one-stop centers do.
import { both, countEn } from '../common/text.ts';

export const kioskText = {
  kioskKind: both('kiosk', 'kiosk'),
  chooseField: both('Kính mời Quý công dân chọn lĩnh vực cần giải quyết', 'Please choose a service'),
  choosePriority: both('Lấy số ƯU TIÊN — mời chọn lĩnh vực', 'PRIORITY ticket — please choose a service'),
  cardRead: both('Đã đọc thẻ căn cước.', 'ID card read.'),
  cardPriority: both(
    ' Công dân cao tuổi được ưu tiên: đã chọn hàng ưu tiên cho Ông/Bà.',
    ' As an elderly citizen you are offered the priority queue.',
  ),
  closedTitle: both('NGOÀI GIỜ LÀM VIỆC', 'CLOSED'),
  closed: both('Kính mời Quý công dân quay lại trong giờ tiếp nhận hồ sơ.', 'Please come back during opening hours.'),
  opensAt: both(
    (when: string) => `Mở cửa lại lúc ${when}`,
    (when) => `Opens again ${when}`,
  ),
  hoursTitle: both('Giờ tiếp nhận hồ sơ', 'Opening hours'),
  waiting: both(
    (n: number) => `Đang chờ: ${n}`,
    (n) => `Waiting: ${n}`,
  ),
  aboutMinutes: both(
    (m: number) => ` · khoảng ${m} phút`,
    (m) => ` · about ${m} min`,
  ),
  fieldFull: both('Hết số hôm nay', 'No numbers left today'),
  fieldPaused: both('Tạm ngừng tiếp nhận', 'Not taking tickets now'),
  noCounterOpen: both(' · chưa có quầy mở', ' · no counter open yet'),
  askStaff: both('Vui lòng liên hệ cán bộ hướng dẫn.', 'Please ask a member of staff.'),
  hubUnreachable: both('Kiosk tạm thời không lấy được số.', 'This kiosk cannot issue numbers right now.'),
  printerFault: both(
    (why: string) => `Máy in phiếu đang gặp sự cố (${why}): số thứ tự vẫn hiện trên màn hình nhưng phiếu có thể không in ra.`,
    (why) => `The ticket printer has a problem (${why}): your number will show on screen but the ticket may not print.`,
  ),
  pageOf: both(
    (page: number, pages: number) => `Trang ${page}/${pages}`,
    (page, pages) => `Page ${page} of ${pages}`,
  ),
  previousPage: both('◀ Trang trước', '◀ Previous'),
  nextPage: both('Trang sau ▶', 'Next ▶'),
  priorityTitle: both('Đối tượng ưu tiên', 'Priority citizen'),
  priorityWho: both(
    'Người cao tuổi, người khuyết tật, phụ nữ mang thai, người có công…',
    'Elderly, disabled, pregnant, people with meritorious service…',
  ),
  otherLanguage: both('English', 'Tiếng Việt'),
  highContrast: both('Tương phản cao', 'High contrast'),
  largeText: both('Chữ lớn', 'Large text'),
  voiceGuide: both('Hướng dẫn bằng giọng nói', 'Voice guidance'),
  yourNumber: both('SỐ THỨ TỰ CỦA ÔNG/BÀ', 'YOUR NUMBER'),
  priority: both('Ưu tiên', 'Priority'),
  nobodyAhead: both('Không có ai chờ trước Ông/Bà', 'Nobody is ahead of you'),
  peopleAhead: both(
    (n: number) => `Có ${n} người đang chờ trước Ông/Bà`,
    (n) => `${countEn(n, 'person', 'people')} ahead of you`,
  ),
  expectedWait: both(
    (m: number) => `Thời gian chờ dự kiến: khoảng ${m} phút`,
    (m) => `Estimated wait: about ${m} min`,
  ),
  noCounterServes: both(
    'Hiện chưa có quầy phục vụ lĩnh vực này. Vui lòng liên hệ cán bộ hướng dẫn.',
    'No counter serves this service at the moment. Please ask a member of staff.',
  ),
  fieldUnserved: both('Hiện chưa có quầy phục vụ', 'No counter serves it yet'),
  aheadNoEstimate: both(
    (n: number) => `Còn ${n} người trước Ông/Bà · chưa có quầy nào mở`,
    (n) => `${countEn(n, 'person', 'people')} ahead · no counter open yet`,
  ),
  noEstimate: both(
    'Chưa có quầy nào mở: thời gian chờ sẽ được báo khi quầy mở.',
    'No counter is open yet: the wait will show once one opens.',
  ),
  backHomeIn: both(
    (s: number) => `Chạm vào màn hình để về trang chính (tự động sau ${s} giây)`,
    (s) => `Touch the screen to go back (automatically in ${s} s)`,
  ),
  printAgain: both('In lại phiếu', 'Print again'),
  scanForPhone: both('Quét mã để theo dõi số thứ tự trên điện thoại', 'Scan to follow your number on your phone'),
  done: both('Xong', 'Done'),
  back: both('Quay lại', 'Back'),
  ticketStatus: both('TÌNH TRẠNG SỐ THỨ TỰ', 'TICKET STATUS'),
  youAreNext: both('Ông/Bà là người tiếp theo.', 'You are next.'),
  aheadAndWait: both(
    (n: number, m: number) => `Còn ${n} người trước Ông/Bà · khoảng ${m} phút`,
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
    (n: number) => `Phiếu đã được gửi tới máy in. Nếu không thấy phiếu, Ông/Bà vui lòng ghi nhớ số ${n}.`,
    (n) => `The ticket was sent to the printer. If none comes out, please remember your number ${n}.`,
  ),
  mayStillPrint: both(
    (n: number) => `Phiếu có thể vẫn đang được in — vui lòng chờ. Ông/Bà vui lòng ghi nhớ số thứ tự ${n}.`,
    (n) => `The ticket may still be printing — please wait. Please remember your number ${n}.`,
  ),
  notPrinted: both(
    (why: string, n: number) => `Không in được phiếu (${why}). Ông/Bà vui lòng ghi nhớ số thứ tự ${n}.`,
    (why, n) => `The ticket could not be printed (${why}). Please remember your number ${n}.`,
  ),
  rememberNumber: both(
    (n: number) => `Ông/Bà vui lòng ghi nhớ số thứ tự ${n}.`,
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
