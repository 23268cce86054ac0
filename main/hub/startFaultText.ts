// What every screen's page says while the hub cannot start for its disk (a full or read-only data
// folder at start: main/hub/startPatiently.ts). Vietnamese first; the same words as the manager's
// disk-fault alert, but nothing is served yet: the screens come back by themselves.
import type { StorageFault } from '../../db/open.ts';

interface Words {
  vi: string;
  en: string;
}

export const startFaultText: {
  title: Words;
  citizen: Words;
  kind: Record<StorageFault, Words>;
  retrying: Words;
} = {
  title: { vi: 'Hệ thống tạm ngừng hoạt động', en: 'The system is paused' },
  citizen: {
    vi: 'Ông/Bà vui lòng chờ một lát hoặc liên hệ cán bộ hướng dẫn tại sảnh để được hỗ trợ.',
    en: 'Please wait a moment, or ask a staff member in the hall for help.',
  },
  kind: {
    full: {
      vi: 'Ổ đĩa chứa dữ liệu đã đầy nên máy chủ chưa khởi động được. Hãy giải phóng dung lượng (chép các bản sao lưu cũ ra nơi khác).',
      en: 'The data disk is full, so the server cannot start. Free some space (move old backups elsewhere).',
    },
    readonly: {
      vi: 'Ổ đĩa chứa dữ liệu không ghi được (chỉ cho đọc) nên máy chủ chưa khởi động được. Hãy báo bộ phận kỹ thuật kiểm tra ổ đĩa.',
      en: 'The data disk takes no writes (read-only), so the server cannot start. Ask IT to check the disk.',
    },
    io: {
      vi: 'Ổ đĩa chứa dữ liệu không ghi được (lỗi ghi) nên máy chủ chưa khởi động được. Hãy báo bộ phận kỹ thuật kiểm tra ổ đĩa.',
      en: 'The data disk takes no writes (write errors), so the server cannot start. Ask IT to check the disk.',
    },
  },
  retrying: {
    vi: 'Máy chủ tự thử lại vài giây một lần và tự hoạt động lại khi ổ đĩa ghi được, không cần khởi động lại máy; trang này tự tải lại.',
    en: 'The server tries again every few seconds and resumes by itself once the disk takes writes, with no restart; this page reloads by itself.',
  },
};
