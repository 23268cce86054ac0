// The manager's words for text messages to citizens (#26).
import { both } from '../common/text.ts';

export const smsSettingsText = {
  section: both('Tin nhắn SMS báo lượt', 'Text messages to citizens'),
  help: both(
    'Công dân để lại số điện thoại ở kiosk hoặc tại quầy sẽ nhận tin nhắn khi sắp đến lượt và khi được mời. Số điện thoại chỉ giữ trong ngày, không xuất ra báo cáo và không gửi lên tỉnh.',
    'Citizens who leave a number at the kiosk or the counter get a text when their turn is near and when called. Numbers are kept for the day only, never exported or sent to the province.',
  ),
  enabled: both('Gửi tin nhắn SMS', 'Send text messages'),
  transport: both('Gửi qua', 'Send through'),
  // Option labels fit the select at a manager PC's width (1366 px): the longer story is the box's label.
  modem: both('Modem GSM (USB)', 'GSM modem (USB)'),
  gateway: both('Cổng SMS (HTTP)', 'SMS gateway (HTTP)'),
  modemPath: both('Cổng của modem (ví dụ /dev/ttyUSB0 hoặc COM3)', "The modem's port (e.g. /dev/ttyUSB0 or COM3)"),
  gatewayUrl: both('Địa chỉ gửi của cổng SMS (mẫu URL)', "The gateway's sending URL (a template)"),
  // Under the box: what the provider's URL template may hold, and how its answer is read
  // (hardware/sms/httpGateway.ts fills and reads it so).
  gatewayUrlNote: both(
    'Trong địa chỉ, {text} là chỗ điền nội dung tin; số điện thoại điền vào {to} (+84912345678), {to84} (84912345678) hoặc {to0} (0912345678), tùy nhà cung cấp.',
    'In the URL, {text} is where the message goes; the number goes in {to} (+84912345678), {to84} (84912345678) or {to0} (0912345678), as the provider takes it.',
  ),
  gatewayAnswerNote: both(
    'Cổng trả lời 2xx là đã gửi. Nếu cổng trả lời 200 cả khi lỗi, thêm vào cuối #ok=<chữ có trong câu trả lời khi gửi được> hoặc #fail=<chữ có khi bị từ chối> (dùng cả hai thì nối bằng &, dấu cách viết %20); phần từ dấu # trở đi không được gửi đi.',
    'A 2xx answer counts as sent. If the gateway answers 200 even when it fails, end the URL with #ok=<text in an answer when sent> or #fail=<text in a refusal> (both joined by &, a space written %20); nothing from the # on is sent.',
  ),
  gatewayMethod: both('Phương thức', 'Method'),
  aheadCount: both('Nhắn tin báo trước khi chỉ còn số người này phía trước', 'Text ahead of the turn when this many are ahead'),
  encoding: both('Kiểu chữ', 'Characters'),
  gsm7: both('Không dấu (160 ký tự/tin)', 'No accents (160 a text)'),
  ucs2: both('Có dấu (70 ký tự/tin)', 'Accents (70 a text)'),
  // Under the encoding: what the choice does to the texts (each is one message, never two).
  gsm7Note: both(
    'Tin không dấu, tối đa 160 ký tự: đủ chỗ cho tên trung tâm và lời mời đầy đủ.',
    'No accents, up to 160 characters: room for the center name and the full wording.',
  ),
  ucs2Note: both(
    'Tin có dấu chỉ 70 ký tự: nội dung được rút gọn cho vừa một tin; tên trung tâm chỉ kèm khi đủ chỗ (tên dài sẽ không có).',
    'Accents leave 70 characters: the wording is shortened to fit one message; the center name goes only when it fits (a long one does not).',
  ),
  minIntervalSec: both('Giãn cách giữa hai tin (giây)', 'Seconds between two messages'),

  // What is wrong, next to the box that must change (the schema's own words are for developers).
  modemPathNeeded: both(
    'Nhập cổng của modem để gửi tin nhắn (ví dụ /dev/ttyUSB0 hoặc COM3), hoặc bỏ chọn "Gửi tin nhắn SMS".',
    'Enter the modem\'s port to send texts (e.g. /dev/ttyUSB0 or COM3), or untick "Send text messages".',
  ),
  gatewayUrlNeeded: both(
    'Nhập địa chỉ gửi của cổng SMS, hoặc bỏ chọn "Gửi tin nhắn SMS".',
    'Enter the gateway\'s sending URL, or untick "Send text messages".',
  ),
  modemPathInvalid: both(
    'Cổng không đúng. Trên Windows là COM và một số (COM3); trên Linux là /dev/ttyUSB0, /dev/ttyACM0 hoặc /dev/serial/by-id/…',
    'Not a serial port. On Windows COM and a number (COM3); on Linux /dev/ttyUSB0, /dev/ttyACM0 or /dev/serial/by-id/…',
  ),
  // The same words as the note under the box (gatewayUrlNote), which says what each part is.
  gatewayUrlInvalid: both(
    'Địa chỉ phải bắt đầu bằng http:// hoặc https://, không có dấu cách (trong #ok= hoặc #fail= viết dấu cách là %20), và có {to}, {to84} hoặc {to0} (chỗ điền số điện thoại) và {text} (chỗ điền nội dung tin).',
    'The URL must start with http:// or https://, have no spaces (in #ok= or #fail= write a space as %20), and hold {to}, {to84} or {to0} (where the number goes) and {text} (where the message goes).',
  ),

  // The state of sending now, as the hub last saw it (its saved settings, not the ones being typed).
  stateTitle: both('Tình trạng gửi tin', 'Sending now'),
  stateOff: both('Đang tắt: không gửi tin nhắn nào.', 'Off: no text is sent.'),
  stateChecking: both('Đang kiểm tra modem…', 'Checking the modem…'),
  stateGateway: both('Gửi qua cổng SMS của nhà cung cấp.', "Sending through the provider's gateway."),
  stateReady: both(
    (signal: number | null) => (signal === null ? 'Modem sẵn sàng.' : `Modem sẵn sàng, sóng ${signalWordVi(signal)} (${signal}/31).`),
    (signal) => (signal === null ? 'The modem is ready.' : `The modem is ready, ${signalWordEn(signal)} signal (${signal}/31).`),
  ),
  stateFault: both(
    (fault: SmsFaultCode) => `Chưa gửi được tin nhắn: ${faultVi[fault]}`,
    (fault) => `Texts cannot go out: ${faultEn[fault]}`,
  ),
  stateToday: both(
    (sent: number, failed: number, waiting: number) =>
      `Hôm nay: đã gửi ${sent} tin, không gửi được ${failed} tin, đang chờ ${waiting} tin.`,
    (sent, failed, waiting) => `Today: ${sent} sent, ${failed} not sent, ${waiting} waiting.`,
  ),
  stateUnknown: both('Chưa đọc được tình trạng gửi tin từ máy chủ.', 'The hub has not said how sending goes.'),
};

export type SmsFaultCode = 'no-sim' | 'sim-locked' | 'no-signal' | 'not-responding' | 'unplugged';

const faultVi: Record<SmsFaultCode, string> = {
  'no-sim': 'modem không có thẻ SIM (hoặc thẻ SIM hỏng). Hãy lắp lại thẻ SIM.',
  'sim-locked': 'thẻ SIM đang khóa mã PIN. Hãy tắt mã PIN của thẻ SIM trên một điện thoại.',
  'no-signal': 'modem không có sóng. Hãy đặt modem gần cửa sổ hoặc dùng cáp nối dài.',
  'not-responding': 'modem không trả lời. Hãy rút modem ra rồi cắm lại.',
  unplugged: 'không thấy modem ở cổng này (đã rút ra hoặc sai cổng). Hãy cắm lại modem hoặc sửa cổng.',
};
const faultEn: Record<SmsFaultCode, string> = {
  'no-sim': 'the modem has no SIM card (or a broken one). Put the SIM back.',
  'sim-locked': "the SIM card is locked with a PIN. Turn the SIM's PIN off in a phone.",
  'no-signal': 'the modem has no signal. Move it near a window or use an extension cable.',
  'not-responding': 'the modem does not answer. Unplug it and plug it in again.',
  unplugged: 'no modem on this port (unplugged, or the wrong port). Plug it in or correct the port.',
};

/** +CSQ's rssi (0–31) in words. */
function signalWordVi(rssi: number): string {
  return rssi >= 15 ? 'tốt' : rssi >= 10 ? 'trung bình' : 'yếu';
}
function signalWordEn(rssi: number): string {
  return rssi >= 15 ? 'good' : rssi >= 10 ? 'fair' : 'weak';
}
