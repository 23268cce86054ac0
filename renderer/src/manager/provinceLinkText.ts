// Words of the province link card, in Vietnamese and English.
import { both } from '../common/text.ts';

export const provinceLinkText = {
  title: both('Kết nối Trung tâm tỉnh', 'Province link'),
  explain: both(
    'Trung tâm gửi số liệu (số thứ tự, quầy, đánh giá) lên máy chủ của tỉnh. Không có thông tin cá nhân của công dân; tên cán bộ chỉ được gửi nếu trung tâm cho phép. Khi mất mạng, trung tâm vẫn làm việc bình thường và gửi bù khi có mạng lại.',
    'The center sends its figures (tickets, counters, ratings) to the province server. No citizen data; officers’ names only if the center allows it. Without a network the center works as ever and catches up later.',
  ),
  server: both('Địa chỉ máy chủ tỉnh', 'Province server'),
  code: both('Mã ghép nối do tỉnh cấp', 'Join code from the province'),
  shareNames: both('Gửi kèm tên cán bộ', 'Share officers’ names'),
  join: both('Kết nối', 'Join'),
  site: both('Tên điểm giao dịch ở tỉnh', 'Site name at the province'),
  lastPush: both('Lần gửi thành công gần nhất', 'Last successful push'),
  backlog: both('Chờ gửi', 'Backlog'),
  upToDate: both('Đã gửi hết', 'Up to date'),
  waitingEvents: both(
    (n: number) => `${n.toLocaleString('vi-VN')} sự kiện`,
    (n) => `${n.toLocaleString('en-GB')} events`,
  ),
  lastError: both('Lỗi gần nhất', 'Last error'),
  recovered: both(
    (when: string, epoch: number, from: number) =>
      `${when}: nhật ký của trung tâm không nối tiếp được dữ liệu tỉnh đang giữ (máy chủ trung tâm được khôi phục từ bản sao lưu, hoặc kết nối lại). Hai bên đã tự chuyển sang giai đoạn nhật ký ${epoch}; trung tâm đã gửi lại từ sự kiện ${from.toLocaleString('vi-VN')}. Số liệu của tỉnh là số liệu của trung tâm, không có gì được tính hai lần.`,
    (when, epoch, from) =>
      `${when}: this center’s journal could not continue what the province held (the hub was restored from a backup, or joined again). Both sides moved to journal epoch ${epoch} by themselves; the center sent again from event ${from.toLocaleString('en-GB')}. The province’s figures are this center’s own; nothing is counted twice.`,
  ),
  journalMoved: both(
    (when: string, from: string, to: string, held: number) =>
      `${when}: tỉnh nhận ra nhật ký của trung tâm này đã được gửi trước đây cho điểm giao dịch “${from}” (đến sự kiện ${held.toLocaleString('vi-VN')}). Từ nay tỉnh chỉ tính số liệu của trung tâm dưới điểm giao dịch “${to}”; điểm giao dịch cũ không còn được tính vào báo cáo và xếp hạng, nên không có gì được tính hai lần.`,
    (when, from, to, held) =>
      `${when}: the province found this center’s journal already sent to the site “${from}” (up to event ${held.toLocaleString('en-GB')}). It now counts the center’s figures under “${to}” only; the old site is left out of reports and rankings, so nothing is counted twice.`,
  ),
  lostTickets: both(
    (n: number) => `Tỉnh vẫn lưu (riêng, không tính vào số liệu) ${n.toLocaleString('vi-VN')} phiếu mà trung tâm không còn:`,
    (n) => `The province keeps aside (not counted) ${n.toLocaleString('en-GB')} tickets this center no longer has:`,
  ),
  lostTicket: both(
    (number: number, issued: string, status: string) => `số ${number}, cấp lúc ${issued}, trạng thái cuối: ${status}`,
    (number, issued, status) => `number ${number}, issued ${issued}, last status: ${status}`,
  ),
  notLinked: both('Chưa kết nối với tỉnh (quản trị viên thực hiện).', 'Not linked to a province (an admin can link it).'),
  unlink: both('Ngắt kết nối', 'Unlink'),
  unlinkTitle: both('Ngắt kết nối với tỉnh?', 'Unlink from the province?'),
  unlinkExplain: both(
    'Trung tâm sẽ không gửi số liệu lên tỉnh nữa. Để kết nối lại cần mã mới do tỉnh cấp.',
    'The center stops sending its figures. Linking again needs a new code from the province.',
  ),
  back: both('Quay lại', 'Back'),
  catalogue: both('Danh mục lĩnh vực của tỉnh', 'The province’s field catalogue'),
  lookCatalogue: both('Xem danh mục', 'Look at it'),
  noCatalogue: both('Tỉnh chưa ban hành danh mục.', 'The province has not published one.'),
  catalogueState: both(
    (v: number, accepted: number | null) =>
      `Phiên bản ${v}; trung tâm ${accepted === null ? 'chưa áp dụng phiên bản nào' : `đang dùng phiên bản ${accepted}`}.`,
    (v, accepted) => `Version ${v}; this center ${accepted === null ? 'has accepted none' : `uses version ${accepted}`}.`,
  ),
  notHere: both(
    (codes: string) => `Mã không có ở trung tâm (không tự tạo): ${codes}.`,
    (codes) => `Codes this center does not have (not created): ${codes}.`,
  ),
  waitChange: both(
    (from: number, to: number) => `chờ mục tiêu ${from} → ${to} phút`,
    (from, to) => `target wait ${from} → ${to} min`,
  ),
  accept: both(
    (v: number) => `Áp dụng phiên bản ${v}`,
    (v) => `Accept version ${v}`,
  ),
  nothingToChange: both('Các lĩnh vực của trung tâm đã khớp với danh mục.', 'This center’s fields already match it.'),
};
