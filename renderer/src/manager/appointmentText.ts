// Every word of the appointments screen, in Vietnamese and English.
import { both } from '../common/text.ts';

export const appointmentText = {
  newAppointment: both('Đặt lịch hẹn', 'Book an appointment'),
  field: both('Lĩnh vực', 'Field'),
  day: both('Ngày', 'Day'),
  from: both('Từ giờ', 'From'),
  to: both('Đến giờ', 'To'),
  priority: both('Vào hàng ưu tiên khi đến', 'Goes to the priority line'),
  priorityShort: both('Ưu tiên', 'Priority'),
  book: both('Tạo lịch hẹn', 'Book'),
  slipTitle: both('GIẤY HẸN', 'APPOINTMENT'),
  window: both(
    (day: string, from: string, to: string) => `Ngày ${day}, từ ${from} đến ${to}`,
    (day, from, to) => `${day}, ${from} to ${to}`,
  ),
  qrAlt: both('Mã QR của lịch hẹn', 'Appointment QR code'),
  slipHowTo: both(
    'Khi đến, quét mã QR này tại máy lấy số để nhận số thứ tự (từ 60 phút trước giờ hẹn).',
    'On arrival, scan this QR at the ticket kiosk to get your number (from 60 minutes before).',
  ),
  print: both('In giấy hẹn', 'Print the slip'),
  close: both('Đóng', 'Close'),
  listTitle: both('Lịch hẹn trong ngày', 'Appointments of the day'),
  none: both('Không có lịch hẹn nào trong ngày này.', 'No appointments on this day.'),
  time: both('Giờ hẹn', 'Time'),
  status: both('Tình trạng', 'Status'),
  booked: both('Chưa đến', 'Not arrived'),
  missed: both('Quá giờ hẹn', 'Missed'),
  checkedIn: both(
    (n: number, at: string) => `Đã lấy số ${n} lúc ${at}`,
    (n, at) => `Took number ${n} at ${at}`,
  ),
  showCode: both('Hiện mã', 'Show code'),
};
