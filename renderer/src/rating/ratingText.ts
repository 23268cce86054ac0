// Every word of the rating tablet, in Vietnamese and English.
import { both } from '../common/text.ts';

export const ratingText = {
  deviceKind: both('thiết bị đánh giá', 'rating tablet'),
  counter: both(
    (n: number) => `Quầy số ${n}`,
    (n) => `Counter ${n}`,
  ),
  officer: both(
    (name: string) => `Cán bộ: ${name}`,
    (name) => `Officer: ${name}`,
  ),
  welcome: both('Cảm ơn Quý công dân đã đến làm thủ tục', 'Thank you for coming'),
  askTitle: both('Quý công dân vui lòng đánh giá mức độ hài lòng', 'How satisfied are you with the service?'),
  ticket: both(
    (n: number) => `Số thứ tự ${n}`,
    (n) => `Ticket ${n}`,
  ),
  /** After the lowest level. */
  whatWasWrong: both('Quý công dân chưa hài lòng về điều gì?', 'What were you not satisfied with?'),
  /** After a middle level: nothing was "wrong", something could be better. */
  whatCouldBeBetter: both('Chúng tôi cần làm tốt hơn điều gì?', 'What could we do better?'),
  send: both('Gửi đánh giá', 'Send'),
  addComment: both('Góp ý thêm (không bắt buộc)', 'Add a comment (optional)'),
  commentHint: both('Xin đừng ghi họ tên, số điện thoại hay số giấy tờ.', 'Please do not write names, phone or ID numbers.'),
  thanks: both('Cảm ơn Quý công dân!', 'Thank you!'),
  thanksMore: both('Ý kiến của Quý công dân giúp chúng tôi phục vụ tốt hơn.', 'Your opinion helps us serve you better.'),
  otherLanguage: both('English', 'Tiếng Việt'),
};
