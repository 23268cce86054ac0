// Every word of the "Thu âm giọng đọc" screen, in Vietnamese and English.
import { both } from '../common/text.ts';

export const voiceText = {
  tab: both('Thu âm giọng đọc', 'Voice recording'),
  intro: both(
    'Thu giọng của trung tâm cho câu gọi số và máy lấy số: đọc rõ từng câu, từng từ vào micrô. Câu chưa thu sẽ được đọc bằng giọng máy có sẵn.',
    "Record the center's own voice for the call and the kiosk: say each phrase and word clearly into the microphone. What is not recorded is said by the built-in voice.",
  ),
  progress: both(
    (done: number, total: number) => `${done}/${total} đã thu`,
    (done: number, total: number) => `${done}/${total} recorded`,
  ),
  useOwn: both('Dùng giọng đọc của trung tâm trên màn hình sảnh', "Use the center's voice on the hall displays"),
  inUse: both('Đang dùng giọng của trung tâm', "The center's voice is in use"),
  notInUse: both('Đang dùng giọng máy có sẵn', 'The built-in voice is in use'),
  groups: {
    phrase: both('Câu gọi số', 'The call sentence'),
    number: both('Số đếm', 'Numbers'),
    field: both('Tên lĩnh vực (máy lấy số đọc)', 'Field names (read by the kiosk)'),
    kiosk: both('Câu hướng dẫn ở máy lấy số', "The kiosk's spoken guidance"),
  },
  recorded: both(
    (s: string) => `Đã thu · ${s} giây`,
    (s: string) => `Recorded · ${s} s`,
  ),
  missing: both('Chưa thu', 'Not recorded'),
  record: both('Thu', 'Record'),
  recordAgain: both('Thu lại', 'Record again'),
  stop: both('Dừng', 'Stop'),
  listen: both('Nghe', 'Listen'),
  remove: both('Xóa', 'Delete'),
  removeTitle: both(
    (key: string) => `Xóa bản thu “${key}”?`,
    (key: string) => `Delete the take “${key}”?`,
  ),
  removeExplain: both(
    'Bản thu sẽ bị xóa hẳn, không lấy lại được. Câu này sẽ được đọc bằng giọng máy có sẵn cho đến khi thu lại; nếu máy lấy số cần câu này, máy sẽ tắt "Hướng dẫn bằng giọng nói" cho đến khi thu lại.',
    'The take is deleted for good. The built-in voice says this clip until it is recorded again; if the kiosks need it, they stop offering "Voice guidance" until then.',
  ),
  removeConfirm: both('Xóa bản thu', 'Delete the take'),
  keep: both('Giữ lại', 'Keep it'),
  saving: both('Đang lưu…', 'Saving…'),
  recording: both('Đang thu… đọc rồi bấm Dừng', 'Recording… speak, then press Stop'),
  recordingFor: both(
    (s: string, max: string) => `Đang thu… ${s} giây (tự dừng sau ${max} giây)`,
    (s: string, max: string) => `Recording… ${s} s (stops by itself after ${max} s)`,
  ),
  recordKey: both('Thu (phím cách)', 'Record (space bar)'),
  recordAgainKey: both('Thu lại (phím cách)', 'Record again (space bar)'),
  stopKey: both('Dừng (phím cách)', 'Stop (space bar)'),
  howTo: both(
    'Đọc câu trên một lần, rõ và tự nhiên như khi gọi công dân, rồi dừng. Bản thu được lưu ngay, khoảng lặng hai đầu được cắt; bấm Nghe để kiểm tra, chưa đạt thì thu lại. Sau đó màn hình chuyển sang câu chưa thu tiếp theo.',
    'Say the text above once, clearly and naturally as when calling a citizen, then stop. The take is kept at once, its silences trimmed; press Listen to check it and record again if needed. The screen then moves on to the next clip not recorded.',
  ),
  allRecorded: both(
    'Đã thu đủ mọi câu. Hãy nghe thử một lần gọi số, rồi bật "Dùng giọng đọc của trung tâm".',
    'Every clip is recorded. Listen to a call, then turn on "Use the center\'s voice".',
  ),
  kioskSpeaks: both('Máy lấy số đang có "Hướng dẫn bằng giọng nói".', 'The kiosks offer "Voice guidance".'),
  kioskSpeaksOnePage: both(
    'Máy lấy số có "Hướng dẫn bằng giọng nói" khi các lĩnh vực vừa một trang. Máy chia trang (màn hình ngang, chữ lớn, nhiều lĩnh vực) còn cần các câu "Trang sau", "Trang trước" và số trang.',
    'The kiosks offer "Voice guidance" while their fields fit one page. A kiosk that pages (landscape, large text, many fields) also needs "Next page", "Previous page" and the page numbers.',
  ),
  kioskMissing: both(
    'Máy lấy số chưa có "Hướng dẫn bằng giọng nói": còn câu nó cần đọc chưa thu (tên lĩnh vực mới hoặc vừa đổi tên, số đếm, câu hướng dẫn).',
    'The kiosks do not offer "Voice guidance" yet: a clip they need is not recorded (a new or renamed field, a number word, a guidance phrase).',
  ),
  kioskNotInUse: both(
    'Máy lấy số chỉ có "Hướng dẫn bằng giọng nói" khi đã thu đủ các câu nó cần và giọng của trung tâm đang được dùng.',
    'The kiosks offer "Voice guidance" only once every clip they need is recorded and the center\'s voice is in use.',
  ),
  sampleTitle: both('Nghe thử một lần gọi số', 'Listen to a whole call'),
  sampleNumber: both('Số thứ tự', 'Ticket number'),
  sampleCounter: both('Quầy', 'Counter'),
  samplePlay: both('Nghe thử', 'Listen'),
  noMicrophone: both(
    'Không mở được micrô: hãy cắm micrô và cho phép trang này dùng micrô.',
    'The microphone cannot be opened: plug one in and allow this page to use it.',
  ),
};
