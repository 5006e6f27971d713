import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { userEvent } from 'storybook/test';
import { seedComments, type SeedComment } from '../src/backends/memory/comment-extras.js';
import { elementFromArgs } from './support/manifest.js';
import { rendered, renderedCount } from './support/play.js';
import { inConsultation, scenario, type Scenario } from './support/scenario.js';

/**
 * `<pgo-comments>` is the discussion on one proposal (or an event, a section, an amendment): the form
 * above, threads one reply level deep, replies collapsed with their count, "helpful", reports with a
 * reason, the organiser's badge and the pinned comment. The stories discuss proposal `p1`.
 */
const TAG = 'pgo-comments';
const TARGET = 'proposal:p1';
const THREADS: SeedComment[] = [
  {
    body: 'Réponse de la mairie : les données seront publiées chaque trimestre dès septembre.',
    authorName: 'Mairie de Lyon',
    organiser: true,
    pinned: true,
    minutesAgo: 30,
  },
  {
    body: 'Très bonne idée, à condition que les fichiers soient réutilisables (CSV, pas des PDF).',
    authorName: 'Camille',
    stance: 'for',
    helpfulVotes: 4,
    minutesAgo: 300,
    replies: [
      { body: 'D’accord, et avec une licence ouverte.', authorName: 'Dominique', minutesAgo: 200 },
      { body: 'Le format compte moins que la fréquence.', minutesAgo: 100 },
    ],
  },
  {
    body: 'Cela coûtera cher aux petites communes sans service informatique.',
    authorName: 'Bo',
    stance: 'against',
    helpfulVotes: 2,
    minutesAgo: 250,
  },
  {
    body: 'Commentaire retiré par la modération.',
    status: 'hidden',
    minutesAgo: 240,
    replies: [{ body: 'Il fallait le retirer, en effet.', minutesAgo: 230 }],
  },
];
const seeded = (items: SeedComment[], extra: Scenario = {}): Scenario => ({
  ...extra,
  setup: (backend, consultation) => seedComments(backend, consultation.id, TARGET, items),
});

const meta: Meta = {
  title: 'Elements/Comments',
  component: TAG,
  args: { target: TARGET },
  parameters: { scenario: seeded(THREADS) },
  render: (args, { parameters }) => inConsultation(scenario(parameters.scenario as Scenario), elementFromArgs(TAG, args)),
};
export default meta;
type Story = StoryObj;

/** A discussion: the pinned organiser's answer first, stances, helpful counts, a thread with two replies, a comment hidden by moderation. */
export const Discussion: Story = {};

/** A thread's replies opened. */
export const RepliesOpened: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(await rendered(canvasElement, TAG, '[part~="replies"][part~="button"]'));
    await renderedCount(canvasElement, TAG, '[part~="reply"][part~="comment"]', 2);
  },
};

/** Most helpful first. */
export const MostHelpful: Story = { args: { sort: 'helpful' } };

/** For and against side by side (`settings.comments.sideBySide`): two columns where the discussion is wide, one on a phone. */
export const SideBySide: Story = { parameters: { scenario: seeded(THREADS, { settings: { comments: { sideBySide: true } } }) } };

/** 45 comments: 20 shown, "load more". */
export const ManyComments: Story = {
  parameters: { scenario: seeded(Array.from({ length: 45 }, (_, i) => ({ body: `Commentaire numéro ${i + 1}.`, minutesAgo: 500 - i }))) },
};

/** Nobody has commented yet. */
export const Empty: Story = { parameters: { scenario: {} } };

/** Comments are closed in this phase: the threads stay readable, the form says when they reopen. */
export const ClosedByPhase: Story = { parameters: { scenario: seeded(THREADS, { position: 'after' }) } };

/** Pre-moderation: the participant's own comment awaits a moderator (visible to them only). */
export const PendingModeration: Story = {
  parameters: {
    scenario: seeded([...THREADS.slice(1, 3), { body: 'Mon commentaire, en attente.', mine: true, status: 'pending', minutesAgo: 5 }], {
      settings: { comments: { moderation: 'pre' } },
    }),
  },
};

/** With a stance required and shown. */
export const StanceRequired: Story = { parameters: { scenario: seeded(THREADS, { settings: { comments: { stance: 'required' } } }) } };

/** The discussion could not be loaded: the error and a retry button. */
export const LoadError: Story = { parameters: { scenario: seeded(THREADS, { fail: [['listCommentThreads', 'server']] }) } };

/** Loading (the backend never answers here). */
export const Loading: Story = { tags: ['pgo-pending'], parameters: { scenario: { loading: true } } };

/** Offline. */
export const Offline: Story = { parameters: { scenario: { offline: true } } };

/** A backend without comments. */
export const Unsupported: Story = {
  parameters: { scenario: { setup: (backend) => void (backend.capabilities.comments = false) } satisfies Scenario },
};

/** In English. */
export const English: Story = { globals: { locale: 'en' } };

/** Dark theme. */
export const DarkTheme: Story = { globals: { theme: 'dark' } };

/** DSFR theme. */
export const DsfrTheme: Story = { globals: { theme: 'dsfr' } };
