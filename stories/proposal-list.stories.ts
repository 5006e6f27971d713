import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { userEvent } from 'storybook/test';
import { elementFromArgs } from './support/manifest.js';
import { fill, rendered, renderedCount } from './support/play.js';
import { inConsultation, othersVotes, scenario, type Scenario } from './support/scenario.js';

/**
 * `<pgo-proposal-list>` lists the proposals of a consultation to search, filter, sort, read and
 * vote on (each with its `<pgo-vote-button>`). The stories hold 8 proposals of the action-plan
 * consultation with a few votes, in the state each needs.
 */
const VOTES = [...othersVotes('p0', 3, 'support', 'a'), ...othersVotes('p3', 7, 'support', 'b'), ...othersVotes('p5', 1, 'support', 'c')];
const BASE: Scenario = { proposals: 8, votes: VOTES };
const LIST = 'pgo-proposal-list';

const meta: Meta = {
  title: 'Elements/Proposal list',
  component: LIST,
  args: { 'page-size': 5 },
  parameters: { scenario: BASE },
  render: (args, { parameters }) => inConsultation(scenario(parameters.scenario as Scenario), elementFromArgs(LIST, args)),
};
export default meta;
type Story = StoryObj;

const me = (proposalId: string, choice: 'support' | 'for' | 'mixed' | 'against' | 'interest' = 'support') => ({
  participantId: 'me',
  proposalId,
  choice,
});

/** Newest first, 5 per page, with "load more". */
export const Newest: Story = {};

/** Sorted by support. */
export const MostSupported: Story = { args: { sort: 'most-supported' } };

/** A random order that stays the same for one visitor. */
export const Random: Story = { args: { sort: 'random' } };

/** Filtered on one axis of the action plan. */
export const OneCategory: Story = { args: { category: 'donnees' } };

/** The next page loaded: focus moves to its first proposal. */
export const NextPageLoaded: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(await rendered(canvasElement, LIST, '[part~="load-more"]'));
    await renderedCount(canvasElement, LIST, '[part="item"]', 8);
  },
};

/** A proposal opened to its whole text. */
export const ProposalOpened: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(await rendered(canvasElement, LIST, '[part~="read-more"]'));
    await rendered(canvasElement, LIST, '[part="body"]');
  },
};

/** A search that matches nothing: says so, with a button to reset the filters. */
export const NoMatch: Story = {
  play: async ({ canvasElement }) => {
    fill(await rendered<HTMLInputElement>(canvasElement, LIST, '[part="search"]'), 'zzzz introuvable');
    await rendered(canvasElement, LIST, '[part~="reset"]');
  },
};

/** No proposal yet. */
export const Empty: Story = { parameters: { scenario: { proposals: 0 } satisfies Scenario } };

/** For-against-mixed vote model. */
export const ForAgainstMixed: Story = {
  parameters: {
    scenario: {
      proposals: 4,
      settings: { voteModel: 'for-against-mixed' },
      votes: [...othersVotes('p1', 4, 'for'), me('p2', 'against')],
    } satisfies Scenario,
  },
};

/** Interest model, as for the summit's session proposals. */
export const Interest: Story = {
  parameters: {
    scenario: { proposals: 4, settings: { voteModel: 'interest' }, votes: othersVotes('p1', 6, 'interest') } satisfies Scenario,
  },
};

/** One support per participant, already used: every other button says why it is disabled. */
export const LimitReached: Story = {
  parameters: { scenario: { proposals: 4, settings: { votesPerParticipant: 1 }, votes: [...VOTES, me('p2')] } satisfies Scenario },
};

/** Counts hidden until the end (the most-supported order is left out). */
export const HiddenCounts: Story = { parameters: { scenario: { ...BASE, settings: { hideCountsUntilEnd: true } } satisfies Scenario } };

/** The consultation is over: proposals to read, voting closed. */
export const ConsultationOver: Story = { parameters: { scenario: { ...BASE, position: 'after' } satisfies Scenario } };

/** A backend without proposals. */
export const Unsupported: Story = {
  parameters: { scenario: { setup: (backend) => void (backend.capabilities.proposals = false) } satisfies Scenario },
};

/** The proposals could not be loaded: the error and a retry button. */
export const LoadError: Story = { parameters: { scenario: { ...BASE, fail: [['listProposals', 'server']] } satisfies Scenario } };

/** Loading (the backend never answers here). */
export const Loading: Story = { tags: ['pgo-pending'], parameters: { scenario: { loading: true } } };

/** Offline. */
export const Offline: Story = { parameters: { scenario: { offline: true } } };

/** In English. */
export const English: Story = { globals: { locale: 'en' } };

/** Empty, in English. */
export const EmptyEnglish: Story = { ...Empty, globals: { locale: 'en' } };

/** Dark theme. */
export const DarkTheme: Story = { ...ForAgainstMixed, globals: { theme: 'dark' } };

/** DSFR theme. */
export const DsfrTheme: Story = { globals: { theme: 'dsfr' } };
