import { expect } from '@open-wc/testing';
import { diffStats, sideOf, tokenize, wordDiff, type DiffPart } from './diff.js';

const spell = (parts: DiffPart[]) => parts.map((p) => p.text).join('');
const show = (parts: DiffPart[]) =>
  parts.map((p) => (p.op === 'same' ? p.text : p.op === 'ins' ? `[+${p.text}]` : `[-${p.text}]`)).join('');

describe('wordDiff (French text)', () => {
  it('keeps words with accents, apostrophes and hyphens whole', () => {
    expect(tokenize('L’État ouvre c’est-à-dire ses données, déjà.')).to.deep.equal([
      'L’État',
      ' ',
      'ouvre',
      ' ',
      'c’est-à-dire',
      ' ',
      'ses',
      ' ',
      'données',
      ',',
      ' ',
      'déjà',
      '.',
    ]);
  });

  it('marks one replaced word, not its letters', () => {
    const parts = wordDiff('Ouvrir les données publiques.', 'Ouvrir les données essentielles.');
    expect(show(parts)).to.equal('Ouvrir les données [-publiques][+essentielles].');
  });

  it('sees a changed accent as a changed word', () => {
    expect(show(wordDiff('une équipe élue', 'une équipe élué'))).to.equal('une équipe [-élue][+élué]');
  });

  it('treats composed and decomposed accents as the same text', () => {
    const decomposed = 'Transparence de l’État'.normalize('NFD');
    expect(wordDiff('Transparence de l’État', decomposed)).to.deep.equal([{ op: 'same', text: 'Transparence de l’État' }]);
  });

  it('sees punctuation changes as their own tokens', () => {
    const parts = wordDiff('Associer les citoyens, les élus et les agents.', 'Associer les citoyens ; les élus et les agents !');
    expect(show(parts)).to.equal('Associer les citoyens[-, ][+ ; ]les élus et les agents[-.][+ !]');
    expect(diffStats(parts)).to.deep.equal({ added: 0, removed: 0 });
  });

  it('ignores re-spacing but not a new paragraph', () => {
    expect(wordDiff('Ouvrir  les\tdonnées', 'Ouvrir les données').every((p) => p.op === 'same')).to.equal(true);
    const split = wordDiff('Premier point. Second point.', 'Premier point.\n\nSecond point.');
    expect(split.some((p) => p.op !== 'same')).to.equal(true);
  });

  it('joins changes separated by spaces into phrases, and each side spells its text', () => {
    const before = 'Publier les budgets des communes chaque année.';
    const after = 'Publier en données ouvertes les comptes des communes chaque trimestre.';
    const parts = wordDiff(before, after);
    expect(spell(sideOf(parts, 'after'))).to.equal(after);
    expect(spell(sideOf(parts, 'before'))).to.equal(before);
    expect(diffStats(parts)).to.deep.equal({ added: 5, removed: 2 });
  });

  it('handles an empty side (an added or deleted section)', () => {
    expect(wordDiff('', 'Nouveau texte.')).to.deep.equal([{ op: 'ins', text: 'Nouveau texte.' }]);
    expect(wordDiff('Ancien texte.', '')).to.deep.equal([{ op: 'del', text: 'Ancien texte.' }]);
    expect(wordDiff('', '')).to.deep.equal([]);
  });
});
