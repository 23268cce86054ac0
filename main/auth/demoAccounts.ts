// The demo center's accounts. Their passwords are published in the README, so the hub refuses them
// for anything but choosing a new password once it is reachable beyond loopback (see access.ts).
import type { StaffRoleName } from '../../db/staff.ts';

export interface DemoAccount {
  username: string;
  password: string;
  role: StaffRoleName;
  fullName: string;
}

export const demoAccounts: DemoAccount[] = [
  { username: 'admin', password: 'motcua-admin', role: 'admin', fullName: 'Quản trị hệ thống' },
  { username: 'quanly', password: 'motcua-quanly', role: 'manager', fullName: 'Đỗ Minh Tuấn' },
  { username: 'canbo1', password: 'motcua-canbo', role: 'officer', fullName: 'Nguyễn Thị Lan' },
  { username: 'canbo2', password: 'motcua-canbo', role: 'officer', fullName: 'Trần Văn Minh' },
  { username: 'canbo3', password: 'motcua-canbo', role: 'officer', fullName: 'Lê Thị Hương' },
  { username: 'canbo4', password: 'motcua-canbo', role: 'officer', fullName: 'Phạm Quốc Bảo' },
  { username: 'canbo5', password: 'motcua-canbo', role: 'officer', fullName: 'Hoàng Thu Trang' },
  { username: 'canbo6', password: 'motcua-canbo', role: 'officer', fullName: 'Vũ Đức Anh' },
];
