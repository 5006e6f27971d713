import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { userEvent } from 'storybook/test';
import type { ConsultationSettings, ExtraField, ProposalFieldRules } from '../src/core/schemas.js';
import { defaultSettings } from '../src/test-utils/fixtures.js';
import { elementFromArgs } from './support/manifest.js';
import { rendered, setField, storyBackend } from './support/play.js';
import { inConsultation, scenario, type Scenario } from './support/scenario.js';

/**
 * `<pgo-proposal-form>` is the form a citizen fills to propose an idea, built from the
 * consultation's settings (lengths, themes, extra fields, name, e-mail, consent). The stories run on
 * the action-plan consultation; the ones that send something fill the form in a play function.
 */
const FORM = 'pgo-proposal-form';
const DAY = 24 * 60 * 60 * 1000;

const meta: Meta = {
  title: 'Elements/Proposal form',
  component: FORM,
  parameters: { scenario: {} satisfies Scenario },
  render: (args, { parameters }) => inConsultation(scenario(parameters.scenario as Scenario), elementFromArgs(FORM, args)),
};
export default meta;
type Story = StoryObj;

const fields = (overrides: Partial<ProposalFieldRules>): Partial<ConsultationSettings> => ({
  proposalFields: { ...defaultSettings().proposalFields, ...overrides },
});
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
const COMMUNE: ExtraField = {
  id: 'commune',
  label: 'Code postal de votre commune',
  type: 'postal-code',
  required: false,
  hint: 'Cinq chiffres, par exemple 69001.',
};

async function fillValid(canvas: HTMLElement) {
  await setField(canvas, FORM, 'title', 'Publier les budgets en données ouvertes');
  await setField(canvas, FORM, 'body', 'Chaque collectivité publie son budget voté dans un format ouvert et réutilisable par tous.');
  await setField(canvas, FORM, 'categoryId', 'donnees');
  await setField(canvas, FORM, 'consent', true);
}
const submit = async (canvas: HTMLElement) => userEvent.click(await rendered(canvas, FORM, '[part~="submit"]'));

/** The empty form, while the ideation phase takes proposals. */
export const Empty: Story = {};

/** Extra fields declared by the consultation (a session format, a postal code), a required name and e-mail. */
export const ExtraFields: Story = {
  parameters: {
    scenario: {
      settings: fields({ extraFields: [SESSION_FORMAT, COMMUNE], authorName: 'required', email: 'required' }),
    } satisfies Scenario,
  },
};

/** An anonymous form: no name, no e-mail. */
export const Anonymous: Story = {
  parameters: { scenario: { settings: fields({ authorName: 'hidden', email: 'none' }) } satisfies Scenario },
};

/** Sent empty: the error summary gets the focus; each field says what is wrong. */
export const Errors: Story = { play: async ({ canvasElement }) => submit(canvasElement) };

/** Sending: busy, the button says so (the backend is slowed down here). */
export const Sending: Story = {
  tags: ['pgo-pending'],
  play: async ({ canvasElement }) => {
    await fillValid(canvasElement);
    storyBackend(canvasElement).latency = DAY;
    await submit(canvasElement);
    await rendered(canvasElement, FORM, '[aria-busy="true"]');
  },
};

/** Success: published at once (post-moderation), with a link to the proposal. */
export const Published: Story = {
  play: async ({ canvasElement }) => {
    await fillValid(canvasElement);
    await submit(canvasElement);
    await rendered(canvasElement, FORM, '[part~="success"]');
  },
};

/** Success, awaiting moderation (pre-moderation). */
export const AwaitingModeration: Story = {
  parameters: { scenario: { settings: { moderation: 'pre' } } satisfies Scenario },
  play: Published.play,
};

/** The host's own introduction and success message, through the `intro` and `success` slots. */
export const WithSlots: Story = {
  render: (args, { parameters }) => {
    const form = elementFromArgs(FORM, args);
    const intro = html`<p slot="intro">Vos idées nourriront le prochain plan d’action national. Elles sont publiées sous licence ouverte.</p>`;
    const success = html`<p slot="success">Merci ! Retrouvez toutes les contributions sur la page de la consultation.</p>`;
    return inConsultation(scenario(parameters.scenario as Scenario), form, [intro, success]);
  },
  play: Published.play,
};

/** The proposal could not be sent (network): the text is kept, with a retry that never doubles it. */
export const SendError: Story = {
  parameters: { scenario: { fail: [['createProposal', 'network']] } satisfies Scenario },
  play: async ({ canvasElement }) => {
    await fillValid(canvasElement);
    await submit(canvasElement);
    await rendered(canvasElement, FORM, '[part~="send-error"]');
  },
};

/** Too many requests: says when to try again. */
export const RateLimited: Story = {
  parameters: { scenario: { fail: [['createProposal', 'rate-limited']] } satisfies Scenario },
  play: SendError.play,
};

/** Offline when sending: nothing is lost. */
export const OfflineWhenSending: Story = {
  play: async ({ canvasElement }) => {
    await fillValid(canvasElement);
    storyBackend(canvasElement).offline = true;
    await submit(canvasElement);
    await rendered(canvasElement, FORM, '[part~="send-error"]');
  },
};

/** A draft found on the device, restored with a notice. */
export const DraftRestored: Story = {
  parameters: {
    scenario: {
      setup: (_backend, _consultation, { draftKey }) =>
        localStorage.setItem(
          draftKey('proposal'),
          JSON.stringify({
            values: {
              title: 'Une idée à ne pas perdre',
              body: 'Un texte que le citoyen a mis du temps à écrire, retrouvé après un rechargement.',
            },
            key: 'story-draft',
            savedAt: Date.now() - 2 * 60 * 60 * 1000,
          }),
        ),
    } satisfies Scenario,
  },
};

/** "Effacer le brouillon" pressed: the draft is gone, and "Annuler l’effacement" brings it back until the citizen types again. */
export const DraftDiscarded: Story = {
  parameters: DraftRestored.parameters,
  play: async ({ canvasElement }) => {
    await userEvent.click(await rendered(canvasElement, FORM, '[part~="discard"]'));
    await rendered(canvasElement, FORM, '[part~="undo"]');
  },
};

/** The same, in English. */
export const DraftDiscardedEnglish: Story = { ...DraftDiscarded, globals: { locale: 'en' } };

/** Before the ideation phase: closed, with the opening date. */
export const NotYetOpen: Story = { parameters: { scenario: { position: 'before' } satisfies Scenario } };

/** Between the phases: no other proposal phase planned. */
export const ClosedBetweenPhases: Story = { parameters: { scenario: { position: 'between' } satisfies Scenario } };

/** The consultation is over. */
export const ConsultationOver: Story = { parameters: { scenario: { position: 'after' } satisfies Scenario } };

/** A backend that does not take proposals. */
export const Unsupported: Story = {
  parameters: { scenario: { setup: (backend) => void (backend.capabilities.createProposal = false) } satisfies Scenario },
};

/** The consultation could not be loaded. */
export const LoadError: Story = { parameters: { scenario: { fail: [['getConsultation', 'server']] } satisfies Scenario } };

/** Loading (the backend never answers here). */
export const Loading: Story = { tags: ['pgo-pending'], parameters: { scenario: { loading: true } } };

/** Offline from the start. */
export const Offline: Story = { parameters: { scenario: { offline: true } } };

/** In English. */
export const English: Story = { globals: { locale: 'en' } };

/** Errors, in English. */
export const ErrorsEnglish: Story = { ...Errors, globals: { locale: 'en' } };

/** Dark theme, with errors. */
export const DarkTheme: Story = { ...Errors, globals: { theme: 'dark' } };

/** DSFR theme, published. */
export const DsfrTheme: Story = { ...Published, globals: { theme: 'dsfr' } };
