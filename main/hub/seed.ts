// The demo center a fresh hub starts with, so a new install can be clicked through at once.
import { z } from 'zod';
import type { Settings } from '../contract/index.ts';
import type { Db } from '../../db/open.ts';
import { insertField } from '../../db/fields.ts';
import { insertCounter } from '../../db/counters.ts';
import { countStaff, insertStaff } from '../../db/staff.ts';
import { insertDevice, setPrinterConfig } from '../../db/devices.ts';
import { defaultPrinterConfig } from '../contract/index.ts';
import { readSettings, writeSettings } from '../../db/settings.ts';
import { defaultSettings } from '../store/settings.ts';
import { hashPassword } from '../base/passwords.ts';
import { demoAccounts } from '../auth/demoAccounts.ts';

const demoFields = [
  { code: 'TP', nameVi: 'Tư pháp – Hộ tịch', nameEn: 'Justice – Civil status', rangeStart: 1001, rangeEnd: 1999, serviceMin: 8 },
  { code: 'DD', nameVi: 'Đất đai', nameEn: 'Land', rangeStart: 2001, rangeEnd: 2999, serviceMin: 15 },
  { code: 'DKKD', nameVi: 'Đăng ký kinh doanh', nameEn: 'Business registration', rangeStart: 3001, rangeEnd: 3999, serviceMin: 12 },
  {
    code: 'LDTBXH',
    nameVi: 'Lao động – Thương binh và Xã hội',
    nameEn: 'Labour, Invalids and Social Affairs',
    rangeStart: 4001,
    rangeEnd: 4999,
    serviceMin: 10,
  },
  { code: 'XD', nameVi: 'Xây dựng', nameEn: 'Construction', rangeStart: 5001, rangeEnd: 5999, serviceMin: 12 },
  { code: 'TKQ', nameVi: 'Trả kết quả', nameEn: 'Result collection', rangeStart: 9001, rangeEnd: 9999, serviceMin: 3 },
];

/** Counter → [field index, weight] in order of preference. */
const demoCounters: [number, [number, number][]][] = [
  [
    1,
    [
      [0, 3],
      [3, 1],
    ],
  ],
  [
    2,
    [
      [0, 3],
      [5, 1],
    ],
  ],
  [
    3,
    [
      [1, 3],
      [4, 1],
    ],
  ],
  [
    4,
    [
      [1, 2],
      [2, 1],
    ],
  ],
  [
    5,
    [
      [2, 3],
      [3, 1],
      [4, 1],
    ],
  ],
  [
    6,
    [
      [5, 3],
      [0, 0],
    ],
  ],
];

export const demoSettings: Settings = {
  ...defaultSettings,
  centerName: 'Trung tâm Phục vụ hành chính công huyện Mỹ Hòa (dữ liệu mẫu)',
  centerNameEn: 'My Hoa District Public Administration Service Center (demo data)',
  address: 'Số 1 đường Hùng Vương, thị trấn Mỹ Hòa',
  // A demo must work whenever someone tries it; a real center turns the hours on.
  openingHours: { ...defaultSettings.openingHours, enforced: false },
  report: {
    agency: 'ỦY BAN NHÂN DÂN HUYỆN MỸ HÒA',
    place: 'Mỹ Hòa',
    symbol: 'TTPVHCC',
    preparedBy: 'Đỗ Minh Tuấn',
    headTitle: 'GIÁM ĐỐC',
    headName: 'Nguyễn Văn An',
    recipients: '- UBND huyện (để báo cáo);\n- Lưu: VT.',
  },
};

const DemoDevices = z.object({ kioskId: z.number(), hallDisplayId: z.number() });
export type DemoDevices = z.infer<typeof DemoDevices>;

/** Seeds the demo center if the database has no staff yet. Returns whether it did. */
export async function seedDemoIfEmpty(db: Db, now: number): Promise<boolean> {
  if (countStaff(db) > 0) return false;
  const hashes = new Map<string, string>();
  for (const a of demoAccounts) if (!hashes.has(a.password)) hashes.set(a.password, await hashPassword(a.password));
  db.transaction(() => {
    if (countStaff(db) > 0) return;
    writeSettings(db, demoSettings);
    const fieldIds = demoFields.map(
      (f, i) =>
        insertField(db, {
          ...f,
          dailyLimit: null,
          targetWaitMin: 30,
          active: true,
          sortOrder: (i + 1) * 10,
        }).id,
    );
    for (const [number, links] of demoCounters) {
      insertCounter(db, {
        number,
        nameVi: `Quầy số ${number}`,
        nameEn: `Counter ${number}`,
        active: true,
        // the demo counters name demo fields by their place in demoFields
        fields: links.map(([fieldIndex, weight]) => ({ fieldId: fieldIds[fieldIndex]!, weight })),
      });
    }
    for (const a of demoAccounts)
      insertStaff(
        db,
        // every demo password was hashed above
        { username: a.username, fullName: a.fullName, role: a.role, active: true, passwordHash: hashes.get(a.password)! },
        now,
      );
    const demo: DemoDevices = {
      kioskId: insertDevice(db, { kind: 'kiosk', name: 'Kiosk sảnh chính', counterId: null }, now),
      hallDisplayId: insertDevice(db, { kind: 'display', name: 'Màn hình sảnh', counterId: null }, now),
    };
    // Dossier receipts (national dossier code, e.g. 000.00.12.H34-231123-0001) go to result collection.
    // demoFields[5] is result collection
    writeSettings(db, { scan: { ...demoSettings.scan, dossierRoutes: [{ match: 'unit', value: '', fieldId: fieldIds[5]! }] } });
    // The demo kiosk prints to `npm run printer:emulate` on this machine (port 9100).
    setPrinterConfig(db, demo.kioskId, defaultPrinterConfig);
    writeSettings(db, { demo });
  }).immediate();
  return true;
}

export function demoDevices(db: Db): DemoDevices | null {
  const demo = DemoDevices.safeParse(readSettings(db).demo);
  return demo.success ? demo.data : null;
}
