// The lint gate (`npm test` runs it): typescript-eslint's recommended rules, React's hook rules for
// the renderer, and import zones that say which folder may import which (README.md, "Where does my
// change go"). Every top-level folder of code is in `ours` with its rules: a folder missing is an error.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import { explainedAssertions } from './tools/eslint/explainedAssertions.js';

const ours = ['./main', './db', './hardware', './renderer', './province', './tools', './tests', './bench', './scripts'];
const except = (...allowed) => ours.filter((d) => !allowed.some((a) => d === a));

// The rooms of main/, lowest first; each may import the rooms listed (and contract, db/, hardware/ as
// the table above allows). The README's "where does my change go" explains each room.
const rooms = [
  ['base', ['contract'], 'clock, errors, logs, rate limits, password hashing: no domain'],
  ['voice', [], 'how a call is read aloud: pure language code'],
  ['store', ['contract', 'base'], 'the journal, settings, backups and the row-to-wire mappers'],
  ['queue', ['contract', 'base', 'store', 'voice'], 'the queue domain: tickets, counters, fields, ratings'],
  ['auth', ['contract', 'base', 'store', 'queue'], 'who may do what; signing in opens a counter'],
  ['devices', ['contract', 'base', 'store', 'queue'], 'printers, print agents, LED boards, scanners'],
  ['reports', ['contract', 'base', 'store'], 'statistics and exports, from the journal'],
  ['hub', ['contract', 'base', 'store', 'voice', 'queue', 'auth', 'devices', 'reports'], 'the hub assembles every room'],
  ['cli', ['contract', 'base', 'auth', 'queue', 'hub'], 'command lines start a hub'],
  ['electron', ['contract', 'base', 'auth', 'devices', 'hub'], 'the desktop shell'],
];

// Which npm packages each folder may use: what runs in Chromium has no Node, db/ has SQLite only,
// the contract has zod only, and nothing but the shell touches Electron.
const onlyPackages = (files, allowed, why) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ regex: `^(?!\\.{1,2}/|(${allowed})$)`, message: why }] }],
  },
});
const packagesAllowed = [
  onlyPackages(['db/**/*.ts'], 'better-sqlite3|node:[a-z_/]+', 'db/ uses better-sqlite3 and Node only.'),
  onlyPackages(['main/contract/**/*.ts'], 'zod', 'The contract uses zod only: it runs in the browser too.'),
  onlyPackages(
    ['province/**/*.ts'],
    'pg|pino|ws|exceljs|node:[a-z_/]+',
    'province/ uses pg, Node and what the hub already uses (pino, ws, exceljs): no electron, no react.',
  ),
  onlyPackages(
    ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    'react|react-dom|react-dom/client|qrcode|recharts|@fontsource/be-vietnam-pro/[0-9]00\\.css',
    'The renderer runs in Chromium.',
  ),
  {
    files: ['hardware/**/*.ts', 'main/**/*.ts'],
    ignores: ['main/electron/**', 'main/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(electron|react|react-dom)(/.*)?$', message: 'Only the Electron shell imports electron; React is the renderer.' },
          ],
        },
      ],
    },
  },
];

// A file in a top-level folder that is not in `ours` has no zones and no package rules: refused,
// so the next new folder cannot escape the rooms (the root's own config files aside).
const unlisted = {
  files: ['**/*.ts', '**/*.tsx'],
  ignores: ['*.ts', ...ours.map((d) => `${d.slice(2)}/**`)],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: 'Program',
        message: 'This folder is in no room of eslint.config.js: add it to `ours` with the zones and packages it may use.',
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'bench/.data/**', 'out/**', 'renderer/public/**'] },
  ...tseslint.configs.recommended,
  // Rules that read types: a promise nobody awaits or catches loses its error (a ticket the hub
  // thinks written), and an assertion that changes nothing hides the one that matters.
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts', 'renderer/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    },
  },
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
            // The province server is built with the hub: its contract, base, counting rules and request
            // pipeline, never the hub's queue, stores or devices.
            {
              target: './province',
              from: except('./province', './main'),
              message: 'province/ may import province/ and, of main/, contract, base, reports, hub/api and cli/paths.ts.',
            },
            {
              target: './province',
              from: './main',
              except: ['./contract', './base', './reports', './hub/api', './cli/paths.ts'],
              message: 'province/ may import province/ and, of main/, contract, base, reports, hub/api and cli/paths.ts.',
            },
            ...rooms.map(([room, may, why]) => ({
              target: `./main/${room}`,
              from: './main',
              except: [`./${room}`, ...may.map((r) => `./${r}`)],
              message: `main/${room} may import main/${[room, ...may].join(', main/')} (${why}).`,
            })),
          ],
        },
      ],
    },
  },
  ...packagesAllowed,
  unlisted,
  explainedAssertions,
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
