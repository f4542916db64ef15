import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const onlyStorageMayOpenIndexedDb = {
  name: 'idb',
  message: 'Only src/storage talks to IndexedDB: use its stores instead.',
};
const onlyServerDbMayTouchTheDriver = ['better-sqlite3', 'pg'].map((name) => ({
  name,
  message: 'Only src/server/db opens the database driver: go through its Kysely instance.',
}));
const noUi = ['preact', 'preact/hooks', 'preact/compat'].map((name) => ({
  name,
  message: 'src/shared, src/storage and src/sync run in the service worker too: keep UI out.',
}));

const workspaceIsLazy = {
  group: ['**/workspace/*'],
  message: "The organisers' workspace loads lazily, so participants never download it: use import() (see src/app/components/WorkspaceLoader.tsx).",
};

export default tseslint.config(
  { ignores: ['dist/', 'dist-server/', 'node_modules/', 'data/', 'coverage/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [onlyStorageMayOpenIndexedDb, ...onlyServerDbMayTouchTheDriver] }],
    },
  },
  {
    files: ['src/app/**', 'src/i18n/**', 'sw/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [onlyStorageMayOpenIndexedDb, ...onlyServerDbMayTouchTheDriver], patterns: [workspaceIsLazy] }] },
  },
  {
    files: ['src/storage/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [...onlyServerDbMayTouchTheDriver, ...noUi] }] },
  },
  {
    files: ['src/shared/**', 'src/sync/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [onlyStorageMayOpenIndexedDb, ...onlyServerDbMayTouchTheDriver, ...noUi] }] },
  },
  {
    files: ['src/server/db/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [onlyStorageMayOpenIndexedDb] }] },
  },
  {
    files: ['tests/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
