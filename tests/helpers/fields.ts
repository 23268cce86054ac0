// A provincial center's fields beyond the six of the demo (names as centers write them), for
// screens that must hold 15 to 30 fields.
import type { TestHub } from './hub.ts';

export const provincialFields = [
  ['TNMT', 'Tài nguyên và Môi trường'],
  ['GTVT', 'Giao thông vận tải'],
  ['YT', 'Y tế'],
  ['GDDT', 'Giáo dục và Đào tạo'],
  ['VHTT', 'Văn hóa, Thể thao và Du lịch'],
  ['NN', 'Nông nghiệp và Phát triển nông thôn'],
  ['CT', 'Công Thương'],
  ['KHDT', 'Kế hoạch và Đầu tư'],
  ['TC', 'Tài chính'],
  ['NV', 'Nội vụ'],
  ['TTTT', 'Thông tin và Truyền thông'],
  ['KHCN', 'Khoa học và Công nghệ'],
  ['DT', 'Dân tộc'],
  ['TTR', 'Thanh tra'],
  ['BHXH', 'Bảo hiểm xã hội'],
  ['THUE', 'Thuế'],
  ['CA', 'Công an – Cư trú'],
  ['DDK', 'Điện lực – Cấp nước'],
  ['NH', 'Ngân hàng chính sách xã hội'],
  ['KBNN', 'Kho bạc Nhà nước'],
  ['QS', 'Quân sự'],
  ['LS', 'Lâm nghiệp'],
  ['TS', 'Thủy sản'],
  ['CC', 'Công chứng, chứng thực'],
] as const;

/** The same fields under the long names of the procedure groups centers actually display (#24). */
export const longFieldNames: readonly string[] = [
  'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
  'Cấp giấy chứng nhận quyền sử dụng đất lần đầu',
  'Chứng thực bản sao từ bản chính, chữ ký, hợp đồng, giao dịch',
  'Đăng ký khai sinh, kết hôn, khai tử và thay đổi, cải chính hộ tịch',
  'Cấp giấy phép xây dựng nhà ở riêng lẻ',
  'Đăng ký thành lập hộ kinh doanh, hợp tác xã',
  'Giải quyết chế độ, chính sách người có công với cách mạng',
  'Bảo trợ xã hội, trợ cấp cho người cao tuổi, người khuyết tật',
  'Thẩm định thiết kế cơ sở và dự án đầu tư xây dựng công trình',
  'Cấp, đổi, cấp lại giấy phép lái xe',
  'Đăng ký, cấp biển số phương tiện giao thông đường thủy nội địa',
  'Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
  'Chuyển mục đích sử dụng đất, gia hạn, thu hồi đất',
  'Cấp giấy phép kinh doanh bán lẻ rượu, sản phẩm thuốc lá',
  'Tiếp nhận khiếu nại, tố cáo, kiến nghị, phản ánh',
  'Cấp giấy phép khai thác, sử dụng tài nguyên nước, xả thải vào nguồn nước',
  'Đăng ký thường trú, tạm trú, xác nhận thông tin về cư trú',
  'Cấp, gia hạn, cấp lại giấy phép lao động cho người nước ngoài',
  'Cấp giấy chứng nhận đăng ký đầu tư, điều chỉnh dự án đầu tư',
  'Thẩm định, phê duyệt báo cáo đánh giá tác động môi trường',
  'Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh, hành nghề dược',
  'Cho phép thành lập, hoạt động cơ sở giáo dục mầm non, phổ thông',
  'Cấp giấy phép tổ chức lễ hội, biểu diễn nghệ thuật, quảng cáo',
  'Hỗ trợ doanh nghiệp nhỏ và vừa, khởi nghiệp đổi mới sáng tạo',
];

/** Adds provincial fields until the center has `total` (with `long`, under their long names). */
export async function withFields(t: TestHub, total: number, opts: { long?: boolean } = {}): Promise<void> {
  const admin = await t.login('admin');
  const have = (await t.api('fields:list', {}, admin)).length;
  for (let i = 0; i < total - have; i++) {
    const [code, shortName] = provincialFields[i]!;
    const nameVi = opts.long ? longFieldNames[i]! : shortName;
    await t.api(
      'fields:create',
      {
        code,
        nameVi,
        nameEn: `Field ${code}`,
        rangeStart: 10_000 + i * 1000,
        rangeEnd: 10_999 + i * 1000,
        dailyLimit: null,
        targetWaitMin: 20,
        serviceMin: 10,
        active: true,
        sortOrder: 100 + i,
      },
      admin,
    );
  }
}
