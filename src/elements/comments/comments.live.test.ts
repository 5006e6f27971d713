import { forgetDrafts } from '../../test-utils/storage.js';
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { as, bodies, C, key, post, TARGET, $ } from '../../test-utils/comments-fixture.js';
import { memoryBackendFixture } from '../../test-utils/fixtures.js';
import { mountInProvider, shadowText } from '../../test-utils/mount.js';
import { waitUntil } from '../../test-utils/wait.js';
import type { PgoComments } from './comments.js';

// Issue 23 in an open discussion: comments published elsewhere are announced politely ("2 nouveaux commentaires —
// afficher"), never inserted under the reader; the reader's own comments are never announced as new.
async function mountLive(lang = 'fr') {
  forgetDrafts('comment', 'comment-reply');
  const { backend } = memoryBackendFixture();
  const root = (await post(backend, 'ana', { body: 'Premier fil.', authorName: 'Ana' })).comment.id;
  const { el, provider } = await mountInProvider<PgoComments>(backend, C, html`<pgo-comments target=${TARGET}></pgo-comments>`, { lang });
  await waitUntil(() => bodies(el).length === 1, 'the discussion did not load');
  await waitUntil(() => provider.session!.live.lastId !== null, 'the stream did not get ready');
  return { el, backend, root };
}

const status = (el: PgoComments) => el.shadowRoot!.querySelector('.live-status')!;

describe('<pgo-comments> live', () => {
  afterEach(() => forgetDrafts('comment', 'comment-reply'));

  it('announces comments and replies published elsewhere, inserts nothing, and shows them on request', async () => {
    const { el, backend, root } = await mountLive();
    expect(status(el).getAttribute('role')).to.equal('status');
    expect(status(el).textContent!.trim()).to.equal('');
    const focused = $(el, `#comment-${root}`)!;
    focused.focus();
    await post(backend, 'bo', { body: 'Un avis publié ailleurs.', authorName: 'Bo' });
    await post(backend, 'cy', { body: 'Une réponse publiée ailleurs.', parentId: root });
    await waitUntil(() => status(el).textContent!.trim() === '2 nouveaux commentaires', `not announced: “${status(el).textContent}”`);
    expect(bodies(el)).to.deep.equal(['Premier fil.'], 'nothing inserted');
    expect(el.shadowRoot!.activeElement).to.equal(focused, 'focus stays');
    await expect(el).to.be.accessible();
    const show = $(el, '[part~="show-new"]')!;
    expect(show.textContent!.trim()).to.equal('Afficher les 2 nouveaux commentaires');
    show.click();
    await waitUntil(() => bodies(el).includes('Un avis publié ailleurs.'), 'the new comments were not shown');
    expect(shadowText(el, '[part~="replies"]')).to.equal('Afficher la réponse', 'the reply is counted under its thread');
    await waitUntil(() => status(el).textContent!.trim() === '', 'the announcement stayed');
    expect($(el, '[part~="show-new"]')).to.equal(null);
    await waitUntil(() => el.shadowRoot!.activeElement?.id === `comment-${root}`, 'focus did not go to the first comment');
  });

  it('never announces the reader’s own comment, even when the stream tells its count before the answer arrives', async () => {
    const { el, backend } = await mountLive();
    const said: string[] = [];
    const observer = new MutationObserver(() => said.push(status(el).textContent!.trim()));
    observer.observe(status(el), { childList: true, subtree: true, characterData: true });
    try {
      const textarea = $<HTMLTextAreaElement>(el, '[name="body"]')!;
      textarea.value = 'Mon propre commentaire.';
      textarea.dispatchEvent(new Event('input'));
      $(el, '[part~="submit"]')!.click();
      await waitUntil(() => bodies(el).includes('Mon propre commentaire.'), 'the comment was not shown');
      // Someone else comments afterwards: that one is new.
      await as(backend, 'dan').postComment(C, { target: TARGET, body: 'Le sien.' }, key());
      await waitUntil(() => status(el).textContent!.trim() === '1 nouveau commentaire', 'the other comment was not announced');
      expect(said.filter((s) => s !== '' && s !== '1 nouveau commentaire')).to.deep.equal([], 'something else was announced');
      expect(said.filter((s) => s === '1 nouveau commentaire').length).to.equal(1);
    } finally {
      observer.disconnect();
    }
  });

  it('speaks English', async () => {
    const { el, backend } = await mountLive('en');
    await post(backend, 'bo', { body: 'Elsewhere.' });
    await waitUntil(() => shadowText(el, '.live-status') === '1 new comment', 'not announced in English');
    expect(shadowText(el, '[part~="show-new"]')).to.equal('Show 1 new comment');
  });
});
