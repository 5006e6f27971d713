import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { userEvent } from 'storybook/test';
import type { Proposal } from '../src/core/schemas.js';
import { proposalFixture } from '../src/test-utils/fixtures.js';
import { elementFromArgs } from './support/manifest.js';
import { rendered, renderedText } from './support/play.js';
import { inConsultation, othersVotes, scenario, type Scenario } from './support/scenario.js';

/**
 * `<pgo-vote-button>` is the vote control of one proposal, shaped by the consultation's vote model:
 * support, for-against-mixed or interest. Each story below is one state a participant can meet.
 */
const meta: Meta = {
  title: 'Elements/Vote button',
  component: 'pgo-vote-button',
  args: { proposal: 'p1' },
  parameters: { scenario: { votes: othersVotes('p1', 12) } satisfies Scenario },
  render: (args, { parameters }) => inConsultation(scenario(parameters.scenario as Scenario), elementFromArgs('pgo-vote-button', args)),
};
export default meta;
type Story = StoryObj;

const me = (proposalId: string, choice: 'support' | 'for' | 'against' | 'mixed' | 'interest' = 'support') => ({
  participantId: 'me',
  proposalId,
  choice,
});
const withData =
  (overrides: Partial<Proposal>): Story['render'] =>
  (args, { parameters }) => {
    const story = scenario(parameters.scenario as Scenario);
    const el = elementFromArgs<HTMLElement & { data: Proposal }>('pgo-vote-button', { ...args, proposal: undefined });
    el.data = proposalFixture(story.consultation.id, 1, story.now, overrides);
    return inConsultation(story, el);
  };

/** Support model: a "Soutenir" toggle with its count. */
export const Support: Story = {};

/** The participant already supports the proposal (pressed; can withdraw). */
export const Supported: Story = { parameters: { scenario: { votes: [...othersVotes('p1', 12), me('p1')] } } };

/** Success: a click supports at once and the polite status confirms it. */
export const SupportSent: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(await rendered(canvasElement, 'pgo-vote-button', 'button.vote'));
    await renderedText(canvasElement, 'pgo-vote-button', '[role="status"]', /enregistré|recorded/);
  },
};

/** The server refuses the vote: it is rolled back and the reason is shown. */
export const VoteRefused: Story = {
  parameters: { scenario: { votes: othersVotes('p1', 12), fail: [['vote', 'server']] } satisfies Scenario },
  play: async ({ canvasElement }) => {
    await userEvent.click(await rendered(canvasElement, 'pgo-vote-button', 'button.vote'));
    await rendered(canvasElement, 'pgo-vote-button', '[role="alert"]');
  },
};

/** Limited votes per participant: what is left. */
export const VotesLeft: Story = {
  parameters: { scenario: { settings: { votesPerParticipant: 3 }, votes: [...othersVotes('p1', 4), me('p2')] } satisfies Scenario },
};

/** Limit reached: the button stays focusable, disabled and says why. */
export const LimitReached: Story = {
  parameters: { scenario: { settings: { votesPerParticipant: 1 }, votes: [...othersVotes('p1', 4), me('p2')] } satisfies Scenario },
};

/** Progress towards the support threshold. */
export const Threshold: Story = {
  parameters: { scenario: { settings: { supportThreshold: 100 }, votes: othersVotes('p1', 42) } satisfies Scenario },
};

/** Threshold reached. */
export const ThresholdReached: Story = {
  parameters: { scenario: { settings: { supportThreshold: 10 }, votes: othersVotes('p1', 12) } satisfies Scenario },
};

/** Counts hidden until the end of the consultation. */
export const HiddenCounts: Story = {
  parameters: { scenario: { settings: { hideCountsUntilEnd: true }, votes: othersVotes('p1', 7) } satisfies Scenario },
};

/** Votes cannot be withdrawn: a warning before voting. */
export const FinalVoteWarning: Story = { parameters: { scenario: { settings: { voteWithdrawal: false } } satisfies Scenario } };

/** Votes cannot be withdrawn, and the participant has voted. */
export const FinalVoteCast: Story = {
  parameters: { scenario: { settings: { voteWithdrawal: false }, votes: [...othersVotes('p1', 3), me('p1')] } satisfies Scenario },
};

/** For-against-mixed model: three exclusive choices with their counts. */
export const ForAgainstMixed: Story = {
  parameters: {
    scenario: {
      settings: { voteModel: 'for-against-mixed' },
      votes: [...othersVotes('p1', 8, 'for', 'a'), ...othersVotes('p1', 3, 'mixed', 'b'), ...othersVotes('p1', 2, 'against', 'c')],
    } satisfies Scenario,
  },
};

/** For-against-mixed, with the participant's "mixed" vote. */
export const ForAgainstMixedVoted: Story = {
  parameters: {
    scenario: {
      settings: { voteModel: 'for-against-mixed' },
      votes: [...othersVotes('p1', 5, 'for'), me('p1', 'mixed')],
    } satisfies Scenario,
  },
};

/** Interest model ("Ça m'intéresse"), as for the summit's session proposals. */
export const Interest: Story = {
  parameters: { scenario: { settings: { voteModel: 'interest' }, votes: othersVotes('p1', 9, 'interest') } satisfies Scenario },
};

/** Interest model, limit reached: worded as interest, never as votes. */
export const InterestLimitReached: Story = {
  parameters: {
    scenario: {
      settings: { voteModel: 'interest', votesPerParticipant: 1 },
      votes: [...othersVotes('p1', 4, 'interest'), me('p2', 'interest')],
    } satisfies Scenario,
  },
};

/** Interest model, final: the participant's interest cannot be withdrawn. */
export const InterestFinal: Story = {
  parameters: {
    scenario: {
      settings: { voteModel: 'interest', voteWithdrawal: false },
      votes: [...othersVotes('p1', 3, 'interest'), me('p1', 'interest')],
    } satisfies Scenario,
  },
};

/** Interest model, refused by the server: "Votre marque d’intérêt n’a pas été enregistrée". */
export const InterestRefused: Story = {
  parameters: {
    scenario: {
      settings: { voteModel: 'interest' },
      votes: othersVotes('p1', 9, 'interest'),
      fail: [['vote', 'limit-reached']],
    } satisfies Scenario,
  },
  play: VoteRefused.play,
};

/** For-against-mixed, limit reached: here people vote, and the texts say so. */
export const ForAgainstMixedLimitReached: Story = {
  parameters: {
    scenario: { settings: { voteModel: 'for-against-mixed', votesPerParticipant: 1 }, votes: [me('p2', 'for')] } satisfies Scenario,
  },
};

/** Interest model, limit reached, in English. */
export const InterestLimitReachedEnglish: Story = { ...InterestLimitReached, globals: { locale: 'en' } };

/** Between phases: voting is closed until the next phase, with its date. */
export const PhaseClosed: Story = { parameters: { scenario: { position: 'between', votes: othersVotes('p1', 12) } satisfies Scenario } };

/** The consultation is over: final counts, voting closed. */
export const ConsultationOver: Story = { parameters: { scenario: { position: 'after', votes: othersVotes('p1', 12) } satisfies Scenario } };

/** A proposal withdrawn by its author. */
export const ProposalWithdrawn: Story = { render: withData({ status: 'withdrawn' }) };

/** A backend that does not take votes. */
export const VotesUnsupported: Story = {
  parameters: { scenario: { setup: (backend) => void (backend.capabilities.votes = false) } satisfies Scenario },
};

/** The proposal could not be loaded: the error and a retry button. */
export const LoadError: Story = { parameters: { scenario: { fail: [['getProposal', 'server']] } satisfies Scenario } };

/** Loading (the backend never answers here). */
export const Loading: Story = { tags: ['pgo-pending'], parameters: { scenario: { loading: true } } };

/** Offline. */
export const Offline: Story = { parameters: { scenario: { offline: true } } };

/** Without a `proposal` attribute: says what to add. */
export const NoProposal: Story = { args: { proposal: '' } };

/** For-against-mixed, in English. */
export const English: Story = { ...ForAgainstMixed, globals: { locale: 'en' } };

/** Limit reached, in English. */
export const LimitReachedEnglish: Story = { ...LimitReached, globals: { locale: 'en' } };

/** Dark theme, with the participant's vote. */
export const DarkTheme: Story = { ...Supported, globals: { theme: 'dark' } };

/** DSFR theme, for-against-mixed. */
export const DsfrTheme: Story = { ...ForAgainstMixedVoted, globals: { theme: 'dsfr' } };
