// Words of the first steps a new center takes, shown on the overview until they are done (#24).
import { both } from '../common/text.ts';

export const nextStepsText = {
  title: both('Các bước để trung tâm bắt đầu làm việc', 'Steps before the center opens'),
  progress: both(
    (done: number, all: number) => `Đã xong ${done}/${all} bước`,
    (done, all) => `${done} of ${all} steps done`,
  ),
  hide: both('Ẩn danh sách', 'Hide the list'),
  done: both('Đã xong', 'Done'),
  todo: both('Chưa làm', 'To do'),
  center: both('Tên và địa chỉ trung tâm', "The center's name and address"),
  centerHow: both('Cài đặt › Trung tâm: tên in trên phiếu và màn hình sảnh.', 'Settings › Center: the name on tickets and the hall TV.'),
  hours: both('Giờ tiếp nhận', 'Opening hours'),
  hoursHow: both(
    'Cài đặt › Giờ tiếp nhận: kiosk chỉ cấp số trong giờ này.',
    'Settings › Opening hours: the kiosk issues numbers only then.',
  ),
  fields: both('Lĩnh vực', 'Fields'),
  fieldsHow: both(
    'Các lĩnh vực công dân chọn ở kiosk, với dải số của từng lĩnh vực.',
    'The fields citizens choose at the kiosk, each with its number range.',
  ),
  counters: both('Quầy', 'Counters'),
  countersHow: both('Mỗi quầy và các lĩnh vực quầy đó phục vụ.', 'Each counter and the fields it serves.'),
  staff: both('Tài khoản cán bộ', 'Officer accounts'),
  staffHow: both('Cán bộ đăng nhập tại quầy để gọi số.', 'Officers sign in at their counter to call numbers.'),
  devices: both('Ghép nối thiết bị', 'Pair the devices'),
  devicesHow: both(
    'Kiosk, màn hình sảnh, máy đánh giá: tạo mã ghép nối cho từng máy.',
    'Kiosk, hall TV, rating tablets: a pairing code for each.',
  ),
  printer: both('Máy in phiếu', 'Ticket printer'),
  printerHow: both('Thiết bị › kiosk › Máy in: chọn máy in và in thử.', 'Devices › kiosk › Printer: choose it and print a test.'),
  phone: both('Địa chỉ cho điện thoại', 'Address for phones'),
  phoneHow: both(
    'Cài đặt › Trung tâm: địa chỉ máy chủ trên Wi-Fi, để công dân theo dõi số trên điện thoại.',
    "Settings › Center: the hub's Wi-Fi address, so citizens follow their number on their phone.",
  ),
  go: both('Làm bước này', 'Do this step'),
};
