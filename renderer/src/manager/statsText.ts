// Words of the statistics page that come in sets: periods, weekdays, figures, export tables.
import type { ExportTable, StatsPreset } from '../../../main/contract/index.ts';
import { both } from '../common/text.ts';

export const presetText: Record<StatsPreset, { vi: string; en: string }> = {
  today: both('Hôm nay', 'Today'),
  week: both('Tuần này', 'This week'),
  month: both('Tháng này', 'This month'),
  quarter: both('Quý này', 'This quarter'),
  year: both('Năm nay', 'This year'),
  custom: both('Tùy chọn', 'Custom'),
};

/** The heatmap's rows, Monday first. */
export const weekdayShort = [
  both('T2', 'Mon'),
  both('T3', 'Tue'),
  both('T4', 'Wed'),
  both('T5', 'Thu'),
  both('T6', 'Fri'),
  both('T7', 'Sat'),
  both('CN', 'Sun'),
];

export const hourHead = both(
  (h: number) => `${h}h`,
  (h) => `${h}h`,
);

/** The figures' column heads, in the tables' order. */
export const figureHeads = [
  both('Số phiếu cấp', 'Tickets issued'),
  both('Số lượt đã phục vụ', 'Served'),
  both('Tỷ lệ vắng mặt', 'No-show rate'),
  both('Chờ TB', 'Avg wait'),
  both('Chờ trung vị', 'Median wait'),
  both('Quá mục tiêu', 'Over target'),
  both('Phục vụ TB', 'Avg service'),
  both('Đánh giá', 'Ratings'),
  both('Hài lòng', 'Satisfied'),
];

export const exportTableText: Record<ExportTable, { vi: string; en: string }> = {
  summary: both('Tổng hợp', 'Summary'),
  fields: both('Theo lĩnh vực', 'By field'),
  officers: both('Theo cán bộ', 'By officer'),
  counters: both('Theo quầy', 'By counter'),
  days: both('Theo ngày', 'By day'),
  hours: both('Theo giờ', 'By hour'),
  ratings: both('Đánh giá', 'Ratings'),
  pauses: both('Tạm dừng quầy', 'Counter pauses'),
  sms: both('Tin nhắn SMS', 'Text messages'),
};

/** The text messages to citizens in the period (#26): counts only, never a phone number. */
export const smsStatsText = {
  title: both('Tin nhắn SMS báo lượt', 'Text messages to citizens'),
  sent: both('Tin nhắn đã gửi', 'Messages sent'),
  // A failure is one of two kinds, mended differently: refused at each try (the line, the SIM, the
  // provider), or never tried again (mostly a text too long for one message: the wording or Kiểu chữ).
  failedRefused: both('Gửi lỗi: bị từ chối', 'Failed: refused'),
  failedRefusedSub: both(
    'Modem hoặc cổng SMS từ chối mọi lần thử (tối đa 4 lần)',
    'Refused by the modem or gateway at every try (4 at most)',
  ),
  failedNoRetry: both('Gửi lỗi: không thử lại', 'Failed: not tried again'),
  failedNoRetrySub: both('Thường do tin dài quá một tin nhắn; không gửi lại', 'Mostly a text too long for one message; never sent again'),
  unknown: both('Không rõ kết quả', 'Outcome unknown'),
  unknownSub: both('Đã chuyển đi, không có xác nhận; không gửi lại', 'Handed over without a verdict; not sent again'),
  dropped: both('Không gửi (không còn cần)', 'Not sent (no longer needed)'),
  pending: both('Đang chờ gửi', 'Waiting to be sent'),
  off: both('Việc gửi tin nhắn đang tắt; số liệu là các tin nhắn trong kỳ.', 'Sending is off; these are the messages of the period.'),
  none: both('Chưa có tin nhắn nào trong kỳ.', 'No messages in this period.'),
};
