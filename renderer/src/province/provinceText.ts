// Every word of the province console, in Vietnamese and English.
import type { TicketStatus } from '../../../main/contract/index.ts';
import { both } from '../common/text.ts';

export const provinceText = {
  title: both('Trung tâm Phục vụ hành chính công tỉnh', 'Provincial Public Administration Service Center'),
  titleOf: both(
    (province: string) => `Trung tâm Phục vụ hành chính công tỉnh ${province}`,
    (province) => `${province} Provincial Public Administration Service Center`,
  ),
  signIn: both('Đăng nhập cấp tỉnh', 'Province sign-in'),
  username: both('Tên đăng nhập', 'Username'),
  signOut: both('Đăng xuất', 'Sign out'),
  live: both('Trực tiếp', 'Live'),
  reports: both('Báo cáo', 'Reports'),
  sites: both('Điểm giao dịch', 'Sites'),
  alerts: both('Cảnh báo', 'Alerts'),
  noAlerts: both('Không có cảnh báo.', 'No alerts.'),
  site: both('Điểm giao dịch', 'Site'),
  level: both('Cấp', 'Level'),
  district: both('Địa bàn', 'District'),
  status: both('Kết nối', 'Link'),
  online: both('Trực tuyến', 'Online'),
  offlineFor: both(
    (min: number) => `Mất kết nối ${min} phút`,
    (min) => `Offline ${min} min`,
  ),
  notJoined: both('Chưa kết nối', 'Not joined'),
  revoked: both('Đã thu hồi', 'Revoked'),
  openCounters: both('Quầy mở', 'Open counters'),
  waiting: both('Đang chờ', 'Waiting'),
  longestWait: both('Chờ lâu nhất', 'Longest wait'),
  issuedToday: both('Số phiếu cấp hôm nay', 'Issued today'),
  servedToday: both('Đã phục vụ hôm nay', 'Served today'),
  satisfactionToday: both('Hài lòng hôm nay', 'Satisfied today'),
  alertOffline: both(
    (site: string, min: number) => `${site}: mất kết nối ${min} phút`,
    (site, min) => `${site}: offline for ${min} min`,
  ),
  alertWait: both(
    (site: string, field: string, min: number) => `${site} · ${field}: có công dân chờ ${min} phút, quá thời gian chờ mục tiêu`,
    (site, field, min) => `${site} · ${field}: someone has waited ${min} min, over the target`,
  ),
  alertSatisfaction: both(
    (site: string, pct: string) => `${site}: chỉ số hài lòng hôm nay ${pct}`,
    (site, pct) => `${site}: satisfaction today ${pct}`,
  ),
  from: both('Từ ngày', 'From'),
  to: both('Đến ngày', 'To'),
  show: both('Xem', 'Show'),
  rank: both('Hạng', 'Rank'),
  issued: both('Số phiếu cấp', 'Tickets issued'),
  served: both('Số lượt đã phục vụ', 'Served'),
  noShowRate: both('Tỷ lệ vắng mặt', 'No-show rate'),
  waitAvg: both('Chờ TB', 'Avg wait'),
  waitP90: both('Chờ P90', 'P90 wait'),
  ratings: both('Lượt đánh giá', 'Ratings'),
  satisfaction: both('Chỉ số hài lòng', 'Satisfaction index'),
  province: both('Toàn tỉnh', 'Whole province'),
  fields: both('Theo lĩnh vực', 'By field'),
  counters: both('Theo quầy', 'By counter'),
  field: both('Lĩnh vực', 'Field'),
  counter: both('Quầy', 'Counter'),
  back: both('Quay lại', 'Back'),
  newSite: both('Thêm điểm giao dịch', 'Add a site'),
  name: both('Tên', 'Name'),
  create: both('Tạo và lấy mã ghép nối', 'Create and get a pairing code'),
  codeFor: both(
    (site: string) => `Mã ghép nối của ${site}`,
    (site) => `Pairing code for ${site}`,
  ),
  codeHowTo: both(
    'Cán bộ quản trị của điểm giao dịch nhập địa chỉ máy chủ tỉnh và mã này trong Cài đặt › Kết nối Trung tâm tỉnh. Mã dùng một lần, hết hạn sau 7 ngày.',
    "The site's admin enters this server's address and this code under Settings › Province link. The code works once and expires in 7 days.",
  ),
  newCode: both('Mã mới', 'New code'),
  revoke: both('Thu hồi', 'Revoke'),
  revokeTitle: both(
    (site: string) => `Thu hồi kết nối của ${site}?`,
    (site) => `Revoke ${site}?`,
  ),
  revokeExplain: both(
    'Điểm giao dịch sẽ không gửi được dữ liệu lên tỉnh nữa cho đến khi kết nối lại bằng mã mới. Dữ liệu đã nhận được giữ nguyên.',
    'The site can no longer push until it joins again with a new code. What was received stays.',
  ),
  exportXlsx: both('Xuất Excel', 'Export Excel'),
  exportPdf: both('Xuất PDF', 'Export PDF'),
  catalogue: both('Danh mục lĩnh vực dùng chung', 'Shared field catalogue'),
  catalogueNone: both(
    'Chưa ban hành danh mục. Danh mục giúp cùng một nhóm thủ tục có cùng tên và thời gian chờ mục tiêu ở mọi điểm; mỗi trung tâm xem và chấp nhận.',
    'No catalogue yet. It gives a procedure group the same name and target wait at every site; each center reviews and accepts it.',
  ),
  catalogueVersion: both(
    (v: number, accepted: number, total: number) => `Phiên bản ${v}: ${accepted}/${total} điểm đã áp dụng.`,
    (v, accepted, total) => `Version ${v}: ${accepted} of ${total} sites accepted it.`,
  ),
  code: both('Mã', 'Code'),
  nameVi: both('Tên tiếng Việt', 'Vietnamese name'),
  nameEn: both('Tên tiếng Anh', 'English name'),
  targetWait: both('Chờ mục tiêu (phút)', 'Target wait (min)'),
  remove: both('Bỏ', 'Remove'),
  addRow: both('+ Thêm lĩnh vực', '+ Add a field'),
  publish: both('Ban hành phiên bản mới', 'Publish a new version'),
  changePassword: both('Đổi mật khẩu', 'Change password'),
  currentPassword: both('Mật khẩu hiện tại', 'Current password'),
  newPassword: both('Mật khẩu mới (ít nhất 10 ký tự)', 'New password (10 characters or more)'),
  staffTitle: both('Tài khoản cán bộ tỉnh', 'Province staff accounts'),
  role: both('Vai trò', 'Role'),
  viewer: both('Xem số liệu', 'Viewer'),
  admin: both('Quản trị (điểm giao dịch, danh mục)', 'Admin (sites, catalogue)'),
  addStaff: both('Thêm tài khoản', 'Add account'),
  staffCreated: both(
    (u: string) => `Đã tạo tài khoản ${u}.`,
    (u) => `Account ${u} created.`,
  ),
  mustChangeExplain: both(
    'Tài khoản này đang dùng mật khẩu mẫu đã công bố, trong khi máy chủ tỉnh mở cho mạng. Vui lòng đặt mật khẩu riêng trước khi làm việc.',
    'This account uses a published demo password and the province server is open to the network. Set a password of your own before you continue.',
  ),
  // The codes the province server prints when it starts (as the hub's): setup and demo claim.
  setupCode: both('Mã thiết lập', 'Setup code'),
  setupCodeOnServer: both(
    'Máy chủ tỉnh in mã thiết lập khi khởi động. Mở trang này từ một máy khác thì cần nhập mã; ngay trên máy chủ thì không cần.',
    'The province server prints the setup code when it starts. Opening this page from another machine needs it; on the server itself it does not.',
  ),
  setupCodeNeeded: both(
    'Đổi mật khẩu mẫu trên máy chủ mở cho mạng cần mã thiết lập được in ra khi máy chủ tỉnh khởi động.',
    'Replacing the demo password on a server open to the network needs the setup code the province server printed when it started.',
  ),
  firstRunSetup: both('Thiết lập lần đầu', 'First-run setup'),
  firstRunExplain: both(
    'Máy chủ tỉnh chưa có tài khoản nào. Nhập mã thiết lập được in ra khi máy chủ khởi động để tạo tài khoản quản trị tỉnh đầu tiên.',
    'The province server has no accounts yet. Enter the setup code it printed when it started to create the first province administrator.',
  ),
  fullName: both('Họ và tên', 'Full name'),
  createAdmin: both('Tạo tài khoản quản trị', 'Create the admin account'),
  consoleTabs: both('Các mục của trang', "The console's sections"),
  catalogueTab: both('Danh mục', 'Catalogue'),
  accounts: both('Tài khoản', 'Accounts'),
  settings: both('Cài đặt', 'Settings'),
  // The ranking: what it ranks by, and the other orders the figures allow.
  rankBy: both('Xếp hạng theo', 'Rank by'),
  rankBySatisfaction: both('Chỉ số hài lòng', 'Satisfaction index'),
  rankByWaitP90: both('Thời gian chờ P90', 'P90 wait'),
  rankByWaitAvg: both('Thời gian chờ trung bình', 'Average wait'),
  rankedBySatisfaction: both(
    'Xếp hạng theo chỉ số hài lòng (cao trước); bằng nhau thì theo thời gian chờ P90 (ngắn trước). Điểm chưa có lượt đánh giá xếp cuối.',
    'Ranked by satisfaction index (highest first); ties by P90 wait (shortest first). Sites without ratings come last.',
  ),
  rankedByWaitP90: both(
    'Xếp hạng theo thời gian chờ P90 (ngắn trước): 9/10 công dân được gọi trong thời gian này. Điểm chưa có số liệu xếp cuối.',
    'Ranked by P90 wait (shortest first): 9 in 10 citizens were called within it. Sites without figures come last.',
  ),
  rankedByWaitAvg: both(
    'Xếp hạng theo thời gian chờ trung bình (ngắn trước). Điểm chưa có số liệu xếp cuối.',
    'Ranked by average wait (shortest first). Sites without figures come last.',
  ),
  openSite: both(
    (site: string) => `Xem chi tiết ${site} theo lĩnh vực và theo quầy`,
    (site) => `Open ${site} by field and by counter`,
  ),
  detailOf: both(
    (site: string, from: string, to: string) => `${site}: từ ${from} đến ${to}`,
    (site, from, to) => `${site}: ${from} to ${to}`,
  ),
  noFigures: both('Chưa có số liệu trong kỳ.', 'No figures in this period.'),
  // Sites: the level each one has, changed in place.
  levelOf: both(
    (site: string) => `Cấp của ${site}`,
    (site) => `Level of ${site}`,
  ),
  levelSaved: both(
    (site: string, level: string) => `Đã đổi cấp của ${site} thành ${level}.`,
    (site, level) => `${site} is now ${level}.`,
  ),
  // The report heading (Nghị định 30/2020).
  reportHeading: both('Tiêu đề và chữ ký của báo cáo', "The report's heading and signature"),
  reportHeadingExplain: both(
    'Báo cáo gửi cấp trên ghi các thông tin này ở phần đầu và phần ký. Để trống mục nào thì báo cáo để chỗ trống cho người ký viết tay.',
    'The report heading and signature block show these. Leave one empty and the report leaves room to write it by hand.',
  ),
  provinceName: both('Tên tỉnh, thành phố', 'Province or city'),
  provinceNameHint: both('Ví dụ: Quảng Ninh', 'For example: Quảng Ninh'),
  agency: both('Cơ quan chủ quản', 'Governing body'),
  agencyHint: both('Ví dụ: UBND tỉnh Quảng Ninh', 'For example: UBND tỉnh Quảng Ninh'),
  signerTitle: both('Chức vụ người ký', "Signer's title"),
  signerTitleHint: both('Ví dụ: Giám đốc', 'For example: Giám đốc'),
  signerName: both('Họ và tên người ký', "Signer's full name"),
  place: both('Địa danh ghi trước ngày tháng', 'Place written before the date'),
  placeHint: both('Ví dụ: Hạ Long', 'For example: Hạ Long'),
  save: both('Lưu', 'Save'),
  saved: both('Đã lưu.', 'Saved.'),
  // A center's journal that could not continue what the province held (a hub restored from a backup).
  recoveredMark: both(
    (when: string) => `Đã khôi phục nhật ký · ${when}`,
    (when) => `Journal recovered · ${when}`,
  ),
  recoveredMarkOf: both(
    (site: string, when: string) => `${site}: đã khôi phục nhật ký lúc ${when}, xem chi tiết`,
    (site, when) => `${site}: journal recovered at ${when}, see what happened`,
  ),
  recoveryTitle: both(
    (site: string) => `${site}: nhật ký đã được khôi phục`,
    (site) => `${site}: journal recovered`,
  ),
  recoveryWhat: both(
    (when: string, epoch: number) =>
      `Lúc ${when}, nhật ký của trung tâm không nối tiếp được dữ liệu tỉnh đang giữ (máy chủ trung tâm được khôi phục từ bản sao lưu). Tỉnh và trung tâm đã tự chuyển sang giai đoạn nhật ký ${epoch}, không cần thao tác; số liệu của tỉnh là số liệu của trung tâm, không có gì được tính hai lần.`,
    (when, epoch) =>
      `At ${when}, this center's journal could not continue what the province held (the hub was restored from a backup). The province and the center moved to journal epoch ${epoch} by themselves; the province's figures are the center's own, nothing is counted twice.`,
  ),
  recoveryCommon: both('Hai nhật ký giống nhau đến sự kiện', 'Both journals alike up to event'),
  recoveryHad: both('Tỉnh đã giữ đến sự kiện', 'The province held up to event'),
  recoveryResent: both('Trung tâm gửi lại từ sự kiện', 'The center sent again from event'),
  recoverySetAside: both(
    'Sự kiện của giai đoạn cũ để riêng (lưu đối chiếu, không tính)',
    'Old epoch events set aside (kept for audit, not counted)',
  ),
  recoverySetAsideRange: both(
    (n: string, from: string, to: string) => `${n} (số ${from}–${to})`,
    (n, from, to) => `${n} (numbers ${from}–${to})`,
  ),
  lostTitle: both(
    (n: string) => `Phiếu tỉnh còn giữ mà trung tâm đã mất: ${n}`,
    (n) => `Tickets the province holds that the center lost: ${n}`,
  ),
  lostNone: both('Trung tâm không mất phiếu nào tỉnh đang giữ.', 'The center lost no ticket the province holds.'),
  lostShown: both(
    (shown: string, total: string) => `Hiện ${shown} phiếu đầu tiên trong ${total}.`,
    (shown, total) => `The first ${shown} of ${total} are shown.`,
  ),
  ticketNumber: both('Số phiếu', 'Number'),
  issuedAt: both('Cấp lúc', 'Issued'),
  lastState: both('Trạng thái cuối', 'Last state'),
  close: both('Đóng', 'Close'),
  // A center's hub joined again to a new site: its journal (and its figures) went along.
  movedTo: both(
    (site: string, when: string) => `Đã chuyển sang điểm giao dịch ${site} · ${when}`,
    (site, when) => `Moved to the site ${site} · ${when}`,
  ),
  movedFrom: both(
    (site: string, when: string) => `Nhận nhật ký từ điểm giao dịch ${site} · ${when}`,
    (site, when) => `Journal taken over from the site ${site} · ${when}`,
  ),
  movedFigures: both(
    (site: string) => `Số liệu đã chuyển, tính tại ${site}`,
    (site) => `Figures moved, counted at ${site}`,
  ),
  movedLink: both('Đã chuyển', 'Moved'),
  readOnly: both(
    'Tài khoản chỉ xem số liệu: điểm giao dịch, danh mục, tài khoản và cài đặt do quản trị viên cấp tỉnh thay đổi.',
    'A viewer account: sites, the catalogue, accounts and settings are changed by a province admin.',
  ),
};

/** A ticket's last state, as the center's floor words it. */
export const ticketStateText: Record<TicketStatus, { vi: string; en: string }> = {
  waiting: both('đang chờ', 'waiting'),
  called: both('đã gọi', 'called'),
  serving: both('đang phục vụ', 'being served'),
  done: both('đã phục vụ xong', 'served'),
  no_show: both('vắng mặt', 'absent'),
  cancelled: both('đã hủy', 'cancelled'),
};
