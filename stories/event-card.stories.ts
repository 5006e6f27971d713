import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { userEvent } from 'storybook/test';
import type { MemoryBackend, MemoryEvent } from '../src/backends/memory.js';
import { elementFromArgs } from './support/manifest.js';
import { fill, rendered } from './support/play.js';
import { inConsultation, scenario, type Scenario } from './support/scenario.js';

const HOUR = 60 * 60 * 1000;

/**
 * `<pgo-event-card>` shows one event: a relay workshop, an open-ministry dialogue or a summit
 * session, with its dates in the event's own time zone, how to attend and how to register.
 * The stories fetch event `e0` (an "atelier-relais" in Paris) from the memory backend, changed
 * as each state needs.
 */
const meta: Meta = {
  title: 'Elements/Event card',
  component: 'pgo-event-card',
  args: { event: 'e0' },
  parameters: { scenario: {} satisfies Scenario },
  render: (args, { parameters }) => inConsultation(scenario(parameters.scenario as Scenario), elementFromArgs('pgo-event-card', args)),
};
export default meta;
type Story = StoryObj;

/** Changes event `e0` before the story renders. */
const withEvent = (change: (event: MemoryEvent, backend: MemoryBackend) => void): Scenario => ({
  setup: (backend) => change(backend.events.get('e0')!, backend),
});

const CARD = 'pgo-event-card';
const openForm = async (canvas: HTMLElement) => {
  await userEvent.click(await rendered(canvas, CARD, '.register'));
  return rendered<HTMLFormElement>(canvas, CARD, 'form');
};
const fillForm = async (canvas: HTMLElement) => {
  fill(await rendered<HTMLInputElement>(canvas, CARD, '#f-name'), 'Camille Martin');
  fill(await rendered<HTMLInputElement>(canvas, CARD, '#f-email'), 'camille@example.fr');
  await userEvent.click(await rendered(canvas, CARD, '#f-consent'));
};

/** An in-person relay workshop with inline registration and the seats left. */
export const InPerson: Story = {};

/** An online open-ministry dialogue, with the link to join. */
export const Online: Story = { args: { event: 'e1' } };

/** In person and online, with an OpenStreetMap link. */
export const Hybrid: Story = {
  parameters: {
    scenario: withEvent((e) =>
      Object.assign(e, { mode: 'hybrid', onlineUrl: 'https://visio.example.fr/atelier', geo: { lat: 48.8466, lon: 2.2936 } }),
    ),
  },
};

/** Compact: a summary with a disclosure button for the rest (as in the agenda). */
export const Compact: Story = { args: { compact: true } };

/** Compact, expanded. */
export const CompactExpanded: Story = {
  args: { compact: true },
  play: async ({ canvasElement }) => {
    await userEvent.click(await rendered(canvasElement, CARD, '[part~="toggle"]'));
  },
};

/** Registration full. */
export const RegistrationFull: Story = {
  parameters: {
    scenario: withEvent((e) => Object.assign(e, { status: 'full', registration: { kind: 'inline', capacity: 30, seatsLeft: 0 } })),
  },
};

/** Only a few seats left. */
export const FewSeatsLeft: Story = {
  parameters: { scenario: withEvent((e) => Object.assign(e, { registration: { kind: 'inline', capacity: 30, seatsLeft: 2 } })) },
};

/** Cancelled: registration closed. */
export const Cancelled: Story = { parameters: { scenario: withEvent((e) => void (e.status = 'cancelled')) } };

/** Postponed. */
export const Postponed: Story = { parameters: { scenario: withEvent((e) => void (e.status = 'postponed')) } };

/** The event is over: no registration, no calendar file. */
export const Over: Story = {
  parameters: {
    scenario: withEvent((e) =>
      Object.assign(e, {
        startsAt: new Date(Date.now() - 30 * 24 * HOUR).toISOString(),
        endsAt: new Date(Date.now() - 30 * 24 * HOUR + 3 * HOUR).toISOString(),
      }),
    ),
  },
};

/** Registration on the organiser's site. */
export const ExternalRegistration: Story = {
  parameters: { scenario: withEvent((e) => void (e.registration = { kind: 'external', url: 'https://inscription.example.fr/e0' })) },
};

/** Free entry, no registration. */
export const NoRegistration: Story = { parameters: { scenario: withEvent((e) => void (e.registration = { kind: 'none' })) } };

/** The participant is already registered. */
export const Registered: Story = {
  parameters: {
    scenario: withEvent(
      (_e, backend) =>
        void backend.registrations.set('e0', new Map([['me', { name: 'Camille Martin', email: 'camille@example.fr', consent: true }]])),
    ),
  },
};

/** The inline registration form, open. */
export const RegistrationForm: Story = { play: async ({ canvasElement }) => void (await openForm(canvasElement)) };

/** Sent empty: the error summary and the inline errors. */
export const RegistrationErrors: Story = {
  play: async ({ canvasElement }) => {
    await openForm(canvasElement);
    await userEvent.click(await rendered(canvasElement, CARD, '[part~="submit"]'));
    await rendered(canvasElement, CARD, '.error-summary');
  },
};

/** Success: registered, the seats left updated. */
export const RegistrationSuccess: Story = {
  play: async ({ canvasElement }) => {
    await openForm(canvasElement);
    await fillForm(canvasElement);
    await userEvent.click(await rendered(canvasElement, CARD, '[part~="submit"]'));
    await rendered(canvasElement, CARD, '#registration-notice');
  },
};

/** The registration could not be sent: the error and a retry. */
export const RegistrationSendError: Story = {
  parameters: { scenario: { fail: [['registerForEvent', 'network']] } satisfies Scenario },
  play: async ({ canvasElement }) => {
    await openForm(canvasElement);
    await fillForm(canvasElement);
    await userEvent.click(await rendered(canvasElement, CARD, '[part~="submit"]'));
    await rendered(canvasElement, CARD, '[part="send-error"]');
  },
};

/** The event does not exist (or was removed). */
export const NotFound: Story = { args: { event: 'missing' } };

/** The event could not be loaded: the error and a retry. */
export const LoadError: Story = { parameters: { scenario: { fail: [['getEvent', 'server']] } satisfies Scenario } };

/** Loading (the backend never answers here). */
export const Loading: Story = { tags: ['pgo-pending'], parameters: { scenario: { loading: true } } };

/** Offline. */
export const Offline: Story = { parameters: { scenario: { offline: true } } };

/** Without an `event` attribute: says what to add. */
export const NoEvent: Story = { args: { event: '' } };

/** In English. */
export const English: Story = { globals: { locale: 'en' } };

/** Registration full, in English. */
export const RegistrationFullEnglish: Story = { ...RegistrationFull, globals: { locale: 'en' } };

/** Dark theme, with the registration form errors. */
export const DarkTheme: Story = { ...RegistrationErrors, globals: { theme: 'dark' } };

/** DSFR theme. */
export const DsfrTheme: Story = { ...Hybrid, globals: { theme: 'dsfr' } };
