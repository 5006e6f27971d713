import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { elementFromArgs } from './support/manifest.js';
import { scenario, type Scenario } from './support/scenario.js';

/**
 * `<pgo-consultation>` renders nothing of its own: it connects the elements inside it to one
 * consultation (backend, phases, participant, server clock). These stories show it around a
 * countdown; the Actions panel logs `pgo-consultation-ready` and `pgo-consultation-error`.
 */
const meta: Meta = {
  title: 'Elements/Consultation',
  component: 'pgo-consultation',
  parameters: { scenario: {} satisfies Scenario },
  render: (args, { parameters }) => {
    const story = scenario(parameters.scenario as Scenario);
    const provider = elementFromArgs<HTMLElement & { customBackend: unknown }>('pgo-consultation', {
      consultation: story.consultation.id,
      ...args,
    });
    provider.customBackend = story.backend;
    provider.append(document.createElement('pgo-phase-countdown'));
    return html`${provider}`;
  },
};
export default meta;
type Story = StoryObj;

/** Loaded: the elements inside share its consultation. */
export const Ready: Story = {};

/** Two elements sharing one consultation, loaded once. */
export const SharedByTwoElements: Story = {
  render: (args, { parameters }) => {
    const story = scenario(parameters.scenario as Scenario);
    const provider = elementFromArgs<HTMLElement & { customBackend: unknown }>('pgo-consultation', {
      consultation: story.consultation.id,
      ...args,
    });
    provider.customBackend = story.backend;
    const compact = document.createElement('pgo-phase-countdown');
    compact.setAttribute('compact', '');
    provider.append(compact, document.createElement('pgo-phase-countdown'));
    return html`${provider}`;
  },
};

/** Loading (the backend never answers here). */
export const Loading: Story = { tags: ['pgo-pending'], parameters: { scenario: { loading: true } } };

/** The consultation could not be loaded: every element inside shows the error and a retry button. */
export const LoadError: Story = { parameters: { scenario: { fail: [['getConsultation', 'not-found']] } satisfies Scenario } };

/** Offline. */
export const Offline: Story = { parameters: { scenario: { offline: true } } };
