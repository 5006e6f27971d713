import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { userEvent } from 'storybook/test';
import { actionPlanDocument } from '../src/test-utils/text-fixture.js';
import { elementFromArgs } from './support/manifest.js';
import { rendered, setField, storyBackend } from './support/play.js';
import { inConsultation, scenario, type Scenario } from './support/scenario.js';

/**
 * `<pgo-text>` shows the action plan's draft during the collaborative writing phase: its axes and
 * commitments, a table of contents, each part's open amendments with the word-level difference
 * (side by side when wide, inline when narrow), votes, the organisers' decisions, and "Propose a
 * change" (modify, add after, delete) with the shared form machinery.
 */
const TEXT = 'pgo-text';
const DAY = 24 * 60 * 60 * 1000;
const withDocument = (extra: Partial<Scenario> = {}, amendments = true): Scenario => ({
  position: 'redaction',
  proposals: 0,
  events: 0,
  setup: (backend, consultation) => backend.documents.seed(actionPlanDocument(consultation.id, ['redaction'], amendments)),
  ...extra,
});

const meta: Meta = {
  title: 'Elements/Text',
  component: TEXT,
  args: { document: 'plan-2017' },
  parameters: { scenario: withDocument() },
  render: (args, { parameters }) => inConsultation(scenario(parameters.scenario as Scenario), elementFromArgs(TEXT, args)),
};
export default meta;
type Story = StoryObj;

const open = async (canvas: HTMLElement, selector: string) => userEvent.click(await rendered(canvas, TEXT, selector));

/** The draft during the writing phase: counts of open amendments, "Propose a change" on each part. */
export const Default: Story = {};

/** A part's amendments opened: the difference, the reason, the votes. */
export const Amendments: Story = { play: async ({ canvasElement }) => open(canvasElement, '[part~="toggle"]') };

/** Narrow: the difference inline rather than side by side. */
export const Narrow: Story = {
  render: (args, { parameters }) => {
    const el = elementFromArgs(TEXT, args) as HTMLElement;
    el.style.maxWidth = '360px';
    return inConsultation(scenario(parameters.scenario as Scenario), el);
  },
  play: async ({ canvasElement }) => open(canvasElement, '[part~="toggle"]'),
};

/** No amendment yet. */
export const Empty: Story = { parameters: { scenario: withDocument({}, false) } };

/** "Propose a change": the part's text pre-filled, the preview of the difference while typing. */
export const Proposing: Story = {
  play: async ({ canvasElement }) => {
    await open(canvasElement, '[part~="propose"]');
    await setField(
      canvasElement,
      TEXT,
      'text',
      'Publier en données ouvertes les marchés publics de l’État et des collectivités, dès leur signature.',
    );
  },
};

/** Sent empty: the error summary. */
export const Errors: Story = {
  play: async ({ canvasElement }) => {
    await open(canvasElement, '[part~="propose"]');
    await open(canvasElement, '[part~="submit"]');
  },
};

/** Outside the writing phase: the text stays readable; amending is closed, with the opening date. */
export const Closed: Story = { parameters: { scenario: { ...withDocument(), position: 'ideation' } } };

/** Loading (the backend never answers here). */
export const Loading: Story = { tags: ['pgo-pending'], parameters: { scenario: withDocument({ loading: true }) } };

/** The text could not be loaded: the reason and a retry. */
export const LoadError: Story = { parameters: { scenario: withDocument({ fail: [['getDocument', 'network']] }) } };

/** Offline. */
export const Offline: Story = { parameters: { scenario: withDocument({ offline: true }) } };

/** Decided amendments: accepted with changes and rejected, each with the organisers' reason; version 2 published. */
export const Decided: Story = {
  parameters: {
    scenario: withDocument({
      setup: (backend, consultation) => {
        backend.documents.seed(actionPlanDocument(consultation.id));
        backend.documents.decide('a-budget', {
          state: 'accepted-with-changes',
          reason: 'Les avenants, oui ; dès la signature, c’est trop tôt.',
          text: 'Publier en données ouvertes les marchés publics, dès leur attribution, avec leurs avenants.',
        });
        backend.documents.decide('a-local', { state: 'rejected', reason: 'Relève des collectivités, pas du plan national.' });
        backend.documents.publish('plan-2017');
      },
    }),
  },
  play: async ({ canvasElement }) => open(canvasElement, '[part~="toggle"]'),
};

/** Sending a vote (held): shown at once. */
export const Voting: Story = {
  tags: ['pgo-pending'],
  play: async ({ canvasElement }) => {
    await open(canvasElement, '[part~="toggle"]');
    storyBackend(canvasElement).latency = DAY;
    // The amendment's <pgo-vote-button> (the shared vote button), inside the text's shadow root.
    await userEvent.click(await rendered(canvasElement, 'pgo-vote-button', 'button.vote'));
  },
};
