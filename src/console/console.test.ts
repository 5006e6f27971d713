/**
 * The organiser console against a real reference server (test/console-server.mjs proxies this page's
 * /api/v1 to it, same origin): every task by keyboard alone, axe in every state, in each engine.
 */
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { expect } from '@open-wc/testing';
import { waitUntil } from '../test-utils/wait.js';
import './index.js';
import type { PgoConsole } from './console-app.js';
import { count, deep, deepActive, mountConsole, startConsoleServer, tabTo, text } from './console-test-kit.js';
import type { PgoConsoleHostLinks } from './host-links.js';
// The settings tasks, in this file on purpose: both sign in on one origin, and two console files run at once (Chromium
// runs two files in parallel) overwrote each other's session cookie and server; one file runs them one after the other.
import './console-settings.suite.js';

describe('<pgo-console> by keyboard, against the reference server', function () {
  this.timeout(180_000);
  let el: PgoConsole;
  let password = '';

  before(async () => {
    password = (await startConsoleServer()).password!;
    // Not `fixture()`: it would be removed after each test, and these tests follow one organiser's session.
    el = await mountConsole();
    expect(deep(el, 'pgo-console-sign-in', '#f-email'), 'the sign-in form').to.not.equal(null);
  });
  after(async () => {
    el?.remove();
    await executeServerCommand('pgo-console-stop');
  });

  it('signs in, with one generic error for a wrong password', async () => {
    await expect(el).to.be.accessible();
    await tabTo((a) => a.id === 'f-email', 'the e-mail field');
    await sendKeys({ type: 'admin@ville.example.fr' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'not the right password' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(deep(el, 'pgo-console-sign-in', '.send-error')) === 'Wrong e-mail or password.', 'no generic error', {
      timeout: 20_000,
    });
    await expect(el).to.be.accessible();
    await tabTo((a) => a.id === 'f-password', 'the password field', 10, true);
    for (let i = 0; i < 'not the right password'.length; i++) await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: password });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(deep(el, 'h1')) === 'Organiser console', 'not signed in', { timeout: 20_000 });
    expect(text(deep(el, 'header'))).to.contain('Signed in as Anne Admin');
    await expect(el).to.be.accessible();
  });

  it('approves a pending contribution with a reason, after being stopped for a missing one', async () => {
    await waitUntil(() => deep(el, 'pgo-moderation-queue'), 'no queue', { timeout: 20_000 });
    const queue = deep(el, 'pgo-moderation-queue')!;
    await waitUntil(() => count(queue, 'pending') > 0, 'no pending item', { timeout: 20_000 });
    const before = count(queue, 'pending');
    await tabTo((a) => a.textContent?.trim() === 'Approve', 'an Approve button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deep(queue, '#reason-error'), 'no reason error');
    expect(deepActive()?.id).to.equal('reason');
    await expect(el).to.be.accessible();
    await sendKeys({ type: 'Conforme à la charte' });
    await tabTo((a) => a.textContent?.trim() === 'Approve', 'an Approve button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => count(queue, 'pending') === before - 1, 'the pending count did not drop', { timeout: 20_000 });
    await expect(el).to.be.accessible();
  });

  it('moves between tabs with the arrow keys and hides a reported proposal with the m shortcut', async () => {
    const queue = deep(el, 'pgo-moderation-queue')!;
    await tabTo((a) => a.id === 'tab-pending', 'the selected tab', 60, true);
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(
      () =>
        deep(queue, '#tab-reported')?.getAttribute('aria-selected') === 'true' &&
        text(deep(queue, '.reports')).includes('Propos hors sujet'),
      'reported tab',
      { timeout: 20_000 },
    );
    expect(deepActive()?.id).to.equal('tab-reported');
    await expect(el).to.be.accessible();
    const hidden = count(queue, 'hidden');
    await tabTo((a) => a instanceof HTMLInputElement && a.type === 'checkbox' && !!a.closest('.item'), 'an item checkbox');
    await sendKeys({ press: 'm' });
    await waitUntil(() => count(queue, 'reported') === 0 && count(queue, 'hidden') === hidden + 1, 'not hidden', { timeout: 20_000 });
  });

  it('restores a selection from the hidden tab (x to select, r to restore)', async () => {
    const queue = deep(el, 'pgo-moderation-queue')!;
    await tabTo((a) => a.id === 'tab-reported', 'the selected tab', 60, true);
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => deep(queue, '#tab-hidden')?.getAttribute('aria-selected') === 'true' && deep(queue, '.item'), 'hidden tab', {
      timeout: 20_000,
    });
    await expect(el).to.be.accessible();
    const hidden = count(queue, 'hidden');
    await tabTo((a) => a instanceof HTMLInputElement && a.type === 'checkbox' && !!a.closest('.item'), 'an item checkbox');
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'x' });
    await waitUntil(() => text(deep(queue, '.bulk')).includes('1 item selected'), 'not selected');
    await sendKeys({ press: 'r' });
    await waitUntil(() => count(queue, 'hidden') === hidden - 1, 'not restored', { timeout: 20_000 });
    await expect(el).to.be.accessible();
  });

  it('answers a proposal: "not kept" needs a text, then the badge says so', async () => {
    await tabTo((a) => a.textContent?.trim() === 'Answers', 'the Answers section', 60, true);
    await sendKeys({ press: 'Enter' });
    const list = await waitUntil(() => deep(el, 'pgo-answer-list'), 'no answer list').then(() => deep(el, 'pgo-answer-list')!);
    await waitUntil(() => deep(list, '.item'), 'no proposals', { timeout: 20_000 });
    await expect(el).to.be.accessible();
    await tabTo((a) => a.getAttribute('aria-expanded') === 'false', 'a proposal to answer');
    await sendKeys({ press: 'Enter' });
    const form = await waitUntil(() => deep(list, 'pgo-answer-form'), 'no form').then(() => deep(list, 'pgo-answer-form')!);
    await tabTo((a) => a instanceof HTMLInputElement && a.type === 'radio' && a.checked, 'the outcome');
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => deep<HTMLInputElement>(form, 'input[value="not-kept"]')?.checked, 'not-kept not chosen');
    await tabTo((a) => a.getAttribute('type') === 'submit', 'Save the answer');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deep(form, '.error-summary'), 'no error summary');
    await expect(el).to.be.accessible();
    await tabTo((a) => a.id === 'f-text', 'the answer text');
    await sendKeys({ type: 'Déjà prévu par la loi pour une République numérique.' });
    await tabTo((a) => a.getAttribute('type') === 'submit', 'Save the answer');
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () =>
        text(deep(list, '.badge')).includes('Not kept') ||
        [...list.shadowRoot!.querySelectorAll('.badge')].some((b) => text(b) === 'Not kept'),
      'no badge',
      { timeout: 20_000 },
    );
    await expect(el).to.be.accessible();
  });

  it('reads the audit log, which lists every decision with its reason', async () => {
    await tabTo((a) => a.textContent?.trim() === 'Audit log', 'the Audit log section', 60, true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deep(el, 'pgo-audit-log', 'table'), 'no audit table', { timeout: 20_000 });
    const table = text(deep(el, 'pgo-audit-log', 'table'));
    for (const action of ['moderation.approve', 'moderation.hide', 'moderation.restore', 'proposal.answer'])
      expect(table).to.contain(action);
    expect(table).to.contain('Conforme à la charte');
    expect(deep<HTMLAnchorElement>(el, 'pgo-audit-log', 'a[download]')!.href).to.match(
      /\/api\/v1\/admin\/audit\?consultation=plan-action-2017&format=csv$/,
    );
    await expect(el).to.be.accessible();
  });

  it('manages organisers: adds one (after the error summary), removes its role, resets its password', async () => {
    await tabTo((a) => a.textContent?.trim() === 'Organisers', 'the Organisers section', 80, true);
    await sendKeys({ press: 'Enter' });
    const admin = await waitUntil(() => deep(el, 'pgo-organiser-admin', 'table'), 'no organiser table', { timeout: 20_000 }).then(() =>
      deep(el, 'pgo-organiser-admin')!,
    );
    await expect(el).to.be.accessible();
    await tabTo((a) => a.getAttribute('type') === 'submit', 'Add the organiser', 80);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deep(admin, '.error-summary'), 'no error summary');
    await expect(el).to.be.accessible();
    await tabTo((a) => a.id === 'f-email', 'the e-mail field', 80, true);
    await sendKeys({ type: 'marie@ville.example.fr' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Marie Modératrice' });
    await tabTo((a) => a.getAttribute('type') === 'submit', 'Add the organiser', 20);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(deep(admin, 'table')).includes('marie@ville.example.fr'), 'not added', { timeout: 20_000 });
    expect(text(deep(admin, 'table'))).to.contain('moderator on every consultation');
    await tabTo((a) => a.textContent?.trim() === 'Manage Marie Modératrice', 'Manage Marie', 80, true);
    await sendKeys({ press: 'Enter' });
    await tabTo((a) => a.textContent?.trim() === 'Remove the moderator role on every consultation', 'Remove the role', 20);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(deep(admin, '.manage [role="status"]')).startsWith('Roles of Marie Modératrice saved'), 'roles not saved', {
      timeout: 20_000,
    });
    expect(text(deep(admin, 'table'))).to.contain('no role');
    await expect(el).to.be.accessible();
    await tabTo((a) => a.id.startsWith('password-'), 'the new password', 80, true);
    await sendKeys({ type: 'une autre phrase de passe' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => text(deep(admin, '.manage [role="status"]')).startsWith('Password of Marie Modératrice reset'),
      'password not reset',
      { timeout: 20_000 },
    );
    await expect(el).to.be.accessible();
  });

  it('host links (issue 22): issues one for the past relay workshop, shown once; revoked, it stops working at once', async () => {
    await tabTo((a) => a.textContent?.trim() === 'Host links', 'the Host links section', 80, true);
    await sendKeys({ press: 'Enter' });
    const screen = await waitUntil(() => deep(el, 'pgo-console-host-links', '#host-event option'), 'no workshop to choose', {
      timeout: 20_000,
    }).then(() => deep<PgoConsoleHostLinks>(el, 'pgo-console-host-links')!);
    await expect(el).to.be.accessible();
    // The demo's past workshops, oldest first: the ministry dialogue, then the relay workshop.
    const select = deep<HTMLSelectElement>(screen, '#host-event')!;
    await tabTo((a) => a.id === 'host-event', 'the workshop picker');
    while (select.value !== 'ar-saint-exemple-tilleuls' && select.selectedIndex < select.options.length - 1) {
      await sendKeys({ press: 'ArrowDown' });
      await screen.updateComplete;
    }
    expect(select.value).to.equal('ar-saint-exemple-tilleuls');
    await waitUntil(() => text(screen.shadowRoot!.querySelector('h3 + p')) === 'No link for this workshop.', 'the links were not loaded');
    await tabTo((a) => a.id === 'host-label', 'the label');
    await sendKeys({ type: 'Maison des Tilleuls' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'https://ville.example.fr/atelier.html' });
    await tabTo((a) => a.getAttribute('type') === 'submit', 'Create a link');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActive()?.id === 'issued', 'the new link did not take the focus', { timeout: 20_000 });
    const link = deep<HTMLInputElement>(screen, '#issued')!.value;
    expect(link).to.match(/^https:\/\/ville\.example\.fr\/atelier\.html#pgo-host=hl_[\w-]+$/);
    expect(text(screen.shadowRoot!.querySelector('[role="status"]'))).to.equal('Link created. Copy it now: it will never be shown again.');
    await expect(el).to.be.accessible();
    // The link opens the workshop's report to anyone holding it: a report refused for its content (422), not for access.
    const hostKey = link.split('#pgo-host=')[1]!;
    const participant = ((await (await fetch('/api/v1/participants', { method: 'POST' })).json()) as { token: string }).token;
    const file = () =>
      fetch('/api/v1/consultations/plan-action-2017/events/ar-saint-exemple-tilleuls/report', {
        method: 'POST',
        headers: { authorization: `Bearer ${participant}`, 'content-type': 'application/json' },
        body: JSON.stringify({ heldOn: '2000-01-01', attendees: 0, summary: 'Trop court', consent: true, contributions: [], hostKey }),
      }).then((r) => r.status);
    expect(await file()).to.equal(422);
    await tabTo((a) => a.textContent?.trim() === 'Revoke the link “Maison des Tilleuls”', 'Revoke', 40);
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => text(screen.shadowRoot!.querySelector('[role="status"]')) === 'Link “Maison des Tilleuls” revoked: it no longer works.',
      'not revoked',
      { timeout: 20_000 },
    );
    expect(text(screen.shadowRoot!.querySelector('[part="link"]'))).to.contain('Revoked on');
    expect(screen.shadowRoot!.querySelector('#issued')).to.equal(null);
    await expect(el).to.be.accessible();
    expect(await file()).to.equal(403);
  });

  it('signs out', async () => {
    await tabTo((a) => a.textContent?.trim() === 'Sign out', 'Sign out', 80, true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deep(el, 'pgo-console-sign-in'), 'not signed out', { timeout: 20_000 });
    expect(text(el.shadowRoot!.querySelector('[role="status"]'))).to.equal('You are signed out.');
    await expect(el).to.be.accessible();
  });
});
