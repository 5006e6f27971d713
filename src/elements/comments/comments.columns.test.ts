import { forgetDrafts } from '../../test-utils/storage.js';
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MemoryBackend } from '../../backends/memory.js';
import { expectInTree } from '../../test-utils/a11y-tree.js';
import { $, $$, bodies, C, mount, post, TARGET } from '../../test-utils/comments-fixture.js';
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

  it('a comment posted against joins its column; an empty column says so; the pinned thread comes first in its column', async () => {
    const seedPinned = async (b: MemoryBackend) => {
      await post(b, 'a', { body: 'Seul pour.', stance: 'for' });
      const { pinComment } = await import('../../backends/memory/comment-extras.js');
      pinComment(b, (await post(b, 'staff', { body: 'Épinglé, pour aussi.', stance: 'for' })).comment.id);
    };
    const { el } = await mount({ comments: SIDE_BY_SIDE, seed: seedPinned });
    expect(columnBodies(columns(el)[0]!)).to.deep.equal(['Épinglé, pour aussi.', 'Seul pour.'], 'the pinned thread comes first');
    expect(columns(el).map(title)).to.deep.equal(['Commentaires pour', 'Commentaires contre'], 'no empty "others" column');
    expect(columns(el)[1]!.textContent).to.contain('Aucun pour l’instant.');
    $<HTMLTextAreaElement>(el, '[name="body"]')!.focus();
    await sendKeys({ type: 'Je suis contre ce projet.' });
    $<HTMLInputElement>(el, 'input[name="stance"][value="against"]')!.click();
    $(el, '[part~="submit"]')!.click();
    await waitUntil(() => bodies(el).length === 3, 'the comment was not shown');
    expect(columnBodies(columns(el)[1]!)).to.deep.equal(['Je suis contre ce projet.']);
  });

  it('each column is read and paged on its own: the "against" column shows even when the first 20 threads are all "for"', async () => {
    const seed = async (b: MemoryBackend) => {
      const { seedComments } = await import('../../backends/memory/comment-extras.js');
      seedComments(b, C, TARGET, [
        ...Array.from({ length: 22 }, (_, i) => ({ body: `Pour ${i}.`, stance: 'for' as const, minutesAgo: 1000 - i })),
        { body: 'Contre, arrivé tard.', stance: 'against', minutesAgo: 10 },
        { body: 'Neutre, arrivé tard.', stance: 'neutral', minutesAgo: 5 },
      ]);
    };
    const { el, backend } = await mount({ comments: SIDE_BY_SIDE, seed });
    const [, , other] = columns(el);
    let [pro, con] = columns(el);
    expect(columnBodies(pro!)).to.have.length(20);
    expect(columnBodies(con!)).to.deep.equal(['Contre, arrivé tard.']);
    expect(columnBodies(other!)).to.deep.equal(['Neutre, arrivé tard.']);
    expect($(el, '[part~="count"]')!.textContent!.trim()).to.equal('24 commentaires');
    expect(con!.querySelector('[part~="load-more"]')).to.equal(null, 'a column with all its threads offers no more');
    const more = pro!.querySelector<HTMLElement>('[part~="load-more"]')!;
    expect(more.textContent!.trim()).to.equal('Afficher plus de commentaires pour');
    more.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => columnBodies(columns(el)[0]!).length === 22, 'the "for" column did not get its next page');
    [pro, con] = columns(el);
    expect(columnBodies(pro!).slice(20)).to.deep.equal(['Pour 20.', 'Pour 21.']);
    expect(columnBodies(con!)).to.deep.equal(['Contre, arrivé tard.'], 'the other columns stay as they were');
    const next = pro!.querySelectorAll('article')[20]!;
    await waitUntil(() => el.shadowRoot!.activeElement === next, 'focus did not go to the first new thread of the column');
    expect(pro!.querySelector('[part~="load-more"]')).to.equal(null);
    const asked = backend.calls.filter((c) => c.method === 'listCommentThreads').map((c) => (c.args[1] as { stance?: string }).stance);
    expect(asked).to.deep.equal(['for', 'against', 'other', 'for'], 'one query per column, then the next page of one');
    await expect(el).to.be.accessible();
  });

  it('with the stance off, the setting changes nothing: one list', async () => {
    const { el } = await mount({ comments: { stance: 'off', sideBySide: true }, seed: (b) => post(b, 'a', { body: 'Un avis.' }) });
    expect(columns(el)).to.deep.equal([]);
    expect(bodies(el)).to.deep.equal(['Un avis.']);
  });
});
