// The local lint rule that makes every type assertion and `!` in product code say why it holds
// (tools/eslint/explainedAssertions.js), and the lint gate that applies it.
import { execFileSync } from 'node:child_process';
import { ESLint, RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { plugin } from '../../tools/eslint/explainedAssertions.js';
import { repoRoot } from '../helpers/child.ts';
import { lintForMadeUpFiles } from '../helpers/lint.ts';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const unexplained = (count: number) => Array.from({ length: count }, () => ({ messageId: 'unexplained' }));

tester.run('explained-assertions', plugin.rules['explained-assertions'], {
  valid: [
    'const codes = ["A", "B"] as const;',
    'const x = <const>["A"];',
    'const n = s satisfies string;',
    'const row = stmt.get(id)!; // the row exists: inserted in the same transaction',
    '// the row exists: inserted in the same transaction\nconst row = stmt.get(id)!;',
    '/* the worker is started with workerData */\nconst port = parentPort!;',
    // A reason above a statement covers each assertion inside it, however many lines it spans.
    '// both halves were checked by the regex above\nconst pair = [\n  m[1]!,\n  m[2]!,\n];',
    // ...and a reason above the line of the assertion inside a statement covers it.
    'call(\n  a,\n  // Electron types the event loosely: the sender is a WebContents here\n  e as unknown as WebContents,\n);',
    // ...as does a reason above an object's property or a call's argument that holds it.
    'const d = {\n  id: r.id,\n  // written by setStatus from this shape\n  status:\n    r.s === null\n      ? null\n      : (JSON.parse(r.s) as Status),\n};',
    // A reason spread over several comment lines counts as one block.
    '// Node types this\n// as any: the shape is checked by zod\nconst v = JSON.parse(s) as unknown;',
    'function f() {\n  // keys come from the same map\n  return map.get(k)!;\n}',
    'class A {\n  // set by the constructor before any use\n  private readonly w = x as Worker;\n}',
  ],
  invalid: [
    { code: 'const row = stmt.get(id) as Row;', errors: unexplained(1) },
    { code: 'const row = <Row>stmt.get(id);', errors: unexplained(1) },
    { code: 'const first = rows[0]!;', errors: unexplained(1) },
    { code: 'const a = x!.y!.z as Z;', errors: unexplained(3) },
    // An empty comment, a one-word comment or a tool directive is not a reason.
    { code: '//\nconst first = rows[0]!;', errors: unexplained(1) },
    { code: 'const first = rows[0]!; //', errors: unexplained(1) },
    { code: 'const first = rows[0]!; /* */', errors: unexplained(1) },
    { code: 'const first = rows[0]!; // safe', errors: unexplained(1) },
    { code: '// eslint-disable-next-line no-console\nconst first = rows[0]!;', errors: unexplained(1) },
    { code: '// @ts-expect-error wrong\nconst first = rows[0]!;', errors: unexplained(1) },
    // A reason two lines up, or trailing the code on the line above, explains something else.
    { code: '// the row exists: inserted above\n\nconst row = stmt.get(id)!;', errors: unexplained(1) },
    { code: 'const a = b; // b is never empty here\nconst first = rows[0]!;', errors: unexplained(1) },
    // A reason below the assertion does not count.
    { code: 'const first = rows[0]!;\n// rows holds one row at least', errors: unexplained(1) },
    // A reason above a function does not cover the statements inside it.
    { code: '// reads the first row only\nfunction f() {\n  const x = 1;\n  return rows[0]!;\n}', errors: unexplained(1) },
  ],
});

describe('the lint gate', () => {
  const eslint = new ESLint({ cwd: repoRoot });
  const product = execFileSync('git', ['ls-files', 'main', 'db', 'hardware', 'province', 'renderer/src'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => /\.tsx?$/.test(f));

  it('applies the rule to every product file', async () => {
    const uncovered: string[] = [];
    for (const file of product) {
      const config = await eslint.calculateConfigForFile(`${repoRoot}/${file}`);
      const level = config.rules?.['motcua/explained-assertions']?.[0];
      if (level !== 2 && level !== 'error') uncovered.push(file);
    }
    expect(uncovered).toEqual([]);
  });

  it('reports an unexplained assertion in a product file and not in a test', async () => {
    const code = 'export const first = (rows: number[]): number => rows[0]!;\n';
    const madeUp = lintForMadeUpFiles();
    const [inProduct] = await madeUp.lintText(code, { filePath: `${repoRoot}/db/x.ts` });
    const [inTest] = await madeUp.lintText(code, { filePath: `${repoRoot}/tests/main/x.ts` });
    expect(inProduct!.messages.map((m) => m.ruleId)).toContain('motcua/explained-assertions');
    expect(inTest!.messages.map((m) => m.ruleId)).not.toContain('motcua/explained-assertions');
  });
});
