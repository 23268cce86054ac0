// The folders say where code runs and what it may import (the design card's table), and all
// SQL lives in db/. Checked on the source text, so a violation fails here, not in production.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/child.ts';

function sources(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(join(repoRoot, dir))) return out; // git keeps no empty folders
  for (const name of readdirSync(join(repoRoot, dir))) {
    const path = join(dir, name);
    if (statSync(join(repoRoot, path)).isDirectory()) out.push(...sources(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(join(repoRoot, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"`;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2]!,
  );
}

/** The top folder (or main/contract) an import lands in, or the package name. */
function target(file: string, spec: string): { ours: string } | { pkg: string } {
  if (!spec.startsWith('.')) return { pkg: spec };
  const abs = relative(repoRoot, resolve(repoRoot, dirname(file), spec)).split(sep);
  return { ours: abs[0] === 'main' && abs[1] === 'contract' ? 'main/contract' : abs[0]! };
}

const rules: { folder: string; may: string[]; packages: RegExp }[] = [
  { folder: 'db', may: ['db'], packages: /^(better-sqlite3|node:.*)$/ },
  { folder: 'hardware', may: ['hardware'], packages: /^(?!electron$|react).*/ },
  { folder: 'main/contract', may: ['main/contract'], packages: /^zod$/ },
  { folder: 'renderer/src', may: ['renderer', 'main/contract'], packages: /^(react|react-dom|react-dom\/client|qrcode|recharts)$/ },
  { folder: 'main/hub', may: ['main', 'main/contract', 'db', 'hardware'], packages: /^(?!react|electron$).*/ },
  { folder: 'main/cli', may: ['main', 'main/contract', 'db', 'hardware'], packages: /^(?!react).*/ },
  { folder: 'main/electron', may: ['main', 'main/contract', 'db', 'hardware'], packages: /^(?!react).*/ },
];

describe('import boundaries', () => {
  for (const rule of rules) {
    it(`${rule.folder} imports only ${rule.may.join(', ')} and ${rule.packages}`, () => {
      const bad: string[] = [];
      for (const file of sources(rule.folder)) {
        for (const spec of imports(file)) {
          const t = target(file, spec);
          if ('ours' in t ? !rule.may.includes(t.ours) : !rule.packages.test(t.pkg)) bad.push(`${file} → ${spec}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }

  it('the checker itself sees imports (guards against a regex that matches nothing)', () => {
    expect(imports('main/hub/engine.ts')).toContain('../../db/tickets.ts');
    expect(target('renderer/src/api.ts', '../../main/contract/index.ts')).toEqual({ ours: 'main/contract' });
    expect(target('main/hub/engine.ts', '../../db/tickets.ts')).toEqual({ ours: 'db' });
  });
});

describe('all SQL lives in db/', () => {
  it('no prepare/exec/pragma calls or SQL statements outside db/', () => {
    const bad: string[] = [];
    for (const dir of ['main', 'hardware', 'renderer/src']) {
      for (const file of sources(dir)) {
        const text = readFileSync(join(repoRoot, file), 'utf8');
        if (/\b(db|database|connection)\.(prepare|exec|pragma)\(/.test(text)) bad.push(`${file}: prepare/exec/pragma`);
        if (/\b(SELECT\s+[\w*]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX))\b/.test(text))
          bad.push(`${file}: SQL text`);
      }
    }
    expect(bad).toEqual([]);
  });
});
