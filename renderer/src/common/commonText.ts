// Words the screens share (sign-in, pairing, connection), in Vietnamese and English.
import { both } from './text.ts';

export const commonText = {
  queueSystemForOneStop: both(
    'Hệ thống lấy số thứ tự cho bộ phận một cửa. Chọn màn hình:',
    'Queue system for one-stop service centers. Choose a screen:',
  ),
  username: both('Tên đăng nhập', 'Username'),
  password: both('Mật khẩu', 'Password'),
  signIn: both('Đăng nhập', 'Sign in'),
  newPassword8CharactersOr: both('Mật khẩu mới (ít nhất 8 ký tự)', 'New password (8 characters or more)'),
  newPasswordAgain: both('Nhập lại mật khẩu mới', 'New password again'),
  theNewPasswordNeedsAt: both('Mật khẩu mới phải có ít nhất 8 ký tự.', 'The new password needs at least 8 characters.'),
  theTwoNewPasswordsDiffer: both('Hai lần nhập mật khẩu mới không khớp.', 'The two new passwords differ.'),
  changeYourPassword: both('Đổi mật khẩu', 'Change your password'),
  thisAccountUsesAPublished: both(
    'Tài khoản này đang dùng mật khẩu mẫu đã công bố, trong khi máy chủ mở cho cả mạng nội bộ. Vui lòng đặt mật khẩu riêng trước khi làm việc. Từ máy khác trong mạng, cần nhập thêm mã thiết lập mà máy chủ in ra khi khởi động (ngay trên máy chủ thì không cần).',
    'This account uses a published demo password and the hub is open to the whole LAN. Set a password of your own before you continue. From another machine, also enter the setup code the hub printed when it started (not needed on the server itself).',
  ),
  changePasswordAndContinue: both('Đổi mật khẩu và tiếp tục', 'Change password and continue'),
  firstRunSetup: both('Thiết lập lần đầu', 'First-run setup'),
  thereAreNoAccountsYet: both(
    'Hệ thống chưa có tài khoản nào. Nhập mã thiết lập được in ra khi máy chủ khởi động để tạo tài khoản quản trị đầu tiên.',
    'There are no accounts yet. Enter the setup code the hub printed when it started to create the first admin account.',
  ),
  setupCode: both('Mã thiết lập', 'Setup code'),
  fullName: both('Họ và tên', 'Full name'),
  createTheAdminAccount: both('Tạo tài khoản quản trị', 'Create the admin account'),
  phoneAddressTitle: both('Địa chỉ cho điện thoại của công dân', "The address for citizens' phones"),
  phoneAddressExplain: both(
    'Mã QR trên phiếu mở số thứ tự trên điện thoại của công dân khi điện thoại vào được máy chủ qua Wi-Fi của trung tâm. Máy chủ này có các địa chỉ dưới đây; hãy chọn địa chỉ thuộc mạng Wi-Fi dành cho công dân.',
    "The QR on each ticket opens that ticket on the citizen's phone when phones reach the hub over the center's Wi-Fi. This hub has the addresses below; choose the one on the network citizens' phones join.",
  ),
  phoneAddressLoopbackOnly: both(
    'Máy chủ đang chỉ mở cho chính máy này (127.0.0.1) nên điện thoại không vào được. Chạy máy chủ với --host 0.0.0.0 rồi chọn địa chỉ tại đây.',
    'The hub is open to this PC only (127.0.0.1), so no phone can reach it. Run the hub with --host 0.0.0.0, then choose the address here.',
  ),
  usePhoneAddress: both('Dùng địa chỉ đã chọn', 'Use the chosen address'),
  phoneAddressLater: both('Để sau', 'Later'),
  addressesOfThisHub: both('Địa chỉ của máy chủ này:', "This hub's addresses:"),
  useThis: both('Dùng', 'Use'),
  pairThis: both(
    (kindName: string) => `Ghép nối ${kindName}`,
    (kindName) => `Pair this ${kindName}`,
  ),
  enterThePairingCodeA: both(
    'Nhập mã ghép nối do cán bộ quản lý tạo trong mục Thiết bị.',
    'Enter the pairing code a manager created under Devices.',
  ),
  pairingCode: both('Mã ghép nối', 'Pairing code'),
  pair: both('Ghép nối', 'Pair'),
  connectionLostReconnecting: both('Mất kết nối — đang kết nối lại…', 'Connection lost — reconnecting…'),
  connecting: both('Đang kết nối…', 'Connecting…'),
  /** The language toggle names the other language, in that language. */
  otherLanguage: both('English', 'Tiếng Việt'),
  /** The start page: each screen of the system, what it is for. */
  roleKiosk: both('Kiosk lấy số', 'Ticket kiosk'),
  roleKioskNote: both('Màn hình cảm ứng cho công dân lấy số thứ tự.', 'The touch screen where citizens take a number.'),
  roleCounter: both('Quầy tiếp nhận', 'Counter console'),
  roleCounterNote: both('Cán bộ một cửa gọi số, phục vụ, chuyển quầy.', 'Officers call, serve and transfer citizens.'),
  roleManager: both('Quản lý', 'Manager console'),
  roleManagerNote: both(
    'Theo dõi trực tiếp, cấu hình lĩnh vực, quầy, cán bộ, thiết bị.',
    'The live floor; fields, counters, staff and devices.',
  ),
  roleHall: both('Màn hình sảnh', 'Hall display'),
  roleHallNote: both('Số đang gọi, lượt gọi gần đây, đọc số bằng giọng nói.', 'The numbers being called, the latest calls, spoken aloud.'),
  roleCounterDisplay: both('Màn hình quầy', 'Counter display'),
  roleCounterDisplayNote: both('Số đang phục vụ tại một quầy.', 'The number being served at one counter.'),
};
