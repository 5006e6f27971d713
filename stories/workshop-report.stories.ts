import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { userEvent } from 'storybook/test';
import { dayIn } from '../src/core/reports-rules.js';
import { addWorkshops, FUTURE, PAST, spreadsheetRows } from '../src/test-utils/workshop-fixture.js';
import { elementFromArgs } from './support/manifest.js';
import { rendered, renderedCount, setField, storyBackend } from './support/play.js';
import { inConsultation, scenario, type Scenario } from './support/scenario.js';

/**
 * `<pgo-workshop-report>` is how a relay workshop's host files what the room produced: the facts, the
 * contributions (rows, or rows pasted from a spreadsheet), a review with the attendees' consent. The
 * report is a draft on the device from the first key press and is sent once, even after hours offline.
 * Contributions then show online as “Atelier-relais : <title>, <town>”, after moderation.
 */
const EL = 'pgo-workshop-report';
const DAY = 24 * 60 * 60 * 1000;
const workshops: Scenario = { events: 0, proposals: 2, setup: (backend) => void addWorkshops(backend, Date.now()) };

const meta: Meta = {
  title: 'Elements/Workshop report',
  component: EL,
  args: { event: PAST },
  parameters: { scenario: workshops },
  render: (args, { parameters }) => inConsultation(scenario(parameters.scenario as Scenario), elementFromArgs(EL, args)),
};
export default meta;
type Story = StoryObj;

const heldOn = () => dayIn(Date.now() - 2 * DAY, 'Europe/Paris');
const set = (canvas: HTMLElement, name: string, value: string | boolean) => setField(canvas, EL, name, value);
const press = async (canvas: HTMLElement, part: string) => userEvent.click(await rendered(canvas, EL, `[part~="${part}"]`));

async function fillFacts(canvas: HTMLElement) {
  await set(canvas, 'heldOn', heldOn());
  await set(canvas, 'attendees', '24');
  await set(canvas, 'organisations', 'Centre social des Pentes\nAssociation Lyon Ouverte');
  await set(canvas, 'summary', 'Trois tables, deux heures de débat, une restitution commune.');
  await press(canvas, 'next');
}
async function fillRows(canvas: HTMLElement, count: number) {
  for (let i = 0; i < count; i++) {
    if (i) await press(canvas, 'add');
    await set(canvas, `contributions.${i}.title`, `Proposition de la table ${i + 1} pour ouvrir les données`);
    await set(canvas, `contributions.${i}.body`, `Ce que la table ${i + 1} propose, rédigé ensemble pendant l’atelier.`);
    await set(canvas, `contributions.${i}.categoryId`, 'donnees');
    await set(canvas, `contributions.${i}.roomSupport`, String(8 + i));
  }
}
async function toReview(canvas: HTMLElement) {
  await fillFacts(canvas);
  await fillRows(canvas, 2);
  await press(canvas, 'next');
  await set(canvas, 'consent', true);
}

/** The facts of the workshop: date, attendees, organisations, how it went. */
export const Facts: Story = {};

/** The contributions, one row each. */
export const Contributions: Story = {
  play: async ({ canvasElement }) => {
    await fillFacts(canvasElement);
    await fillRows(canvasElement, 2);
  },
};

/** Sixty rows pasted from a spreadsheet (tab-separated). */
export const SixtyRows: Story = {
  play: async ({ canvasElement }) => {
    await fillFacts(canvasElement);
    const area = await rendered<HTMLTextAreaElement>(canvasElement, EL, '#paste-rows');
    area.value = spreadsheetRows(60);
    area.dispatchEvent(new Event('input'));
    await press(canvasElement, 'paste-add');
    await renderedCount(canvasElement, EL, '[part~="row"]', 61);
  },
};

/** Two contributions with the same title: refused, with a clear message. */
export const DuplicateTitles: Story = {
  play: async ({ canvasElement }) => {
    await fillFacts(canvasElement);
    await fillRows(canvasElement, 2);
    await set(canvasElement, 'contributions.1.title', 'Proposition de la table 1 pour ouvrir les données');
    await press(canvasElement, 'next');
  },
};

/** The review, with the attendees' consent. */
export const Review: Story = { play: async ({ canvasElement }) => toReview(canvasElement) };

/** Sending (the backend is slowed down here). */
export const Sending: Story = {
  tags: ['pgo-pending'],
  play: async ({ canvasElement }) => {
    await toReview(canvasElement);
    storyBackend(canvasElement).latency = DAY;
    await press(canvasElement, 'submit');
    await rendered(canvasElement, EL, '[aria-busy="true"]');
  },
};

/** No network: the report stays on the device and leaves by itself, once, when the network is back. */
export const Offline: Story = {
  play: async ({ canvasElement }) => {
    await toReview(canvasElement);
    storyBackend(canvasElement).offline = true;
    dispatchEvent(new Event('offline'));
    await press(canvasElement, 'submit');
    await rendered(canvasElement, EL, '[part~="send-error"]');
  },
};

/** Sent: the contributions await moderation. */
export const Sent: Story = {
  play: async ({ canvasElement }) => {
    await toReview(canvasElement);
    await press(canvasElement, 'submit');
    await rendered(canvasElement, EL, '[part~="success"]');
  },
};

/** Before the workshop has started. */
export const NotStarted: Story = { args: { event: FUTURE } };

/** The workshop could not be loaded. */
export const LoadError: Story = { parameters: { scenario: { ...workshops, fail: [['getEvent', 'not-found']] } satisfies Scenario } };

/** Loading (the backend never answers). */
export const Loading: Story = { tags: ['pgo-pending'], parameters: { scenario: { ...workshops, loading: true } satisfies Scenario } };

/** In English. */
export const English: Story = { globals: { locale: 'en' } };
