// Lint enforces the architecture's boundaries (STYLE.md #3): the core never imports Electron; shared/ uses no
// Node, DOM or React; the renderer uses no Node and reaches the core only through window.sellerConsole; the two
// hosts (electron/main, electron/browser-host) never import each other, and what they share (electron/hosting)
// imports neither of them, nor electron, nor ws.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default tseslint.config(
  { ignores: ['build/**', 'dist/**', 'node_modules/**', 'tests/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['electron/**/*.ts', 'tests/**/*.ts', '*.ts', '*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['electron/preload/**/*.cts'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The core is plain Node: Electron reaches it only through ports.' }],
          patterns: [
            { group: ['react', 'react-dom', 'antd', '**/renderer/**'], message: 'The core knows no UI.' },
            {
              group: [
                '**/main/**',
                '**/browser-host/**',
                '**/hosting/**',
                '**/preload/**',
                '**/storage/**',
                '**/connectors/**',
              ],
              message: 'The core receives hosts, storage and connectors as ports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/browser-host/**'],
              message: 'The desktop host does not import the browser host: what both need lives in electron/hosting.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/browser-host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The browser host runs in plain Node.' }],
          patterns: [
            {
              group: ['**/main/**'],
              message: 'The browser host does not import the desktop host: what both need lives in electron/hosting.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/hosting/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'electron/hosting serves both hosts: no Electron.' },
            {
              name: 'ws',
              message: 'electron/hosting serves both hosts: the WebSocket server belongs to the browser host.',
            },
          ],
          patterns: [
            {
              group: ['**/main/**', '**/browser-host/**'],
              message: 'electron/hosting is shared by the hosts and imports neither.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeModules, 'electron', 'react', 'react-dom', 'ws'].map((name) => ({
            name,
            message: 'shared/ runs anywhere: no Node, DOM, React or Electron.',
          })),
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**', 'react/*', 'antd', 'antd/*'],
              message: 'shared/ depends on nothing of the app.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeModules, 'electron', 'ws'].map((name) => ({
            name,
            message: 'The renderer has no Node: use window.sellerConsole.',
          })),
          patterns: [
            { group: ['**/electron/**'], message: 'The renderer reaches the core only through window.sellerConsole.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require'],
    },
  },
  // Formatting is Prettier's (npm run format); the style rules that would fight it are off.
  prettier,
);
