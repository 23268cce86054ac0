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

/** Adds provincial fields until the center has `total`. */
export async function withFields(t: TestHub, total: number): Promise<void> {
  const admin = await t.login('admin');
  const have = (await t.api('fields:list', {}, admin)).length;
  for (let i = 0; i < total - have; i++) {
    const [code, nameVi] = provincialFields[i]!;
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
