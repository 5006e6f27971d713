import { expect } from '@open-wc/testing';
import { sectionsFromMarkdown } from './text-rules.js';

describe('sectionsFromMarkdown', () => {
  it('a heading is one line whatever it holds: U+2028/U+2029 are characters, not line ends (CommonMark)', () => {
    const sections = sectionsFromMarkdown('# Titre\n\n## Engagement \u2028\u2029<img src=x>\n\nSon texte.');
    expect(sections.map((s) => [s.level, s.title, s.body])).to.deep.equal([
      [1, 'Titre', ''],
      [2, 'Engagement \u2028\u2029<img src=x>', 'Son texte.'],
    ]);
  });
});
