import globals from 'globals';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';

export default tseslint.config(
  { ignores: ['dist/', 'storybook-static/', 'node_modules/', '.data/', 'wordpress/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Sources run in browsers, scripts and tests in Node, and tests drive browser pages from Node.
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.test.ts', '**/*.suite.ts', '**/*.test.mjs'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts'],
    ignores: ['src/test-utils/wait.ts'],
    rules: {
      // A 1 s limit fails honest tests on a loaded machine: src/test-utils/wait.ts gives every wait the same bound.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@open-wc/testing', importNames: ['waitUntil'], message: 'Import waitUntil from src/test-utils/wait.ts.' }] },
      ],
    },
  },
  {
    files: ['src/elements/**/*.ts', 'src/base/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.suite.ts'],
    rules: {
      // Elements talk to the backend from context, never to the network.
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Elements go through the backend from context, never fetch.' }],
    },
  },
  {
    // Lit templates: bindings, directives and accessibility checked in the html`` literals.
    files: ['src/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts'],
    ...litA11y.configs.recommended,
    rules: {
      ...litA11y.configs.recommended.rules,
      // Kept on purpose: WebKit drops the list role of a <ul>/<ol> styled `list-style: none`.
      'lit-a11y/no-redundant-role': 'off',
    },
  },
  {
    // Layers point down: an import cycle is a layer pointing up somewhere.
    files: ['src/**/*.ts', 'server/**/*.ts'],
    plugins: { 'import-x': importX },
    // Sources import `./x.js` for `./x.ts` (TypeScript's ESM convention): resolve it so.
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs'], extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);
