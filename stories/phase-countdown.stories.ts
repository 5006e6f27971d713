import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { elementFromArgs } from './support/manifest.js';
import { inConsultation, scenario, type Scenario } from './support/scenario.js';

const MINUTE = 60_000;

/**
 * `<pgo-phase-countdown>` shows the phase open now and the time left, the time until the next
 * phase, or that the consultation is closed, with the timeline of phases.
 */
const meta: Meta = {
  title: 'Elements/Phase countdown',
  component: 'pgo-phase-countdown',
  parameters: { scenario: {} satisfies Scenario },
  render: (args, { parameters }) => {
    const story = scenario(parameters.scenario as Scenario);
    return inConsultation(story, elementFromArgs('pgo-phase-countdown', args));
  },
};
export default meta;
type Story = StoryObj;

/** The ideation phase is open: time left, end date, timeline with a progress bar. */
export const Open: Story = { parameters: { scenario: { position: 'ideation' } } };

/** Before the first phase: the time until it opens. */
export const Upcoming: Story = { parameters: { scenario: { position: 'before' } } };

/** Between two phases: the time until the next one opens. */
export const BetweenPhases: Story = { parameters: { scenario: { position: 'between' } } };

/** The second phase (collaborative writing) is open. */
export const SecondPhaseOpen: Story = { parameters: { scenario: { position: 'redaction' } } };

/** Every phase is over: the consultation is closed. */
export const Closed: Story = { parameters: { scenario: { position: 'after' } } };

/** The last hour: the countdown shows minutes and seconds. */
export const LastHour: Story = {
  parameters: {
    scenario: {
      position: 'ideation',
      setup: (_backend, consultation) => {
        consultation.phases[0]!.endsAt = new Date(Date.now() + 42 * MINUTE).toISOString();
      },
    } satisfies Scenario,
  },
};

/** One line, no timeline: for a banner or a sidebar. */
export const Compact: Story = { args: { compact: true }, parameters: { scenario: { position: 'ideation' } } };

/** The summary without the timeline of phases. */
export const WithoutTimeline: Story = { args: { 'hide-timeline': true }, parameters: { scenario: { position: 'between' } } };

/** A consultation without any phase yet. */
export const NoPhases: Story = {
  parameters: { scenario: { setup: (_backend, consultation) => void (consultation.phases = []) } satisfies Scenario },
};

/** While the consultation loads (the backend never answers here). */
export const Loading: Story = { tags: ['pgo-pending'], parameters: { scenario: { loading: true } } };

/** The consultation could not be loaded: the error and a retry button (the retry succeeds). */
export const LoadError: Story = { parameters: { scenario: { fail: [['getConsultation', 'server']] } satisfies Scenario } };

/** The visitor is offline. */
export const Offline: Story = { parameters: { scenario: { offline: true } } };

/** Without `<pgo-consultation>`: the element's own `consultation` attribute and backend. */
export const Standalone: Story = {
  render: (args) => {
    const story = scenario({ position: 'ideation' });
    const el = elementFromArgs('pgo-phase-countdown', { consultation: story.consultation.id, ...args });
    (el as HTMLElement & { customBackend: unknown }).customBackend = story.backend;
    return html`${el}`;
  },
};

/** Without any consultation configured: says what to add. */
export const NotConfigured: Story = { render: (args) => html`${elementFromArgs('pgo-phase-countdown', args)}` };

/** In English (the toolbar's language). */
export const English: Story = { globals: { locale: 'en' }, parameters: { scenario: { position: 'ideation' } } };

/** Closed, in English. */
export const ClosedEnglish: Story = { globals: { locale: 'en' }, parameters: { scenario: { position: 'after' } } };

/** The dark theme (toolbar). */
export const DarkTheme: Story = { globals: { theme: 'dark' }, parameters: { scenario: { position: 'ideation' } } };

/** The theme close to the French state design system (toolbar). */
export const DsfrTheme: Story = { globals: { theme: 'dsfr' }, parameters: { scenario: { position: 'ideation' } } };
