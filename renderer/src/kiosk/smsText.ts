// The words of the text-message opt-in (#26), at the kiosk and at the counter. Citizens are
// addressed as "Ông/Bà" or no one.
import { both } from '../common/text.ts';

export const smsText = {
  offer: both('Nhận tin nhắn SMS khi sắp đến lượt', 'Get a text message when your turn is near'),
  purpose: both(
    'Số điện thoại chỉ dùng để nhắn tin báo lượt của phiếu này và được xóa khi hết ngày.',
    'The number is used only to text you about this ticket, and is deleted at the end of the day.',
  ),
  typeNumber: both('Nhập số điện thoại di động', 'Enter your mobile number'),
  erase: both('Xóa', 'Delete'),
  send: both('Đồng ý', 'OK'),
  cancel: both('Bỏ qua', 'Skip'),
  sending: both('Đang lưu…', 'Saving…'),
  willText: both(
    (masked: string) => `Sẽ nhắn tin đến số ${masked} khi sắp đến lượt và khi được mời.`,
    (masked) => `We will text ${masked} when your turn is near and when you are called.`,
  ),
  willTextLater: both(
    (masked: string) =>
      `Đã lưu số ${masked}. Hệ thống nhắn tin đang tạm ngừng: tin nhắn sẽ được gửi khi hoạt động trở lại trong ngày. Ông/Bà vui lòng theo dõi màn hình gọi số.`,
    (masked) =>
      `Your number ${masked} is saved. Text messages are paused: we will text you once they work again today. Please also watch the call screen.`,
  ),
  invalid: both('Số chưa đúng: số di động gồm 10 chữ số, bắt đầu bằng 0.', 'Not a mobile number: 10 digits starting with 0.'),
  failed: both('Chưa lưu được số. Vui lòng thử lại.', 'The number could not be saved. Please try again.'),
  counterTitle: both('Số điện thoại nhận tin nhắn (SMS)', 'Phone number for text messages (SMS)'),
  counterSave: both('Lưu số', 'Save number'),
  counterSaved: both(
    (masked: string) => `Đã lưu: ${masked}`,
    (masked) => `Saved: ${masked}`,
  ),
  counterSavedLater: both(
    (masked: string) => `Đã lưu: ${masked}. Hệ thống nhắn tin đang tạm ngừng: tin nhắn sẽ gửi khi hoạt động trở lại trong ngày.`,
    (masked) => `Saved: ${masked}. Text messages are paused: they go out once they work again today.`,
  ),
};
