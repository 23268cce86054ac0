// Words of the hall and counter TVs. The hall speaks to citizens in Vietnamese only; the English
// column is for support staff reading the code and for a future bilingual hall.
import { both } from '../common/text.ts';

export const displayText = {
  nowCalling: both('MỜI CÔNG DÂN CÓ SỐ', 'NOW CALLING'),
  noCalls: both('Chưa có lượt gọi', 'No calls yet'),
  recentCalls: both('Lượt gọi gần đây', 'Latest calls'),
  waiting: both('Đang chờ', 'Waiting'),
  counter: both(
    (n: number) => `Quầy ${n}`,
    (n) => `Counter ${n}`,
  ),
  /** On the newest call when several were made within seconds of each other. */
  newest: both('MỚI GỌI', 'JUST CALLED'),
  /** The counter TV: its title before the hub says the counter's name, and its states. */
  counterTitle: both(
    (n: number) => `QUẦY SỐ ${n}`,
    (n) => `COUNTER ${n}`,
  ),
  counterClosed: both('Quầy đang đóng', 'Counter closed'),
  counterPaused: both('Quầy tạm dừng', 'Counter paused'),
  serving: both('ĐANG PHỤC VỤ SỐ', 'NOW SERVING'),
  calling: both('MỜI SỐ', 'NOW CALLING'),
  counterWaiting: both('Xin mời chờ', 'Please wait'),
  /** What the pairing form calls each screen. */
  hallDisplayKind: both('màn hình', 'display'),
  counterDisplayKind: both('màn hình quầy', 'counter display'),
  /** The waiting lines shown in turns when they do not fit at once. */
  pageOf: both(
    (page: number, pages: number) => `Trang ${page}/${pages}`,
    (page, pages) => `Page ${page} of ${pages}`,
  ),
  /** Sound blocked by the browser until someone acts: on a touch screen. */
  touchForSound: both('Chạm vào màn hình để bật âm thanh gọi số', 'Touch the screen to turn on the call sound'),
  /** …on a TV or PC without touch: a remote's OK key, a keyboard or a mouse click does it. */
  keyForSound: both(
    'Nhấn phím OK trên điều khiển, một phím bất kỳ trên bàn phím hoặc bấm chuột để bật âm thanh gọi số',
    'Press OK on the remote, any key on the keyboard or click to turn on the call sound',
  ),
} as const;
