import { forgetDrafts } from '../../test-utils/storage.js';
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../test-utils/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { MemoryBackend } from '../../backends/memory.js';
import { validationError, backendError } from '../../core/errors.js';
import type { ConsultationSettings, ExtraField, ProposalFieldRules } from '../../core/schemas.js';
import { defaultSettings, iso, memoryBackendFixture, actionPlanConsultation } from '../../test-utils/fixtures.js';
import { mountInProvider, restorePageVisibility, setPageVisibility, shadowText, sleep } from '../../test-utils/mount.js';
import { setFormField } from '../../test-utils/form-field.js';
import type { PgoProposalForm } from './proposal-form.js';

const SESSION_FORMAT: ExtraField = {
  id: 'format',
  label: 'Format de session',
  type: 'select',
  required: true,
  options: [
    { value: 'conference', label: 'Conférence' },
    { value: 'atelier', label: 'Atelier' },
    { value: 'pitch', label: 'Pitch' },
  ],
};
const COMMUNE: ExtraField = { id: 'commune', label: 'Code postal de votre commune', type: 'postal-code', required: false };
const XSS = '<img src=x onerror=alert(1)>';

function fields(overrides: Partial<ProposalFieldRules>): Partial<ConsultationSettings> {
  return { proposalFields: { ...defaultSettings().proposalFields, ...overrides } };
}

async function mount(
  options: {
    settings?: Partial<ConsultationSettings>;
    lang?: string;
    position?: 'before' | 'ideation' | 'between';
    held?: boolean;
    backend?: MemoryBackend;
    ready?: boolean;
  } = {},
) {
  const backend = options.backend ?? memoryBackendFixture({ settings: options.settings, position: options.position }).backend;
  const release = options.held ? backend.hold() : () => {};
  const { el, provider } = await mountInProvider<PgoProposalForm>(
    backend,
    'plan-action-2017',
    html`<pgo-proposal-form></pgo-proposal-form>`,
    {
      lang: options.lang ?? 'fr',
      ready: options.ready,
    },
  );
  return { el, provider, backend, release };
}

const $ = <T extends Element = HTMLElement>(el: PgoProposalForm, selector: string) =>
  el.shadowRoot!.querySelector<T & HTMLElement>(selector);
const control = (el: PgoProposalForm, name: string) => $<HTMLInputElement>(el, `[name="${name}"]`)!;
const focused = (el: PgoProposalForm) => el.shadowRoot!.activeElement;
const proposalCount = (backend: MemoryBackend) => backend.proposals.size;
const createCalls = (backend: MemoryBackend) => backend.calls.filter((c) => c.method === 'createProposal').length;

/** Sets a field as the browser would after the citizen edited it and left. */
function set(el: PgoProposalForm, name: string, value: string | boolean) {
  void setFormField(el, name, value); // the field is set at once; callers that need the render await updateComplete
}

async function fillValid(el: PgoProposalForm, title = 'Publier les budgets en données ouvertes') {
  set(el, 'title', title);
  set(el, 'body', 'Chaque collectivité publie son budget voté dans un format ouvert et réutilisable.');
  set(el, 'categoryId', 'donnees');
  set(el, 'consent', true);
  await el.updateComplete;
}

const submitButton = (el: PgoProposalForm) => $<HTMLButtonElement>(el, '[part~="submit"]')!;

async function submitAndWait(el: PgoProposalForm) {
  submitButton(el).click();
  await el.updateComplete; // a summary from an earlier attempt goes first
  await waitUntil(
    () => el.shadowRoot!.querySelector('[part="success"], [part="send-error"], [part="error-summary"]'),
    'nothing happened after submit',
  );
}

const clearDrafts = () => forgetDrafts('proposal');
const storedDraft = () => Object.keys(localStorage).find((k) => k.startsWith('pgo-draft:proposal|'));

describe('<pgo-proposal-form>', () => {
  beforeEach(() => {
    clearDrafts();
    setPageVisibility('visible');
  });
  afterEach(() => {
    clearDrafts();
    restorePageVisibility();
  });

  it('shows the loading state, then an empty form built from the consultation settings', async () => {
    const { el, release } = await mount({ held: true, ready: false });
    expect(shadowText(el)).to.equal('Chargement…');
    await expect(el).to.be.accessible();
    release();
    await waitUntil(() => $(el, 'form'), 'the form did not appear');
    const labels = [...el.shadowRoot!.querySelectorAll('form label')].map((l) => l.textContent!.replace(/\s+/g, ' ').trim());
    expect(labels).to.deep.equal([
      'Titre de votre proposition (obligatoire)',
      'Votre proposition (obligatoire)',
      'Thème (obligatoire)',
      'Votre nom ou pseudonyme',
      'Votre adresse e-mail',
      `${defaultSettings().proposalFields.consent!.text} (obligatoire)`,
      'Ne pas remplir ce champ',
    ]);
    expect([...(control(el, 'categoryId') as unknown as HTMLSelectElement).options].map((o) => o.value)).to.deep.equal([
      '',
      'donnees',
      'participation',
      'transparence',
      'nouveaux-themes',
    ]);
    expect(control(el, 'email').getAttribute('autocomplete')).to.equal('email');
    expect(control(el, 'email').type).to.equal('email');
    expect(control(el, 'authorName').getAttribute('autocomplete')).to.equal('name');
    expect(shadowText(el, '#f-email-hint')).to.contain('jamais affichée publiquement');
    const privacy = $<HTMLAnchorElement>(el, '#f-consent-hint a')!;
    expect(privacy.href).to.equal('https://consultation.example.fr/donnees-personnelles');
    expect(shadowText(el, '#f-title-count')).to.equal('Il vous reste 120 caractères');
    expect($(el, '.error-message, [part="error-summary"]')).to.equal(null);
    expect(control(el, 'title').getAttribute('aria-invalid')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('hides the honeypot from people and assistive technologies and sends it as website', async () => {
    const { el } = await mount();
    const trap = control(el, 'website');
    expect(trap.tabIndex).to.equal(-1);
    expect(trap.getAttribute('autocomplete')).to.equal('off');
    expect(trap.closest('[aria-hidden="true"]')).to.exist;
    const box = trap.getBoundingClientRect();
    expect(box.right).to.be.lessThan(0);
    await fillValid(el);
    set(el, 'website', 'http://spam.example');
    const submitted = oneEvent(el, 'pgo-proposal-submit');
    submitButton(el).click();
    expect((await submitted).detail.website).to.equal('http://spam.example');
  });

  it('builds extra, author, e-mail and consent fields from the consultation', async () => {
    const { el } = await mount({
      settings: fields({ extraFields: [SESSION_FORMAT, COMMUNE], authorName: 'hidden', email: 'required', consent: null }),
    });
    expect(control(el, 'authorName')).to.equal(null);
    expect(control(el, 'consent')).to.equal(null);
    expect(shadowText(el, 'label[for="f-email"]')).to.equal('Votre adresse e-mail (obligatoire)');
    expect([...(control(el, 'extra.format') as unknown as HTMLSelectElement).options].map((o) => o.textContent)).to.deep.equal([
      'Choisir…',
      'Conférence',
      'Atelier',
      'Pitch',
    ]);
    const commune = control(el, 'extra.commune');
    expect(commune.getAttribute('autocomplete')).to.equal('postal-code');
    expect(commune.getAttribute('inputmode')).to.equal('numeric');
    set(el, 'extra.commune', '750');
    await el.updateComplete;
    expect(shadowText(el, '#f-extra-commune-error')).to.equal('Erreur : Saisissez un code postal à cinq chiffres.');
    await expect(el).to.be.accessible();
  });

  it('is closed before the ideation phase and says when it opens, in the consultation’s time zone', async () => {
    const { el, backend } = await mount({ position: 'before' });
    expect($(el, 'form')).to.equal(null);
    const opens = backend.consultations.get('plan-action-2017')!.phases[0]!.startsAt;
    const date = new Intl.DateTimeFormat('fr', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(
      new Date(opens),
    );
    expect(shadowText(el, '[part="closed"]')).to.contain('Le dépôt de propositions n’est pas ouvert en ce moment. Il ouvrira le');
    expect(shadowText(el, '[part="closed"]')).to.contain(date);
    await expect(el).to.be.accessible();
  });

  it('says no other proposal phase is planned between the phases, in English too', async () => {
    const { el } = await mount({ position: 'between', lang: 'en' });
    expect(shadowText(el, '[part="closed"]')).to.equal('Proposals are not open at the moment. No other proposal phase is planned.');
    await expect(el).to.be.accessible();
  });

  it('opens by itself when the proposal phase starts, and says so politely', async () => {
    const now = Date.now();
    const consultation = actionPlanConsultation(now, 'ideation');
    consultation.phases[0]!.startsAt = iso(now + 1200);
    const { el } = await mount({ backend: new MemoryBackend({ consultations: [consultation] }) });
    expect($(el, '[part="closed"]')).to.exist;
    await waitUntil(() => $(el, 'form'), 'the form did not open');
    expect(shadowText(el, '[part="announcer"]')).to.equal('Le dépôt de propositions est maintenant ouvert.');
  });

  it('shows a field’s error only once it was edited and left, with a hidden prefix and ARIA links', async () => {
    const { el } = await mount();
    const title = control(el, 'title');
    title.focus();
    await sendKeys({ type: 'Trop' });
    await el.updateComplete;
    expect($(el, '#f-title-error')).to.equal(null);
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    const error = $(el, '#f-title-error')!;
    expect(error.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Erreur : Saisissez au moins 10 caractères.');
    expect(error.querySelector('.visually-hidden')!.textContent!.trim()).to.equal('Erreur :');
    expect(title.getAttribute('aria-invalid')).to.equal('true');
    expect(title.getAttribute('aria-describedby')).to.equal('f-title-hint f-title-error f-title-count');
    for (const id of title.getAttribute('aria-describedby')!.split(' ')) expect(el.shadowRoot!.getElementById(id), id).to.exist;
    // The body was never edited: no error on it yet.
    expect($(el, '#f-body-error')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('focuses the error summary on a failed submit; each link focuses its field', async () => {
    const { el, backend } = await mount();
    submitButton(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(el)?.matches('[part="error-summary"]'), 'the summary did not take focus');
    const summary = $(el, '[part="error-summary"]')!;
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(shadowText(el, '#error-summary-title')).to.equal('Il y a un problème');
    const links = [...summary.querySelectorAll('a')];
    expect(links.map((a) => a.textContent)).to.deep.equal([
      'Titre de votre proposition : Ce champ est obligatoire.',
      'Votre proposition : Ce champ est obligatoire.',
      'Thème : Ce champ est obligatoire.',
      'Consentement : Vous devez donner votre accord pour continuer.',
    ]);
    expect(el.shadowRoot!.querySelectorAll('.error-message')).to.have.length(4);
    expect(createCalls(backend)).to.equal(0);
    await expect(el).to.be.accessible();
    // Keyboard: Tab to the second link, Enter: the body field has focus.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(links[1]);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(focused(el)).to.equal(control(el, 'body'));
    links[2]!.click();
    await el.updateComplete;
    expect(focused(el)).to.equal(control(el, 'categoryId'));
    links[3]!.click();
    await el.updateComplete;
    expect(focused(el)).to.equal(control(el, 'consent'));
    // Fixed fields leave the summary; it goes when everything is fixed.
    await fillValid(el);
    expect($(el, '[part="error-summary"]')).to.equal(null);
  });

  it('is completed with the keyboard only, from the first field to the confirmation', async () => {
    const { el, backend } = await mount({ settings: fields({ email: 'optional', authorName: 'optional' }) });
    const before = proposalCount(backend);
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(control(el, 'title'));
    await sendKeys({ type: 'Ouvrir les données des transports' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(control(el, 'body'));
    await sendKeys({ type: 'Publier les horaires et les retards en temps réel pour toutes les lignes.' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(control(el, 'categoryId'));
    await sendKeys({ type: 'O' }); // type-ahead: « Ouvrir plus de données… »
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(control(el, 'authorName'));
    await sendKeys({ type: 'Camille' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(control(el, 'email'));
    await sendKeys({ type: 'camille@example.fr' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(control(el, 'consent'));
    await sendKeys({ press: ' ' });
    await sendKeys({ press: 'Tab' }); // the privacy link
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(submitButton(el));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '[part="success"]'), 'no confirmation');
    await waitUntil(() => focused(el) === $(el, '[part="success"]'), 'the confirmation did not take focus');
    expect(proposalCount(backend)).to.equal(before + 1);
    const created = [...backend.proposals.values()].at(-1)!;
    expect(created).to.include({
      title: 'Ouvrir les données des transports',
      categoryId: 'donnees',
      authorName: 'Camille',
      email: 'camille@example.fr',
    });
    await expect(el).to.be.accessible();
  });

  it('is busy while sending: aria-busy, "Envoi…", focus kept, and double clicks or Enter spam send one request', async () => {
    const { el, backend } = await mount();
    const before = proposalCount(backend);
    await fillValid(el);
    const release = backend.hold('createProposal');
    const button = submitButton(el);
    button.focus();
    button.click();
    button.click();
    await el.updateComplete;
    expect($(el, 'form')!.getAttribute('aria-busy')).to.equal('true');
    expect(button.textContent!.trim()).to.equal('Envoi…');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(focused(el)).to.equal(button);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    control(el, 'title').focus();
    await sendKeys({ press: 'Enter' });
    release();
    await waitUntil(() => $(el, '[part="success"]'), 'no confirmation');
    expect(createCalls(backend)).to.equal(1);
    expect(proposalCount(backend)).to.equal(before + 1);
  });

  it('keeps the text on a network failure and offers a retry that never creates a second proposal', async () => {
    const { el, backend } = await mount();
    const before = proposalCount(backend);
    // The server stores the proposal but the answer is lost on the way back.
    const create = backend.createProposal.bind(backend);
    let lose = true;
    backend.createProposal = async (...args) => {
      const receipt = await create(...args);
      if (lose) {
        lose = false;
        throw backendError('network', 'Connection reset');
      }
      return receipt;
    };
    await fillValid(el);
    await submitAndWait(el);
    const alert = $(el, '[part="send-error"]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(shadowText(el, '[part="send-error"] p')).to.equal(
      'L’envoi n’a pas abouti. Votre texte est conservé. La connexion au serveur a échoué. Vérifiez votre connexion puis réessayez.',
    );
    expect(control(el, 'title').value).to.equal('Publier les budgets en données ouvertes');
    expect(storedDraft()).to.exist;
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~="retry"]')!.click();
    await waitUntil(() => $(el, '[part="success"]'), 'no confirmation after the retry');
    expect(createCalls(backend)).to.equal(2);
    expect(proposalCount(backend)).to.equal(before + 1);
    expect(storedDraft()).to.equal(undefined);
  });

  it('retries after being offline with the same text', async () => {
    const { el, backend } = await mount();
    const before = proposalCount(backend);
    await fillValid(el);
    backend.offline = true;
    await submitAndWait(el);
    expect(shadowText(el, '[part="send-error"]')).to.contain('Vous êtes hors ligne.');
    backend.offline = false;
    $<HTMLButtonElement>(el, '[part~="retry"]')!.click();
    await waitUntil(() => $(el, '[part="success"]'), 'no confirmation');
    expect(proposalCount(backend)).to.equal(before + 1);
  });

  it('puts the server’s field errors on their fields, as text', async () => {
    const { el, backend } = await mount({ settings: fields({ extraFields: [SESSION_FORMAT] }) });
    await fillValid(el);
    set(el, 'extra.format', 'atelier');
    backend.failNext(
      'createProposal',
      validationError([
        { field: 'extra.format', code: 'invalid', message: 'extra.format is not one of the allowed options' },
        { field: 'title', code: 'duplicate', message: `A proposal titled ${XSS} already exists` },
      ]),
    );
    await submitAndWait(el);
    await waitUntil(() => focused(el)?.matches('[part="error-summary"]'), 'the summary did not take focus');
    expect([...$(el, '[part="error-summary"]')!.querySelectorAll('a')].map((a) => a.textContent)).to.deep.equal([
      `Titre de votre proposition : A proposal titled ${XSS} already exists`,
      'Format de session : Cette valeur n’est pas valide.',
    ]);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(control(el, 'extra.format').getAttribute('aria-invalid')).to.equal('true');
    expect(shadowText(el, '#f-extra-format-error')).to.equal('Erreur : Cette valeur n’est pas valide.');
    await expect(el).to.be.accessible();
    // Editing the field clears the server's error on it.
    set(el, 'extra.format', 'pitch');
    await el.updateComplete;
    expect($(el, '#f-extra-format-error')).to.equal(null);
  });

  it('says when to try again after a rate limit, with the right plural, in French and English', async () => {
    const { el, backend } = await mount();
    await fillValid(el);
    backend.failNext('createProposal', 'rate-limited');
    await submitAndWait(el);
    expect(shadowText(el, '[part="send-error"] p')).to.contain('Trop de demandes. Réessayez dans 30 secondes.');
    expect($(el, '[part~="retry"]')).to.exist;
    await expect(el).to.be.accessible();
    el.lang = 'en';
    await el.updateComplete;
    expect(shadowText(el, '[part="send-error"] p')).to.contain('Too many requests. Try again in 30 seconds.');
    backend.failNext('createProposal', backendError('rate-limited', 'Slow down', { retryAfter: 1 }));
    $<HTMLButtonElement>(el, '[part~="retry"]')!.click();
    await waitUntil(() => shadowText(el, '[part="send-error"] p').includes('1 second.'));
    expect(createCalls(backend)).to.equal(2);
  });

  it('confirms a proposal awaiting moderation, fires pgo-proposal-submitted and offers another one', async () => {
    const { el, backend } = await mount({ settings: { moderation: 'pre' } });
    await fillValid(el);
    const submitted = oneEvent(el, 'pgo-proposal-submitted');
    submitButton(el).click();
    const event = await submitted;
    expect(event.detail.moderation).to.equal('pending');
    expect(event.bubbles && event.composed).to.equal(true);
    expect(backend.proposals.get(event.detail.proposal.id)!.status).to.equal('pending');
    await el.updateComplete;
    expect(shadowText(el, '[part="success"] p')).to.equal(
      'Votre proposition « Publier les budgets en données ouvertes » sera publiée après modération.',
    );
    expect($(el, '[part="link"]')).to.equal(null);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~="another"]')!.click();
    await waitUntil(() => focused(el) === control(el, 'title'), 'focus did not return to the first field');
    expect(control(el, 'title').value).to.equal('');
    expect(control(el, 'consent').checked).to.equal(false);
    expect($(el, '.error-message')).to.equal(null);
  });

  it('links to a published proposal and shows the host’s success slot', async () => {
    const { el, backend } = await mount();
    const create = backend.createProposal.bind(backend);
    backend.createProposal = async (...args) => {
      const receipt = await create(...args);
      return { ...receipt, proposal: { ...receipt.proposal, url: `https://consultation.example.fr/propositions/${receipt.proposal.id}` } };
    };
    const slotted = document.createElement('p');
    slotted.slot = 'success';
    slotted.textContent = 'Merci de votre participation !';
    el.append(slotted);
    await fillValid(el);
    await submitAndWait(el);
    expect(shadowText(el, '[part="success"] p')).to.equal('Votre proposition « Publier les budgets en données ouvertes » est publiée.');
    expect($<HTMLAnchorElement>(el, '[part="link"]')!.href).to.match(/^https:\/\/consultation\.example\.fr\/propositions\/p-/);
    expect($<HTMLSlotElement>(el, 'slot[name="success"]')!.assignedElements()).to.deep.equal([slotted]);
    await expect(el).to.be.accessible();
  });

  it('lets a host veto the submission with pgo-proposal-submit', async () => {
    const { el, backend } = await mount();
    await fillValid(el);
    el.addEventListener('pgo-proposal-submit', (e) => e.preventDefault(), { once: true });
    submitButton(el).click();
    await sleep(50);
    expect(createCalls(backend)).to.equal(0);
    expect($(el, 'form')).to.exist;
  });

  it('shows a title with markup as text everywhere and never runs it', async () => {
    const alerts: unknown[] = [];
    const originalAlert = window.alert;
    window.alert = (message?: unknown) => void alerts.push(message);
    try {
      const { el, backend } = await mount({ settings: fields({ extraFields: [{ ...SESSION_FORMAT, label: `Format ${XSS}` }] }) });
      submitButton(el).click();
      await waitUntil(() => $(el, '[part="error-summary"]'));
      expect(shadowText(el, '[part="error-summary"]')).to.contain(`Format ${XSS} : Ce champ est obligatoire.`);
      await fillValid(el, XSS);
      set(el, 'extra.format', 'pitch');
      await submitAndWait(el);
      expect(shadowText(el, '[part="success"] p')).to.equal(`Votre proposition « ${XSS} » est publiée.`);
      expect([...backend.proposals.values()].at(-1)!.title).to.equal(XSS);
      await sleep(50);
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      expect(alerts).to.deep.equal([]);
    } finally {
      window.alert = originalAlert;
    }
  });

  it('keeps the draft when the element is re-created, restores it with a notice, and discards it on request', async () => {
    const first = await mount();
    set(first.el, 'title', 'Une idée à ne pas perdre');
    set(first.el, 'body', 'Un texte long que le citoyen a mis du temps à écrire.');
    first.el.remove();
    const { el } = await mount({ backend: first.backend });
    expect(control(el, 'title').value).to.equal('Une idée à ne pas perdre');
    expect(control(el, 'body').value).to.equal('Un texte long que le citoyen a mis du temps à écrire.');
    expect(shadowText(el, '[part="draft-notice"] p')).to.match(/^Nous avons retrouvé votre brouillon enregistré le .+ sur cet appareil\.$/);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~="discard"]')!.click();
    await waitUntil(() => focused(el) === control(el, 'title'), 'focus did not go to the first field');
    expect(control(el, 'title').value).to.equal('');
    expect($(el, '[part="draft-notice"]')).to.equal(null);
    expect(shadowText(el, '[part="announcer"]')).to.equal('Brouillon effacé. Vous pouvez encore annuler l’effacement.');
    expect(storedDraft()).to.equal(undefined);
  });

  it('saves the draft as the citizen types, with its idempotency key: a retry after a reload creates one proposal', async () => {
    const first = await mount();
    const backend = first.backend;
    const before = proposalCount(backend);
    control(first.el, 'title').focus();
    await sendKeys({ type: 'Ouvrir' });
    await waitUntil(() => storedDraft(), 'the draft was not saved while typing');
    await fillValid(first.el);
    const create = backend.createProposal.bind(backend);
    let lose = true;
    backend.createProposal = async (...args) => {
      const receipt = await create(...args);
      if (lose) {
        lose = false;
        throw backendError('timeout', 'Too slow');
      }
      return receipt;
    };
    await submitAndWait(first.el);
    expect($(first.el, '[part="send-error"]')).to.exist;
    first.el.remove();
    const { el } = await mount({ backend });
    expect(control(el, 'title').value).to.equal('Publier les budgets en données ouvertes');
    await submitAndWait(el);
    expect($(el, '[part="success"]')).to.exist;
    expect(proposalCount(backend)).to.equal(before + 1);
    expect(storedDraft()).to.equal(undefined);
  });

  it('works when storage is full or blocked', async () => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      const { el, backend } = await mount();
      const before = proposalCount(backend);
      await fillValid(el);
      await sleep(600);
      await submitAndWait(el);
      expect($(el, '[part="success"]')).to.exist;
      expect(proposalCount(backend)).to.equal(before + 1);
    } finally {
      Storage.prototype.setItem = setItem;
    }
  });

  it('shows a counter that is not live, and announces it politely once typing pauses or the limit is crossed', async () => {
    const { el } = await mount({ settings: fields({ title: { min: 3, max: 20 } }) });
    const counter = $(el, '#f-title-count')!;
    expect(counter.closest('[aria-live],[role="status"],[role="alert"]')).to.equal(null);
    const announcer = $(el, '[part="announcer"]')!;
    expect(announcer.getAttribute('aria-live')).to.equal('polite');
    const updates: string[] = [];
    const observer = new MutationObserver(() => updates.push(announcer.textContent!.trim()));
    observer.observe(announcer, { childList: true, characterData: true, subtree: true });
    try {
      control(el, 'title').focus();
      await sendKeys({ type: 'Budget ouvert' });
      await el.updateComplete;
      expect(counter.textContent!.trim()).to.equal('Il vous reste 7 caractères');
      expect(updates).to.deep.equal([]); // 13 keystrokes, no announcement yet
      await waitUntil(() => updates.length > 0, 'no announcement after the pause');
      expect(updates).to.deep.equal(['Il vous reste 7 caractères']);
      await sendKeys({ type: ' pour tous' }); // 23 characters: crosses the limit
      await waitUntil(() => updates.length > 1);
      expect(updates[1]).to.match(/^\d caractères? en trop$/);
      await waitUntil(() => updates.length > 2, 'no announcement after the pause');
      expect(updates).to.have.length(3);
      expect(updates[2]).to.equal('3 caractères en trop');
      expect(counter.textContent!.trim()).to.equal('3 caractères en trop');
      expect(counter.classList.contains('counter--over')).to.equal(true);
    } finally {
      observer.disconnect();
    }
  });

  it('speaks English: labels, summary, prefix and confirmation', async () => {
    const { el } = await mount({ lang: 'en' });
    expect(shadowText(el, 'label[for="f-title"]')).to.equal('Title of your proposal (required)');
    expect(shadowText(el, '#f-title-count')).to.equal('You have 120 characters remaining');
    submitButton(el).click();
    await waitUntil(() => $(el, '[part="error-summary"]'));
    expect(shadowText(el, '#error-summary-title')).to.equal('There is a problem');
    expect(shadowText(el, '#f-title-error')).to.equal('Error: This field is required.');
    await expect(el).to.be.accessible();
    await fillValid(el);
    await submitAndWait(el);
    expect(shadowText(el, '[part="success-title"]')).to.equal('Thank you, your proposal has been received');
    expect(shadowText(el, '[part~="another"]')).to.equal('Propose another idea');
  });
});
