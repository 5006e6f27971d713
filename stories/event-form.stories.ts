import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { userEvent } from 'storybook/test';
import { elementFromArgs } from './support/manifest.js';
import { rendered, setField, storyBackend } from './support/play.js';
import { inConsultation, scenario, type Scenario } from './support/scenario.js';

/**
 * `<pgo-event-form>` lets anyone propose a relay workshop (or another event): format, times in
 * the consultation's time zone, place or link, seats, organiser, consent. The event is published
 * after moderation. The stories that send something fill the form in a play function.
 */
const FORM = 'pgo-event-form';
const DAY = 24 * 60 * 60 * 1000;

const meta: Meta = {
  title: 'Elements/Event form',
  component: FORM,
  parameters: { scenario: { events: 0 } satisfies Scenario },
  render: (args, { parameters }) => inConsultation(scenario(parameters.scenario as Scenario), elementFromArgs(FORM, args)),
};
export default meta;
type Story = StoryObj;

/** A day three weeks from now, as a `datetime-local` value at `time`. */
const inThreeWeeks = (time: string) => `${new Date(Date.now() + 21 * DAY).toISOString().slice(0, 10)}T${time}`;

async function fillValid(canvas: HTMLElement) {
  const set = (name: string, value: string | boolean) => setField(canvas, FORM, name, value);
  await set('title', 'Atelier-relais : le gouvernement ouvert à Lyon');
  await set('description', 'Deux heures pour discuter des engagements du plan d’action.\nOuvert à toutes et tous.');
  await set('startsAt', inThreeWeeks('18:00'));
  await set('endsAt', inThreeWeeks('20:00'));
  await set('address.placeName', 'Hôtel de ville');
  await set('address.postalCode', '69001');
  await set('address.locality', 'Lyon');
  await set('capacity', '40');
  await set('organiserName', 'Association Lyon Ouverte');
  await set('organiserEmail', 'contact@lyon-ouverte.example.fr');
  await set('consent', true);
}
const submit = async (canvas: HTMLElement) => userEvent.click(await rendered(canvas, FORM, '[part~="submit"]'));

/** The empty form, while event proposals are open. */
export const Empty: Story = {};

/** An online event: the link replaces the address fields. */
export const Online: Story = { play: async ({ canvasElement }) => setField(canvasElement, FORM, 'mode', 'online') };

/** In person and online: both. */
export const Hybrid: Story = { play: async ({ canvasElement }) => setField(canvasElement, FORM, 'mode', 'hybrid') };

/** Sent empty: the error summary gets the focus; each field says what is wrong. */
export const Errors: Story = { play: async ({ canvasElement }) => submit(canvasElement) };

/** Sending (the backend is slowed down here). */
export const Sending: Story = {
  tags: ['pgo-pending'],
  play: async ({ canvasElement }) => {
    await fillValid(canvasElement);
    storyBackend(canvasElement).latency = DAY;
    await submit(canvasElement);
    await rendered(canvasElement, FORM, '[aria-busy="true"]');
  },
};

/** Success: the event awaits moderation, and the form says so. */
export const AwaitingModeration: Story = {
  play: async ({ canvasElement }) => {
    await fillValid(canvasElement);
    await submit(canvasElement);
    await rendered(canvasElement, FORM, '[part~="success"]');
  },
};

/** The event could not be sent: kept, with a retry that never doubles it. */
export const SendError: Story = {
  parameters: { scenario: { events: 0, fail: [['proposeEvent', 'network']] } satisfies Scenario },
  play: async ({ canvasElement }) => {
    await fillValid(canvasElement);
    await submit(canvasElement);
    await rendered(canvasElement, FORM, '[part~="send-error"]');
  },
};

/** Between phases: closed, with the opening date. */
export const ClosedBetweenPhases: Story = { parameters: { scenario: { position: 'between' } satisfies Scenario } };

/** The consultation is over. */
export const ConsultationOver: Story = { parameters: { scenario: { position: 'after' } satisfies Scenario } };

/** A backend that does not take event proposals. */
export const Unsupported: Story = {
  parameters: { scenario: { setup: (backend) => void (backend.capabilities.proposeEvent = false) } satisfies Scenario },
};

/** The consultation could not be loaded. */
export const LoadError: Story = { parameters: { scenario: { fail: [['getConsultation', 'server']] } satisfies Scenario } };

/** Loading (the backend never answers here). */
export const Loading: Story = { tags: ['pgo-pending'], parameters: { scenario: { loading: true } } };

/** Offline. */
export const Offline: Story = { parameters: { scenario: { offline: true } } };

/** In English. */
export const English: Story = { globals: { locale: 'en' } };

/** Errors, in English. */
export const ErrorsEnglish: Story = { ...Errors, globals: { locale: 'en' } };

/** Dark theme, with errors. */
export const DarkTheme: Story = { ...Errors, globals: { theme: 'dark' } };

/** DSFR theme, sent. */
export const DsfrTheme: Story = { ...AwaitingModeration, globals: { theme: 'dsfr' } };
