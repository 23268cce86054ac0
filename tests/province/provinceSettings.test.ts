// The province's own settings on a real PostgreSQL: the report heading a director signs (province,
// governing body, signer, place) is stored in the province's database and printed in the PDF and
// Excel report; each site's level can be changed; viewers read, only admins change.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import pino from 'pino';
import { createProvinceClient, type ProvinceClient } from '../../main/contract/index.ts';
import { startProvince, type ProvinceServer } from '../../province/server.ts';
import { errorCode } from '../helpers/hub.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const maybe = hasPostgres ? describe : describe.skip;
if (!hasPostgres) console.warn('SKIPPED province settings tests: PostgreSQL is missing');

let server: TestPostgres;
let dbUrl: string;
let province: ProvinceServer;
let api: ProvinceClient;
let admin: string;
let viewer: string;
let n = 0;

beforeAll(async () => {
  if (hasPostgres) server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});
beforeEach(async () => {
  if (!hasPostgres) return;
  dbUrl = await server.database(`province_settings_${process.pid}_${++n}`);
  province = await startProvince({ databaseUrl: dbUrl, port: 0, host: '127.0.0.1', log: pino({ level: 'silent' }) });
  api = createProvinceClient({ baseUrl: province.url });
  admin = (await api('province:login', { username: 'tinh', password: 'motcua-tinh' })).token;
  await api(
    'province:staff-create',
    { username: 'xem', fullName: 'Người xem', role: 'province-viewer', password: 'mat-khau-xem-1' },
    admin,
  );
  viewer = (await api('province:login', { username: 'xem', password: 'mat-khau-xem-1' })).token;
});
afterEach(async () => {
  await province?.close();
});

const heading = {
  provinceName: 'Quảng Ninh',
  agency: 'UBND tỉnh Quảng Ninh',
  signerTitle: 'Giám đốc',
  signerName: 'Nguyễn Thị Hương',
  place: 'Hạ Long',
};

async function pdfText(base64: string): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(Buffer.from(base64, 'base64')), verbosity: 0 }).promise;
  const out: string[] = [];
  for (let p = 1; p <= doc.numPages; p++)
    for (const i of (await (await doc.getPage(p)).getTextContent()).items) if ('str' in i && i.str.trim()) out.push(i.str);
  return out.join(' ');
}

async function xlsxCells(base64: string): Promise<string[]> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
  return out;
}

maybe('province settings', () => {
  it('the report heading names the province, its governing body, the place and the signer once they are set', async () => {
    const period = { from: '2026-11-01', to: '2026-11-30' };
    // Nothing set: the heading is the generic one and the place is left as dots for the hand.
    expect(await api('province:settings', {}, viewer)).toEqual({
      provinceName: '',
      agency: '',
      signerTitle: '',
      signerName: '',
      place: '',
    });
    const before = await pdfText((await api('province:export', { ...period, format: 'pdf' }, viewer)).base64);
    expect(before).toContain('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH');
    expect(before).toContain('……………, ngày');
    expect(before).toContain('GIÁM ĐỐC');

    expect(await errorCode(api('province:settings-update', heading, viewer))).toBe('FORBIDDEN');
    expect(await errorCode(api('province:settings-update', { ...heading, place: 'Hạ\nLong' }, admin))).toBe('VALIDATION');
    expect(await api('province:settings-update', heading, admin)).toEqual(heading);
    expect(await api('province:settings', {}, viewer)).toEqual(heading);

    const text = await pdfText((await api('province:export', { ...period, format: 'pdf' }, viewer)).base64);
    for (const s of [
      'UBND TỈNH QUẢNG NINH',
      'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH QUẢNG NINH',
      'Hạ Long, ngày',
      'Nguyễn Thị Hương',
      'Xếp hạng theo chỉ số hài lòng',
    ])
      expect(text).toContain(s);
    expect(text).not.toContain('……………');
    const cells = await xlsxCells((await api('province:export', { ...period, format: 'xlsx' }, viewer)).base64);
    expect(cells).toContain('UBND TỈNH QUẢNG NINH');
    expect(cells).toContain('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH QUẢNG NINH');
    expect(cells.some((c) => c.startsWith('Hạ Long, ngày '))).toBe(true);
    expect(cells).toContain('GIÁM ĐỐC');
    expect(cells).toContain('Nguyễn Thị Hương');
  });

  it('a stored value that no longer passes its rule falls back alone; the others are kept', async () => {
    await api('province:settings-update', heading, admin);
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    try {
      await db.query(`UPDATE province_settings SET report = jsonb_set(report, '{place}', to_jsonb($1::text))`, ['Hạ\u0007Long']);
      const applied = (await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows;
      // The runner applies what is missing by number, with gaps (others take 3 to 5).
      expect(applied.map((r) => r.version)).toContain(6);
    } finally {
      await db.end();
    }
    expect(await api('province:settings', {}, admin)).toEqual({ ...heading, place: '' });
  });

  it("an admin changes a site's level; a viewer cannot; an unknown site is said so", async () => {
    const { site } = await api('province:site-create', { name: 'Xã Hòa Bình', level: 'xa', district: 'Huyện Mỹ Hòa' }, admin);
    expect(await errorCode(api('province:site-level', { id: site.id, level: 'chi-nhanh' }, viewer))).toBe('FORBIDDEN');
    expect(await errorCode(api('province:site-level', { id: site.id + 99, level: 'chi-nhanh' }, admin))).toBe('SITE_NOT_FOUND');
    expect(await errorCode(api('province:site-level', { id: site.id, level: 'huyen' as 'xa' }, admin))).toBe('VALIDATION');
    await api('province:site-level', { id: site.id, level: 'chi-nhanh' }, admin);
    expect((await api('province:floor', {}, viewer)).sites.find((s) => s.id === site.id)?.level).toBe('chi-nhanh');
    const report = await api('province:report', { from: '2026-11-01', to: '2026-11-30' }, viewer);
    expect(report.sites.find((s) => s.siteId === site.id)?.level).toBe('chi-nhanh');
  });
});
