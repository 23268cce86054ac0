// `npm run ratings:verify -- [--data DIR]`: checks the ratings' hash chain; exit 1 names the
// first broken rating.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabaseReadOnly } from '../../db/open.ts';
import { verifyRatingChain } from '../queue/ratings.ts';
import { defaultDataDir } from './args.ts';

const { values } = parseArgs({ args: process.argv.slice(2), options: { data: { type: 'string' } } });
const file = join(values.data ?? process.env.MOTCUA_DATA ?? defaultDataDir(), 'motcua.db');
const db = openDatabaseReadOnly(file);
const r = verifyRatingChain(db);
db.close();
if (r.ok) {
  console.log(`Chuỗi đánh giá nguyên vẹn / rating chain intact: ${r.count} đánh giá / ratings (${file})`);
} else {
  console.log(`CHUỖI ĐÁNH GIÁ BỊ SỬA / RATING CHAIN BROKEN at rating #${r.firstBrokenId} (after ${r.count} intact) in ${file}`);
  process.exit(1);
}
