// The lint gate (`npm test` runs it): typescript-eslint's recommended rules, React's hook rules for
// the renderer, and import zones that say which folder may import which (../shared/STYLE.md).
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';

const ours = ['./main', './db', './hardware', './renderer', './tests', './bench', './scripts'];
const except = (...allowed) => ours.filter((d) => !allowed.some((a) => d === a));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'bench/.data/**', 'out/**', 'renderer/public/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            // `except` is relative to `from`: ./main/contract stays open to the renderer.
            {
              target: './renderer',
              from: './main',
              except: ['./contract'],
              message: 'The renderer runs in Chromium: only renderer/ and the wire contract.',
            },
            {
              target: './renderer',
              from: except('./renderer', './main'),
              message: 'The renderer runs in Chromium: only renderer/ and the wire contract.',
            },
            {
              target: './main/contract',
              from: './main',
              except: ['./contract'],
              message: 'The contract is plain data and schemas: it imports nothing of ours.',
            },
            {
              target: './main/contract',
              from: except('./main'),
              message: 'The contract is plain data and schemas: it imports nothing of ours.',
            },
            { target: './db', from: except('./db'), message: 'db/ imports db/ only.' },
            { target: './hardware', from: except('./hardware'), message: 'hardware/ imports hardware/ only.' },
            { target: './main', from: except('./main', './db', './hardware'), message: 'main/ may import main/, db/ and hardware/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __filename: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
