import { forgetDrafts } from '../../test-utils/storage.js';
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { MemoryBackend } from '../../backends/memory.js';
import { expectInTree } from '../../test-utils/a11y-tree.js';
import { $, $$, as, bodies, C, key, mount, post, TARGET, type, XSS } from '../../test-utils/comments-fixture.js';
import { memoryBackendFixture } from '../../test-utils/fixtures.js';
import { mountInProvider, shadowText } from '../../test-utils/mount.js';
import { waitUntil } from '../../test-utils/wait.js';
import type { PgoComments } from './comments.js';

describe('<pgo-comments>', () => {
  afterEach(() => {
    history.replaceState(null, '', location.pathname);
    forgetDrafts('comment', 'comment-reply');
  });

  it('shows the empty state with the form above, accessible, in French and in English', async () => {
    const { el } = await mount();
    expect(shadowText(el, '[part~="count"]')).to.equal('Aucun commentaire');
    expect(shadowText(el, '.empty')).to.contain('Aucun commentaire pour le moment');
    await expectInTree($(el, 'form')!, { role: 'form', name: 'Ajouter un commentaire' });
    await expect(el).to.be.accessible();
    const english = await mount({ lang: 'en' });
    await waitUntil(() => shadowText(english.el, '[part~="count"]') === 'No comments', 'English texts did not load');
  });

  it('posts a comment with the keyboard only, sends it once, keeps nothing of the draft, says so and fires pgo-comment-posted', async () => {
    const { el, backend } = await mount();
    $<HTMLTextAreaElement>(el, '[name="body"]')!.focus();
    await sendKeys({ type: 'Je suis pour, à condition de publier les données chaque mois.' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowRight' });
    const release = backend.hold('postComment');
    const submit = $(el, '[part~="submit"]')!;
    submit.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => submit.getAttribute('aria-disabled') === 'true', 'the form did not say it was sending');
    await sendKeys({ press: 'Enter' });
    const posted = oneEvent(el, 'pgo-comment-posted');
    release();
    const receipt = (await posted).detail;
    expect(receipt.moderation).to.equal('published');
    await waitUntil(() => bodies(el).length === 1);
    expect(backend.calls.filter((c) => c.method === 'postComment').length).to.equal(1, 'the second press sent nothing');
    expect((await backend.listCommentThreads(C, { target: TARGET })).items.length).to.equal(1, 'sent once');
    expect(receipt.comment.stance).to.equal('neutral', 'the arrow key chose the second stance');
    await waitUntil(() => el.shadowRoot!.activeElement?.id === `comment-${receipt.comment.id}`, 'focus did not go to the new comment');
    expect(shadowText(el, '[part="announcer"]')).to.equal('Commentaire publié.');
    expect($<HTMLTextAreaElement>(el, '[name="body"]')!.value).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('keeps the text on the device and brings it back after a reload', async () => {
    const { el } = await mount();
    await type(el, 'body', 'Un brouillon qui ne doit pas se perdre.');
    el.remove();
    const { backend } = memoryBackendFixture();
    const { el: again } = await mountInProvider<PgoComments>(backend, C, html`<pgo-comments target=${TARGET}></pgo-comments>`);
    await waitUntil(
      () => $<HTMLTextAreaElement>(again, '[name="body"]')?.value === 'Un brouillon qui ne doit pas se perdre.',
      'the draft was not restored',
    );
    expect(shadowText(again, '[part="draft-notice"]')).to.contain('brouillon');
  });

  it('shows the length rule’s error and the counter from the consultation', async () => {
    const { el } = await mount({ comments: { length: { min: 5, max: 20 } } });
    await type(el, 'body', 'abc');
    $(el, '[part~="submit"]')!.click();
    await waitUntil(() => !!$(el, '.error-summary'));
    expect(shadowText(el, '.error-summary')).to.contain('5');
    await type(el, 'body', 'x'.repeat(25));
    expect(shadowText(el, '[part="counter"]')).to.equal('5 caractères en trop');
  });

  it('hostile text is shown as text', async () => {
    const { el } = await mount({ seed: (b) => post(b, 'other', { body: XSS, authorName: XSS }) });
    expect(bodies(el)).to.deep.equal([XSS]);
    expect(shadowText(el, '[part="author"]')).to.equal(XSS);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('one reply level: replies are collapsed with their count, load on demand, and a reply to a reply says whom it answers', async () => {
    let root = '';
    const { el, backend } = await mount({
      seed: async (b) => {
        root = (await post(b, 'ana', { body: 'Premier fil.', authorName: 'Ana' })).comment.id;
        await post(b, 'bo', { body: 'Réponse de Bo.', authorName: 'Bo', parentId: root });
      },
    });
    const toggle = $(el, '[part~="replies"]')!;
    expect(toggle.textContent!.trim()).to.equal('Afficher la réponse');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(bodies(el)).to.deep.equal(['Premier fil.']);
    toggle.click();
    await waitUntil(() => bodies(el).length === 2, 'the replies did not load');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const replyTo = $$(el, '[part~="reply"][part~="button"]').find((b) => b.getAttribute('aria-label')!.endsWith('Bo'))!;
    replyTo.click();
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'f-reply-body', 'focus did not go to the reply field');
    await sendKeys({ type: 'Réponse à Bo.' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => bodies(el).length === 3, 'the reply was not shown');
    expect(shadowText(el, '[part="answering"]')).to.equal('En réponse à Bo');
    const thread = await backend.listCommentReplies(C, root, {});
    expect(thread.items.map((r) => r.body)).to.deep.equal(['Réponse de Bo.', 'Réponse à Bo.']);
    await expect(el).to.be.accessible();
  });

  it('20 threads a page, "load more" moves focus to the first new one; the orders reload', async () => {
    const { el } = await mount({
      seed: async (b) => {
        for (let i = 0; i < 23; i++) await post(b, `p${i}`, { body: `Commentaire ${i}` });
      },
    });
    expect(bodies(el).length).to.equal(20);
    expect(shadowText(el, '[part~="count"]')).to.equal('23 commentaires');
    $(el, '[part~="load-more"]')!.click();
    await waitUntil(() => bodies(el).length === 23);
    await waitUntil(
      () => el.shadowRoot!.activeElement?.textContent?.includes('Commentaire 20') ?? false,
      'focus did not move to the first new comment',
    );
    expect($(el, '[part~="load-more"]')).to.equal(null);
    const select = $<HTMLSelectElement>(el, '#sort')!;
    select.value = 'newest';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => bodies(el)[0] === 'Commentaire 22', 'newest first did not load');
  });

  it('helpful once, report with a reason (pgo-comment-reported), edit with an "edited" mark, delete leaving "comment deleted" where replies follow', async () => {
    let theirs = '';
    const { el, backend } = await mount({
      seed: async (b) => {
        theirs = (await post(b, 'other', { body: 'Le leur.', authorName: 'Cam' })).comment.id;
      },
    });
    const helpful = $(el, '[part~="helpful"]')!;
    helpful.click();
    await waitUntil(() => helpful.getAttribute('aria-pressed') === 'true');
    expect(helpful.textContent!.trim()).to.equal('Utile (1)');
    await expectInTree(helpful, { role: 'button', name: 'Utile (1) – Cam' });
    $(el, '[part~="report"]')!.click();
    await el.updateComplete;
    $<HTMLInputElement>(el, `#report-${theirs}-personal-data`)!.click();
    const reported = oneEvent(el, 'pgo-comment-reported');
    $(el, '[part~="send-report"]')!.click();
    expect((await reported).detail).to.deep.equal({ commentId: theirs, reason: 'personal-data' });
    await waitUntil(() => shadowText(el, '[part="report-sent"]').includes('Merci'));
    const mine = (await backend.postComment(C, { target: TARGET, body: 'Le mien.' }, key())).comment.id;
    await post(backend, 'other', { body: 'Une réponse.', parentId: mine });
    el.sort = 'newest';
    await waitUntil(() => bodies(el)[0] === 'Le mien.');
    $(el, '[part~="edit"]')!.click();
    await waitUntil(() => el.shadowRoot!.activeElement?.id === `edit-${mine}`);
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' Corrigé.' });
    $(el, '[part~="save"]')!.click();
    await waitUntil(() => bodies(el)[0] === 'Le mien. Corrigé.');
    expect(shadowText(el, '[part="edited"]')).to.equal('(modifié)');
    $(el, '[part~="delete"]')!.click();
    await waitUntil(() => shadowText(el, '[part="author"]').startsWith('Commentaire supprimé.'));
    expect(bodies(el)).to.deep.equal(['Le leur.']);
    await expect(el).to.be.accessible();
  });

  it('hidden by moderation, pending (its author only), organiser badge and pinned comment', async () => {
    const { el } = await mount({
      comments: { moderation: 'pre', hideAfterReports: 1 },
      seed: async (b) => {
        const { moderateComment, pinComment } = await import('../../backends/memory/comment-extras.js');
        const { postComment } = await import('../../backends/memory/comments.js');
        const bad = (await post(b, 'x', { body: 'À masquer.' })).comment.id;
        moderateComment(b, bad, 'approve');
        await as(b, 'y').reportComment(C, bad, { reason: 'offensive' }, key());
        const official = (
          await postComment(as(b, 'staff'), C, { target: TARGET, body: 'Réponse officielle.', authorName: 'Mairie' }, key(), true)
        ).comment.id;
        pinComment(b, official);
        await b.postComment(C, { target: TARGET, body: 'Le mien, en attente.' }, key());
      },
    });
    expect(bodies(el)[0]).to.equal('Réponse officielle.');
    expect(shadowText(el, '[part~="organiser"]')).to.equal('Organisateur');
    expect(shadowText(el, '[part~="pinned"]')).to.equal('Épinglé');
    expect($$(el, '[part~="author"]').map((a) => a.textContent!.trim())).to.include('Commentaire masqué par la modération.');
    expect(shadowText(el, '[part="pending"]')).to.contain('En attente de modération');
    await expect(el).to.be.accessible();
  });

  it('closed by phase: no form, when it opens again; error with retry; offline', async () => {
    const { el } = await mount({ position: 'after' });
    expect($(el, 'form')).to.equal(null);
    expect(shadowText(el, '.closed')).to.contain('fermés');
    await expect(el).to.be.accessible();
    forgetDrafts('comment', 'comment-reply');
    const { backend } = memoryBackendFixture();
    backend.failNext('listCommentThreads', 'server');
    const { el: failing } = await mountInProvider<PgoComments>(backend, C, html`<pgo-comments target=${TARGET}></pgo-comments>`);
    await waitUntil(() => !!$(failing, '[part="error"]'), 'the error was not shown');
    expect(shadowText(failing, '[part="error"]')).to.contain('Impossible de charger la discussion.');
    await expect(failing).to.be.accessible();
    $(failing, '[part~="retry"]')!.click();
    await waitUntil(() => shadowText(failing, '[part~="count"]') === 'Aucun commentaire', 'retry did not load');
  });

  it('a #comment-ID link opens that comment’s thread and moves focus to it', async () => {
    let reply = '';
    const seed = async (b: MemoryBackend) => {
      for (let i = 0; i < 22; i++) await post(b, `p${i}`, { body: `Commentaire ${i}` });
      const root = (await b.listCommentThreads(C, { target: TARGET, sort: 'newest' })).items[0]!.id;
      reply = (await post(b, 'z', { body: 'La réponse liée.', parentId: root })).comment.id;
    };
    forgetDrafts('comment', 'comment-reply');
    const { backend } = memoryBackendFixture();
    await seed(backend);
    history.replaceState(null, '', `#comment-${reply}`);
    const { el } = await mountInProvider<PgoComments>(backend, C, html`<pgo-comments target=${TARGET}></pgo-comments>`);
    await waitUntil(() => el.shadowRoot!.activeElement?.id === `comment-${reply}`, 'focus did not go to the linked comment');
    expect(bodies(el)[0]).to.equal('Commentaire 21');
    expect(bodies(el)[1]).to.equal('La réponse liée.');
  });

  it('the proposal list shows each proposal’s comment count, which opens its discussion in place', async () => {
    forgetDrafts('comment', 'comment-reply');
    const { backend } = memoryBackendFixture();
    await post(backend, 'a', { body: 'Premier avis.' });
    await post(backend, 'b', { body: 'Second avis.' });
    const { el: list } = await mountInProvider<HTMLElement>(backend, C, html`<pgo-proposal-list></pgo-proposal-list>`);
    await waitUntil(() => !!list.shadowRoot!.querySelector('[data-key="p1"] [part~="comments"]'), 'the list did not show the count');
    const button = list.shadowRoot!.querySelector<HTMLElement>('[data-key="p1"] [part~="comments"]')!;
    expect(button.textContent!.trim()).to.equal('2 commentaires');
    expect(list.shadowRoot!.querySelector('[data-key="p0"] [part~="comments"]')!.textContent!.trim()).to.equal('Commenter');
    button.click();
    await waitUntil(() => !!list.shadowRoot!.querySelector('pgo-comments'), 'the discussion did not open');
    const discussion = list.shadowRoot!.querySelector<PgoComments>('pgo-comments')!;
    await waitUntil(() => bodies(discussion).length === 2, 'the discussion did not load');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    await expect(list).to.be.accessible();
  });
});
