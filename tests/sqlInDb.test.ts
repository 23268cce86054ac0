// All SQL lives in db/ (and province/db/ for the province's PostgreSQL) (the lint gate's import zones cover the rest of the folder table). Checked on
// the source text, so a query written in a route fails here, not in a review.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/child.ts';

function sources(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(join(repoRoot, dir))) return out;
  for (const name of readdirSync(join(repoRoot, dir))) {
    const path = join(dir, name);
    if (statSync(join(repoRoot, path)).isDirectory()) out.push(...sources(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const prepares = /\b(db|database|connection)\.(prepare|exec|pragma)\(/;
const statements = /\b(SELECT\s+[\w*]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX))\b/;

describe('all SQL lives in db/', () => {
  it('the patterns see SQL where it is (guards against patterns that match nothing)', () => {
    const db = sources('db').map((f) => readFileSync(join(repoRoot, f), 'utf8'));
    expect(db.some((t) => prepares.test(t))).toBe(true);
    expect(db.some((t) => statements.test(t))).toBe(true);
  });

  it('no prepare/exec/pragma calls or SQL statements outside db/', () => {
    const bad: string[] = [];
    for (const dir of ['main', 'hardware', 'renderer/src', 'province']) {
      for (const file of sources(dir)) {
        if (file.startsWith('province/db/')) continue; // the province's own db/ (PostgreSQL)
        const text = readFileSync(join(repoRoot, file), 'utf8');
        if (prepares.test(text)) bad.push(`${file}: prepare/exec/pragma`);
        if (statements.test(text)) bad.push(`${file}: SQL text`);
      }
    }
    expect(bad).toEqual([]);
  });
});
