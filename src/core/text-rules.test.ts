import { expect } from '@open-wc/testing';
import { AMENDMENT_REASON, SECTION_TITLE, sectionsFromMarkdown, validateAmendmentDraft } from './text-rules.js';

describe('sectionsFromMarkdown', () => {
  it('a heading is one line whatever it holds: U+2028/U+2029 are characters, not line ends (CommonMark)', () => {
    const sections = sectionsFromMarkdown('# Titre\n\n## Engagement \u2028\u2029<img src=x>\n\nSon texte.');
    expect(sections.map((s) => [s.level, s.title, s.body])).to.deep.equal([
      [1, 'Titre', ''],
      [2, 'Engagement \u2028\u2029<img src=x>', 'Son texte.'],
    ]);
  });
});

describe('validateAmendmentDraft counts characters as every other rule does', () => {
  // The reliability fuzz stored a reason of a few emoji: 10 UTF-16 units, fewer than 10 characters.
  const sections = sectionsFromMarkdown('## Engagement\n\nSon texte.');
  const draft = (reason: string, title = 'Un titre') => ({
    sectionId: sections[0]!.id,
    kind: 'add-after' as const,
    text: 'Nouveau.',
    title,
    reason,
  });
  const codes = (field: string, reason: string, title?: string) =>
    validateAmendmentDraft(sections, draft(reason, title))
      .filter((e) => e.field === field)
      .map((e) => e.code);
  const emoji = (n: number) => '🌳'.repeat(n);

  it('a reason of min − 1 characters written in emoji is too short, though its UTF-16 length is over the minimum', () => {
    expect(codes('reason', emoji(AMENDMENT_REASON.min - 1))).to.deep.equal(['too_short']);
    expect(codes('reason', emoji(AMENDMENT_REASON.min))).to.deep.equal([]);
  });

  it('a reason or a title of max characters written in emoji is accepted, as the proposal rules accept one', () => {
    expect(codes('reason', emoji(AMENDMENT_REASON.max))).to.deep.equal([]);
    expect(codes('reason', emoji(AMENDMENT_REASON.max + 1))).to.deep.equal(['too_long']);
    expect(codes('title', 'reason long enough', emoji(SECTION_TITLE.max))).to.deep.equal([]);
  });
});
