// The kiosk's clip list: the phrases the speaking kiosk ("Hướng dẫn bằng giọng nói", issue #26
// part 2) says in the center's recorded voice, besides the field names and the ticket's number.
// The recording screen ("Thu âm giọng đọc") lists them for the staff to record, so the kiosk owns
// this list and the voice module reads it. Keys are clipKey()s: write them as they are said.
export { clipKey } from './clipKey.ts';

/**
 * What the paging buttons say ("Trang sau" / "Trang trước"), and a page on arrival: "trang hai trên
 * tổng số ba trang, có mười hai lĩnh vực". Needed only by a kiosk whose fields take more than one
 * page, which the kiosk alone knows (its orientation, text size, the names' lengths): listed for
 * every center, so that one can be recorded, and asked for only by a kiosk that pages.
 */
export const KIOSK_PAGING_PHRASES: readonly string[] = [
  'trang sau',
  'trang trước',
  'đang ở',
  'trang',
  'trên tổng số',
  'chạm lần nữa để sang trang',
];

export const KIOSK_PHRASES: readonly string[] = [
  'có',
  'lĩnh vực',
  'chạm vào lĩnh vực để nghe tên',
  'chạm lần nữa để lấy số',
  'số của ông bà là',
  'xin mời chờ',
  'tạm ngừng nhận số',
  // The priority queue in the offer and on its button's touches (blind and disabled citizens are entitled to it).
  'người cao tuổi',
  'người khuyết tật',
  'phụ nữ mang thai',
  'chạm vào nút đối tượng ưu tiên ở cuối màn hình',
  'đối tượng ưu tiên',
  'chạm lần nữa để chọn',
  'chạm lần nữa để bỏ chọn',
  'đã chọn đối tượng ưu tiên',
  'đã bỏ chọn đối tượng ưu tiên',
  'xin mời chọn lĩnh vực',
  ...KIOSK_PAGING_PHRASES,
];
