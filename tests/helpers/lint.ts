// The repository's lint configuration for code a test makes up (a file that does not exist on
// disk): the rules that read types need the file in a TypeScript project, so they are left out;
// every other rule, the import zones included, applies as it does to the real tree.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { repoRoot } from './child.ts';

export function lintForMadeUpFiles(): ESLint {
  return new ESLint({ cwd: repoRoot, overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }] });
}
