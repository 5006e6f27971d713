import { forgetDrafts } from '../../test-utils/storage.js';
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MemoryBackend } from '../../backends/memory.js';
import { expectInTree } from '../../test-utils/a11y-tree.js';
import { $, $$, bodies, mount, post } from '../../test-utils/comments-fixture.js';
import { waitUntil } from '../../test-utils/wait.js';

// Issue 20: "an option to show for and against side by side" (settings.comments.sideBySide).
const SIDE_BY_SIDE = { stance: 'optional', sideBySide: true } as const;

async function seed(b: MemoryBackend) {
  await post(b, 'a', { body: 'Pour, le premier.', authorName: 'Ana', stance: 'for' });
  await post(b, 'b', { body: 'Contre, le premier.', authorName: 'Bo', stance: 'against' });
  await post(b, 'c', { body: 'Sans position.', authorName: 'Cy' });
  await post(b, 'd', { body: 'Pour, le second.', authorName: 'Di', stance: 'for' });
  await post(b, 'e', { body: 'Neutre.', authorName: 'Ed', stance: 'neutral' });
}

const columns = (el: Element) => $$(el, '[part~="column"]');
const title = (column: Element) => column.querySelector('.column-title')!.textContent!.trim();
const columnBodies = (column: Element) => [...column.querySelectorAll('[part~="body"]')].map((b) => b.textContent!.trim());
const box = (element: Element) => element.getBoundingClientRect();

describe('<pgo-comments> for and against side by side', () => {
  afterEach(() => forgetDrafts('comment', 'comment-reply'));

  it('groups the threads under labelled headings and lists: for, against, then the others, in reading and keyboard order', async () => {
    const { el } = await mount({ comments: SIDE_BY_SIDE, seed });
    const [pro, con, other] = columns(el);
    expect(columns(el).map(title)).to.deep.equal(['Commentaires pour', 'Commentaires contre', 'Autres commentaires']);
    expect(columnBodies(pro!)).to.deep.equal(['Pour, le premier.', 'Pour, le second.']);
    expect(columnBodies(con!)).to.deep.equal(['Contre, le premier.']);
    expect(columnBodies(other!)).to.deep.equal(['Sans position.', 'Neutre.']);
    await expectInTree(pro!.querySelector('.column-title')!, { role: 'heading', name: 'Commentaires pour' });
    await expectInTree(con!.querySelector('ul')!, { role: 'list', name: 'Commentaires contre' });
    // The document order is the reading order and the Tab order (no tabindex above 0, no CSS `order`).
    const replies = $$(el, '[part~="reply"][part~="button"]').map((b) => b.getAttribute('aria-label')!.split(' – ')[1]);
    expect(replies).to.deep.equal(['Ana', 'Di', 'Bo', 'Cy', 'Ed']);
    expect($$(el, '[tabindex]').every((e) => Number(e.getAttribute('tabindex')) <= 0)).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('two columns side by side on a wide element, one column on a phone', async () => {
    const { el } = await mount({ comments: SIDE_BY_SIDE, seed });
    el.style.display = 'block';
    el.style.width = '960px';
    let [pro, con, other] = columns(el).map(box);
    expect(Math.abs(pro!.top - con!.top)).to.be.below(1, 'for and against start on the same line');
    expect(con!.left).to.be.at.least(pro!.right - 1, 'against stands right of for');
    expect(other!.top).to.be.at.least(Math.max(pro!.bottom, con!.bottom) - 1, 'the others come below both');
    el.style.width = '360px';
    [pro, con, other] = columns(el).map(box);
    expect(con!.top).to.be.at.least(pro!.bottom - 1, 'on a phone against comes under for');
    expect(Math.abs(con!.left - pro!.left)).to.be.below(1);
    expect(other!.top).to.be.at.least(con!.bottom - 1);
    expect(box(el).right).to.be.at.least(box(columns(el)[1]!.querySelector('article')!).right - 1, 'nothing overflows a phone');
    await expect(el).to.be.accessible();
  });

  it('a comment posted against joins its column; an empty column says so; the pinned thread stays above', async () => {
    const seedPinned = async (b: MemoryBackend) => {
      await post(b, 'a', { body: 'Seul pour.', stance: 'for' });
      const { pinComment } = await import('../../backends/memory/comment-extras.js');
      pinComment(b, (await post(b, 'staff', { body: 'Épinglé, pour aussi.', stance: 'for' })).comment.id);
    };
    const { el } = await mount({ comments: SIDE_BY_SIDE, seed: seedPinned });
    expect(bodies(el)[0]).to.equal('Épinglé, pour aussi.', 'the pinned thread comes first');
    expect($(el, '[part~="columns"]')!.textContent).not.to.contain('Épinglé, pour aussi.');
    expect(columns(el).map(title)).to.deep.equal(['Commentaires pour', 'Commentaires contre'], 'no empty "others" column');
    expect(columns(el)[1]!.textContent).to.contain('Aucun pour l’instant.');
    $<HTMLTextAreaElement>(el, '[name="body"]')!.focus();
    await sendKeys({ type: 'Je suis contre ce projet.' });
    $<HTMLInputElement>(el, 'input[name="stance"][value="against"]')!.click();
    $(el, '[part~="submit"]')!.click();
    await waitUntil(() => bodies(el).length === 3, 'the comment was not shown');
    expect(columnBodies(columns(el)[1]!)).to.deep.equal(['Je suis contre ce projet.']);
  });

  it('with the stance off, the setting changes nothing: one list', async () => {
    const { el } = await mount({ comments: { stance: 'off', sideBySide: true }, seed: (b) => post(b, 'a', { body: 'Un avis.' }) });
    expect(columns(el)).to.deep.equal([]);
    expect(bodies(el)).to.deep.equal(['Un avis.']);
  });
});
