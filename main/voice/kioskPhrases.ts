// The kiosk's clip list: the phrases the speaking kiosk ("Hướng dẫn bằng giọng nói", issue #26
// part 2) says in the center's recorded voice, besides the field names and the ticket's number.
// The recording screen ("Thu âm giọng đọc") lists them for the staff to record, so the kiosk owns
// this list and the voice module reads it. Keys are clipKey()s: write them as they are said.
export { clipKey } from './clipKey.ts';

export const KIOSK_PHRASES: readonly string[] = [
  'có',
  'lĩnh vực',
  'chạm vào lĩnh vực để nghe tên',
  'chạm lần nữa để lấy số',
  'số của ông bà là',
  'xin mời chờ',
  'tạm ngừng nhận số',
];
