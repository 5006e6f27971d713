import globals from 'globals';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    files: ['**/*.test.ts', '**/*.test.mjs'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['src/elements/**/*.ts', 'src/base/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      // Elements talk to the backend from context, never to the network.
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Elements go through the backend from context, never fetch.' }],
    },
  },
);
