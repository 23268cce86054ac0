// The hub's log file on a disk that refuses its writes: closing the log must let go of the file,
// or the disk stays busy and cannot be unmounted to be repaired. The log file is made a link to
// /dev/full, whose every write fails with ENOSPC, as a full disk's does.
import { mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { fileLog } from '../../main/base/log.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** What this process holds open that `match` names (Linux's /proc). */
function openFiles(match: (target: string) => boolean): string[] {
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return ''; // closed while listed
      }
    })
    .filter((target) => target !== '' && match(target));
}

/** The day in a log file's name: the local date, as pino-roll writes it. */
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

it('a log whose disk refuses every write lets go of its file when closed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-filelog-'));
  dirs.push(dir);
  symlinkSync('/dev/full', join(dir, `hub.${today()}.1.log`));
  const before = openFiles((t) => t === '/dev/full').length;
  const log = await fileLog(dir, 'hub');
  for (let i = 0; i < 200; i++) log.log.info({ i }, 'một dòng nhật ký không ghi được');
  await new Promise((r) => setTimeout(r, 100));
  expect(openFiles((t) => t === '/dev/full').length).toBe(before + 1); // the log holds it while open
  await log.close();
  await new Promise((r) => setTimeout(r, 100));
  expect(openFiles((t) => t === '/dev/full')).toHaveLength(before); // the old code kept it open
}, 15_000);

it('a log on a sound disk writes out its last lines and closes its file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-filelog-'));
  dirs.push(dir);
  const log = await fileLog(dir, 'hub');
  for (let i = 0; i < 200; i++) log.log.info({ i }, 'dòng cuối');
  await log.close();
  const file = join(dir, `hub.${today()}.1.log`);
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(200);
  expect(JSON.parse(lines[199]!)).toMatchObject({ i: 199, msg: 'dòng cuối' });
  expect(openFiles((t) => t.startsWith(dir))).toEqual([]);
});
