// Line width 140: the house style's long single-line signatures and calls fit, templates still wrap.
// Template literals (Lit's html`` and css``) are left as written: their whitespace is rendered text, and tests
// compare it. `npm run format` writes, `npm run format:check` checks (it is part of `npm run check` and `npm test`).
export default {
  printWidth: 140,
  singleQuote: true,
  trailingComma: 'all',
  arrowParens: 'always',
  embeddedLanguageFormatting: 'off',
  overrides: [{ files: ['*.md', '*.mdx'], options: { proseWrap: 'preserve' } }],
};
