// `npm run seed:year -- [--data DIR] [--tickets N] [--end YYYY-MM-DD]`: writes a sample year of a
// large center into its own data folder (never the live one), for benchmarks and for trying the
// statistics: `npm run hub -- --data DIR`, then sign in as quanly / motcua-quanly. The year is in the
// journal too (written with the tickets), so linking this center to a province sends it the year.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, setBulkLoading } from '../db/open.ts';
import { countStaff } from '../db/staff.ts';
import { seedSampleYear } from './sampleYear.ts';
import { Journal } from '../main/store/journal.ts';
import { SettingsStore } from '../main/store/settings.ts';
import { StatsService, journalSummaryStore } from '../main/reports/stats.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { data: { type: 'string' }, tickets: { type: 'string' }, end: { type: 'string' } },
  strict: true,
});
const dir = resolve(values.data ?? 'data-year');
const tickets = Number(values.tickets ?? 1_000_000);
const end = values.end ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
if (!Number.isInteger(tickets) || tickets < 1 || tickets > 20_000_000) throw new Error(`--tickets: not a ticket count: ${values.tickets}`);
if (!/^\d{4}-\d{2}-\d{2}$/.test(end)) throw new Error(`--end: expected YYYY-MM-DD, got ${end}`);

const file = join(dir, 'motcua.db');
if (existsSync(file)) {
  console.error(`${file} đã tồn tại / already exists: chọn thư mục khác / choose another --data folder`);
  process.exit(1);
}
mkdirSync(dir, { recursive: true });
const db = openDatabase(file);
if (countStaff(db) > 0) throw new Error('database is not empty');
setBulkLoading(db, true);
const started = Date.now();

/** Rewrites one line in steps of 5 %. */
function progressLine(label: string): (done: number, total: number) => void {
  let shown = -1;
  return (done, total) => {
    const pct = Math.floor((done / total) * 100);
    if (pct !== shown && pct % 5 === 0) {
      shown = pct;
      process.stdout.write(`\r${label}: ${pct}%   `);
    }
  };
}

const result = await seedSampleYear(db, { endDay: end, tickets, onProgress: progressLine('Đang tạo dữ liệu / generating') });
// A hub summarises each day once it is over; do the same, so the year reads like a live center's.
const stats = new StatsService(db, journalSummaryStore(db, new Journal(db, Date.now), Date.now), new SettingsStore(db), Date.now);
await stats.buildMissing(result.firstDay, result.lastDay, progressLine('Đang tổng hợp theo ngày / summarising days'));
setBulkLoading(db, false);
db.close();
console.log(
  `\n${result.tickets.toLocaleString('vi-VN')} phiếu / tickets, ${result.ratings.toLocaleString('vi-VN')} đánh giá / ratings,` +
    ` ${result.events.toLocaleString('vi-VN')} sự kiện nhật ký / journal events,` +
    ` ${result.days} ngày làm việc / working days ${result.firstDay} → ${result.lastDay}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
console.log(`Thử thống kê / try the statistics: npm run hub -- --data ${dir}   (quanly / motcua-quanly)`);
