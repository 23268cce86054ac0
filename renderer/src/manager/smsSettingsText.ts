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
  modem: both('Modem GSM cắm vào máy chủ', 'A GSM modem on the server'),
  gateway: both('Cổng SMS của nhà cung cấp (HTTP)', "A provider's HTTP SMS gateway"),
  modemPath: both('Cổng của modem (ví dụ /dev/ttyUSB0 hoặc COM3)', "The modem's port (e.g. /dev/ttyUSB0 or COM3)"),
  gatewayUrl: both('Địa chỉ gửi, có {to} và {text}', 'The sending URL, with {to} and {text}'),
  gatewayMethod: both('Phương thức', 'Method'),
  aheadCount: both('Nhắn khi còn số người phía trước', 'Text when this many are ahead'),
  encoding: both('Kiểu chữ', 'Characters'),
  gsm7: both('Không dấu (160 ký tự một tin, mọi điện thoại đọc được)', 'Without accents (160 characters, every phone)'),
  ucs2: both('Có dấu (70 ký tự một tin)', 'With accents (70 characters)'),
  minIntervalSec: both('Giãn cách giữa hai tin (giây)', 'Seconds between two messages'),
};
