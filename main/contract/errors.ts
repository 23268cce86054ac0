// The one error shape on the wire: a stable code, an HTTP status, and the message in
// Vietnamese first and English second. Renderers look messages up by code, so this table is
// the only place the wording lives.

export interface ErrorInfo {
  readonly status: number;
  readonly vi: string;
  readonly en: string;
}

export const errorCatalog = {
  BAD_JSON: { status: 400, vi: 'Dữ liệu gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  VALIDATION: { status: 400, vi: 'Dữ liệu không hợp lệ.', en: 'The request is not valid.' },
  VOICE_WORDS_MISSING: {
    status: 400,
    vi: 'Câu gọi số có từ mà bộ giọng đọc không đọc được.',
    en: 'The call sentence has words the voice pack cannot say.',
  },
  VOICE_CLIP_UNREADABLE: {
    status: 400,
    vi: 'Không đọc được bản thu: cần tệp WAV PCM 16 bit. Hãy thu lại.',
    en: 'The recording cannot be read: a 16-bit PCM WAV file is needed. Record it again.',
  },
  VOICE_CLIP_SILENT: {
    status: 400,
    vi: 'Bản thu không có tiếng nói: hãy kiểm tra micrô rồi thu lại.',
    en: 'No speech in the recording: check the microphone and record again.',
  },
  VOICE_CLIP_TOO_LONG: {
    status: 400,
    vi: 'Bản thu dài quá 10 giây: hãy đọc ngắn gọn rồi thu lại.',
    en: 'The recording is longer than 10 seconds: say it briefly and record again.',
  },
  VOICE_CLIP_NOT_NEEDED: {
    status: 400,
    vi: 'Câu gọi số và máy lấy số không dùng câu này: không cần thu.',
    en: 'Neither the call nor the kiosk says this: there is nothing to record.',
  },
  VOICE_PACK_UNKNOWN: { status: 400, vi: 'Không có bộ giọng đọc này trên máy chủ.', en: 'This hub has no such voice pack.' },
  SPEAKER_NOT_A_DISPLAY: {
    status: 400,
    vi: 'Màn hình phát tiếng phải là một màn hình sảnh đã ghép nối.',
    en: 'The speaking screen must be a paired hall display.',
  },
  BODY_TOO_LARGE: { status: 413, vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request body is too large.' },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy địa chỉ này.', en: 'No such endpoint.' },
  METHOD_NOT_ALLOWED: { status: 405, vi: 'Phương thức không được hỗ trợ.', en: 'Method not allowed.' },
  UNAUTHENTICATED: { status: 401, vi: 'Vui lòng đăng nhập hoặc ghép nối thiết bị.', en: 'Sign in or pair this device first.' },
  FORBIDDEN: {
    status: 403,
    vi: 'Tài khoản hoặc thiết bị này không có quyền thực hiện thao tác này.',
    en: 'This account or device is not allowed to do this.',
  },
  BAD_CREDENTIALS: { status: 401, vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
  TOO_MANY_ATTEMPTS: { status: 429, vi: 'Thử quá nhiều lần. Vui lòng đợi rồi thử lại.', en: 'Too many attempts. Wait and try again.' },
  PAIRING_CODE_INVALID: { status: 400, vi: 'Mã ghép nối không đúng hoặc đã hết hạn.', en: 'The pairing code is wrong or has expired.' },
  FIELD_NOT_FOUND: { status: 404, vi: 'Không tìm thấy lĩnh vực.', en: 'No such field.' },
  FIELD_INACTIVE: { status: 409, vi: 'Lĩnh vực này đang tạm ngừng tiếp nhận.', en: 'This field is not taking tickets now.' },
  FIELD_FULL: { status: 409, vi: 'Lĩnh vực này đã hết số thứ tự trong ngày.', en: 'This field has no more tickets today.' },
  OUTSIDE_HOURS: {
    status: 409,
    vi: 'Ngoài giờ làm việc. Vui lòng quay lại trong giờ tiếp nhận.',
    en: 'Outside opening hours. Please come back during opening hours.',
  },
  TICKET_NOT_FOUND: { status: 404, vi: 'Không tìm thấy số thứ tự.', en: 'No such ticket.' },
  TICKET_WRONG_STATE: {
    status: 409,
    vi: 'Số thứ tự không ở trạng thái cho phép thao tác này.',
    en: 'The ticket is not in a state that allows this.',
  },
  TICKET_NOT_AT_COUNTER: { status: 403, vi: 'Số thứ tự này không thuộc quầy của bạn.', en: 'This ticket is not at your counter.' },
  COUNTER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy quầy.', en: 'No such counter.' },
  TICKET_EXPIRED: {
    status: 410,
    vi: 'Số thứ tự này thuộc một ngày đã qua.',
    en: 'This ticket was for another day.',
  },
  DEVICE_NEEDS_COUNTER: {
    status: 400,
    vi: 'Thiết bị đánh giá và màn hình quầy phải gắn với một quầy.',
    en: 'A rating tablet or a counter display belongs to a counter: choose one.',
  },
  PRINT_TEST_ON_KIOSK: {
    status: 409,
    vi: 'Máy in này do ứng dụng kiosk điều khiển: hãy in thử ngay trên kiosk (màn hình quản trị của kiosk).',
    en: "The kiosk app drives this printer: print a test from the kiosk's admin screen.",
  },
  PRINT_MAY_STILL_PRINT: {
    status: 409,
    vi: 'Phiếu có thể vẫn đang được in — vui lòng chờ. Chỉ in lại khi chắc chắn phiếu không ra.',
    en: 'The ticket may still be printing — please wait. Reprint only once it is certain it did not come out.',
  },
  COUNTER_CLOSED: { status: 409, vi: 'Quầy này đã đóng.', en: 'This counter is already closed.' },
  COUNTER_INACTIVE: { status: 409, vi: 'Quầy này đang ngừng hoạt động.', en: 'This counter is not in use.' },
  COUNTER_TAKEN: { status: 409, vi: 'Quầy này đang có cán bộ khác làm việc.', en: 'Another officer is working at this counter.' },
  NOT_AT_COUNTER: { status: 409, vi: 'Vui lòng chọn quầy làm việc trước.', en: 'Choose your counter first.' },
  COUNTER_PAUSED: {
    status: 409,
    vi: 'Quầy đang tạm dừng. Hãy tiếp tục làm việc trước khi gọi số.',
    en: 'The counter is paused. Resume before calling.',
  },
  ALREADY_SERVING: {
    status: 409,
    vi: 'Quầy đang phục vụ một số thứ tự. Hãy kết thúc, chuyển hoặc đánh dấu vắng mặt số đó trước.',
    en: 'The counter is serving a ticket. Finish, transfer or mark it absent first.',
  },
  QUEUE_EMPTY: { status: 409, vi: 'Không còn công dân chờ tại quầy này.', en: 'Nobody is waiting for this counter.' },
  TRANSFER_TARGET_INVALID: {
    status: 400,
    vi: 'Hãy chọn một lĩnh vực hoặc một quầy khác để chuyển.',
    en: 'Choose another field or counter to transfer to.',
  },
  SCAN_UNKNOWN: {
    status: 422,
    vi: 'Không nhận ra mã vừa quét. Vui lòng quét căn cước công dân, giấy hẹn hoặc phiếu số thứ tự.',
    en: 'This code is not recognised. Scan a chip ID card, an appointment or a ticket.',
  },
  CCCD_DATE_INVALID: {
    status: 422,
    vi: 'Ngày sinh hoặc ngày cấp trên căn cước không hợp lệ. Vui lòng quét lại, hoặc chọn lĩnh vực trên màn hình.',
    en: 'The birth or issue date on this ID card is not possible. Scan it again, or choose a service on the screen.',
  },
  SCAN_NEEDS_FIELD: { status: 400, vi: 'Vui lòng chọn lĩnh vực.', en: 'Please choose a service.' },
  PERSON_DAILY_LIMIT: {
    status: 409,
    vi: 'Ông/Bà đã lấy đủ số lượt cho phép trong ngày.',
    en: 'You have taken the most tickets allowed today.',
  },
  APPOINTMENT_INVALID: { status: 400, vi: 'Mã lịch hẹn không hợp lệ.', en: 'This appointment code is not valid.' },
  APPOINTMENT_EXPIRED: { status: 409, vi: 'Lịch hẹn đã hết hạn.', en: 'This appointment has expired.' },
  APPOINTMENT_TOO_EARLY: {
    status: 409,
    vi: 'Chưa đến giờ hẹn. Vui lòng quay lại trước giờ hẹn không quá 60 phút, hoặc lấy số thường.',
    en: 'Too early for this appointment. Come back within 60 minutes of its time, or take an ordinary ticket.',
  },
  APPOINTMENT_IN_PAST: { status: 400, vi: 'Khung giờ hẹn đã qua.', en: 'This time window has already passed.' },
  APPOINTMENT_USED: { status: 409, vi: 'Lịch hẹn này đã được dùng để lấy số.', en: 'This appointment has already been used.' },
  ALREADY_RATED: {
    status: 409,
    vi: 'Số thứ tự này đã được đánh giá. Cảm ơn quý công dân!',
    en: 'This ticket has already been rated. Thank you!',
  },
  CONFLICT: { status: 409, vi: 'Dữ liệu trùng với mục đã có.', en: 'This conflicts with an existing entry.' },
  RANGE_OVERLAP: {
    status: 409,
    vi: 'Dải số thứ tự trùng với dải của một lĩnh vực đang hoạt động. Hai công dân sẽ cầm cùng một số.',
    en: "The ticket range overlaps an active field's range: two citizens would hold the same number.",
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    vi: 'Tài khoản đang dùng mật khẩu mẫu. Vui lòng đổi mật khẩu trước khi làm việc.',
    en: 'This account uses a published demo password. Change it before you continue.',
  },
  PASSWORD_TOO_WEAK: {
    status: 400,
    vi: 'Mật khẩu mới phải khác mật khẩu cũ và khác các mật khẩu mẫu.',
    en: 'The new password must differ from the old one and from the demo passwords.',
  },
  SETUP_CODE_INVALID: {
    status: 400,
    vi: 'Mã thiết lập không đúng. Mã được in ra khi máy chủ khởi động.',
    en: 'Wrong setup code. The server prints it when it starts.',
  },
  SETUP_DONE: { status: 409, vi: 'Hệ thống đã được thiết lập. Vui lòng đăng nhập.', en: 'This system is already set up. Please sign in.' },
  RATE_LIMITED: {
    status: 429,
    vi: 'Thiết bị gửi quá nhiều yêu cầu. Vui lòng thử lại sau giây lát.',
    en: 'Too many requests from this device. Try again in a moment.',
  },
  STAFF_NOT_FOUND: { status: 404, vi: 'Không tìm thấy cán bộ.', en: 'No such staff member.' },
  DEVICE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy thiết bị.', en: 'No such device.' },
  LAST_ADMIN: { status: 409, vi: 'Phải còn ít nhất một quản trị viên hoạt động.', en: 'At least one active admin must remain.' },
  EXPORT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy tệp xuất báo cáo (có thể đã hết hạn). Vui lòng xuất lại.',
    en: 'No such export (it may have expired). Export again.',
  },
  EXPORT_NOT_READY: { status: 409, vi: 'Báo cáo đang được tạo. Vui lòng đợi.', en: 'The export is still being made. Please wait.' },
  BACKUP_FAILED: { status: 500, vi: 'Sao lưu không thành công.', en: 'The backup failed.' },
  PUSH_GAP: {
    status: 409,
    vi: 'Dữ liệu gửi lên không nối tiếp phần đã nhận. Hãy gửi tiếp từ sau số thứ tự đã được xác nhận.',
    en: 'This batch does not follow what was acknowledged. Resend from the acknowledged sequence.',
  },
  JOURNAL_DIVERGED: {
    status: 409,
    vi: 'Dữ liệu trung tâm gửi lên khác với dữ liệu tỉnh đã nhận ở cùng số thứ tự (máy chủ trung tâm được khôi phục từ bản sao lưu?). Tỉnh không ghi đè; hãy liên hệ Trung tâm tỉnh.',
    en: 'The center sent different events under sequences the province already holds (was the hub restored from a backup?). Nothing was overwritten; contact the province.',
  },
  EVENT_TIME_OUT_OF_RANGE: {
    status: 400,
    vi: 'Có sự kiện mang thời điểm không thể có (trước năm 2024 hoặc sau thời điểm hiện tại hơn một ngày): hãy kiểm tra đồng hồ của máy chủ trung tâm. Tỉnh không nhận lô này.',
    en: 'An event carries a time that cannot be real (before 2024 or more than a day ahead): check the center server’s clock. The province refused this batch.',
  },
  SITE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy điểm giao dịch.', en: 'No such site.' },
  CATALOGUE_CHANGED: {
    status: 409,
    vi: 'Tỉnh vừa ban hành danh mục mới. Vui lòng xem lại các thay đổi trước khi áp dụng.',
    en: 'The province has just published a newer catalogue. Review the changes before accepting.',
  },
  // 424: the request was fine; the province it depends on did not answer (never a 5xx: the hub is well).
  PROVINCE_UNREACHABLE: {
    status: 424,
    vi: 'Không kết nối được tới máy chủ của tỉnh. Kiểm tra địa chỉ và mạng.',
    en: 'The province server cannot be reached. Check the address and the network.',
  },
  // 503: the hub is up and will take the request again by itself once its disk takes writes.
  STORAGE_UNAVAILABLE: {
    status: 503,
    vi: 'Hệ thống tạm ngừng cấp số thứ tự trong ít phút. Ông/Bà vui lòng chờ một lát rồi thử lại, hoặc liên hệ cán bộ hướng dẫn tại sảnh để được hỗ trợ.',
    en: 'Tickets are paused for a few minutes. Please wait a moment and try again, or ask a staff member in the hall for help.',
  },
  // 503: the province server is up, its PostgreSQL is not; it reconnects by itself and hubs send again.
  PROVINCE_STORAGE_UNAVAILABLE: {
    status: 503,
    vi: 'Máy chủ tỉnh tạm thời không kết nối được cơ sở dữ liệu. Hệ thống đang tự kết nối lại; vui lòng thử lại sau ít phút. Dữ liệu của các trung tâm không bị mất: các trung tâm sẽ tự gửi lại.',
    en: 'The province server cannot reach its database right now. It is reconnecting by itself; try again in a few minutes. No center data is lost: the centers send it again by themselves.',
  },
  PHONE_INVALID: {
    status: 400,
    vi: 'Số điện thoại chưa đúng. Vui lòng nhập số di động gồm 10 chữ số, bắt đầu bằng 0.',
    en: 'This phone number is not valid. Enter a 10-digit mobile number starting with 0.',
  },
  SMS_OFF: { status: 409, vi: 'Trung tâm chưa bật gửi tin nhắn SMS.', en: 'This center does not send text messages.' },
  // 503: the disk under the hub's data folder takes no writes (full, read-only); the ticket itself stands.
  SMS_NUMBER_NOT_SAVED: {
    status: 503,
    vi: 'Chưa lưu được số điện thoại vì máy chủ tạm thời không ghi được dữ liệu. Số thứ tự của Ông/Bà vẫn giữ nguyên; vui lòng theo dõi màn hình và loa gọi số.',
    en: 'The phone number could not be saved: the server cannot store data right now. Your ticket stands; please watch the screens and listen for your number.',
  },
  VOICE_CLIP_NOT_SAVED: {
    status: 503,
    vi: 'Máy chủ không ghi được vào ổ đĩa dữ liệu (đầy hoặc chỉ cho đọc), nên thay đổi bản thu chưa được lưu. Các bản thu đã có vẫn giữ nguyên. Hãy giải phóng ổ đĩa rồi thử lại.',
    en: 'The server cannot write to its data disk (full or read-only), so the recording was not changed. The clips already recorded are kept. Free the disk, then try again.',
  },
  // 503: the clip was written (or removed); only the journal's note that tells the screens was refused.
  VOICE_CLIP_SAVED_NOT_ANNOUNCED: {
    status: 503,
    vi: 'Thay đổi bản thu đã được lưu. Máy chủ tạm thời không ghi được vào ổ đĩa dữ liệu (đầy hoặc chỉ cho đọc), nên loa gọi số và các kiosk sẽ dùng bản thu mới khi ổ đĩa ghi được trở lại, không cần thu lại.',
    en: 'The recording change is saved. The server cannot write to its data disk right now (full or read-only), so the hall and the kiosks will use it once the disk takes writes again; no need to record it again.',
  },
  INTERNAL: { status: 500, vi: 'Lỗi hệ thống. Vui lòng thử lại.', en: 'Internal error. Please try again.' },
} as const satisfies Record<string, ErrorInfo>;

export type ErrorCode = keyof typeof errorCatalog;

/**
 * The codes a citizen can meet: on the kiosk, the rating tablet and the phone page. Their
 * Vietnamese addresses the citizen as "Ông/Bà" or no one, never "bạn" (tests/spelling.test.ts);
 * officers' messages keep their everyday wording.
 */
export const citizenFacingCodes = [
  'BAD_JSON',
  'VALIDATION',
  'FORBIDDEN',
  'FIELD_NOT_FOUND',
  'FIELD_INACTIVE',
  'FIELD_FULL',
  'OUTSIDE_HOURS',
  'TICKET_NOT_FOUND',
  'TICKET_EXPIRED',
  'PRINT_MAY_STILL_PRINT',
  'SCAN_UNKNOWN',
  'CCCD_DATE_INVALID',
  'SCAN_NEEDS_FIELD',
  'PERSON_DAILY_LIMIT',
  'APPOINTMENT_INVALID',
  'APPOINTMENT_EXPIRED',
  'APPOINTMENT_TOO_EARLY',
  'APPOINTMENT_USED',
  'ALREADY_RATED',
  'RATE_LIMITED',
  'STORAGE_UNAVAILABLE',
  'PHONE_INVALID',
  'SMS_OFF',
  'SMS_NUMBER_NOT_SAVED',
  'INTERNAL',
] as const satisfies readonly ErrorCode[];

/** What every failed request returns. `details` carries validation issues, never personal data. */
export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    messageEn: string;
    details?: unknown;
  };
}

export function errorBody(code: ErrorCode, details?: unknown): ApiErrorBody {
  const info = errorCatalog[code];
  return { error: { code, message: info.vi, messageEn: info.en, ...(details === undefined ? {} : { details }) } };
}
