import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { userEvent } from 'storybook/test';
import { elementFromArgs } from './support/manifest.js';
import { rendered, renderedCount } from './support/play.js';
import { inConsultation, scenario, type Scenario } from './support/scenario.js';

/**
 * `<pgo-event-list>` is the agenda: upcoming events grouped by day, filters (dates, format,
 * attendance, postal code or town) and "Afficher plus" paging; each event is a compact
 * `<pgo-event-card>` that opens in place. The stories hold 8 events, one a day from tomorrow:
 * relay workshops in Paris and open-ministry dialogues, some online.
 */
const LIST = 'pgo-event-list';
const BASE: Scenario = { events: 8 };

const meta: Meta = {
  title: 'Elements/Event list',
  component: LIST,
  args: { 'page-size': 5 },
  parameters: { scenario: BASE },
  render: (args, { parameters }) => inConsultation(scenario(parameters.scenario as Scenario), elementFromArgs(LIST, args)),
};
export default meta;
type Story = StoryObj;

/** The coming events, 5 at a time. */
export const Upcoming: Story = {};

/** Only the open-ministry dialogues (`format`). */
export const OneFormat: Story = { args: { format: 'ministere-ouvert' } };

/** Only online events (`mode`). */
export const OnlineOnly: Story = { args: { mode: 'online' } };

/** Near a postal code (`place`). */
export const NearAPlace: Story = { args: { place: '75015' } };

/** Without the filter form, as a short agenda in a sidebar. */
export const WithoutFilters: Story = { args: { 'hide-filters': true, 'page-size': 3 } };

/** An event opened in place, with its registration. */
export const EventOpened: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(await rendered(canvasElement, 'pgo-event-card', '[part~="toggle"]'));
    await rendered(canvasElement, 'pgo-event-card', '[part="description"]');
  },
};

/** "Afficher plus" loaded the next events; focus moved to the first new one. */
export const MoreLoaded: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(await rendered(canvasElement, LIST, '[part~="load-more"]'));
    await renderedCount(canvasElement, LIST, '[part="item"]', 8);
  },
};

/** Nothing matches the filters: says so, with a reset button. */
export const NoMatch: Story = { args: { place: '99999' } };

/** No event coming. */
export const Empty: Story = { parameters: { scenario: { events: 0 } satisfies Scenario } };

/** The first event is full. */
export const RegistrationFull: Story = {
  parameters: {
    scenario: {
      ...BASE,
      setup: (backend) =>
        Object.assign(backend.events.get('e0')!, { status: 'full', registration: { kind: 'inline', capacity: 30, seatsLeft: 0 } }),
    } satisfies Scenario,
  },
  play: EventOpened.play,
};

/** A backend without events. */
export const Unsupported: Story = {
  parameters: { scenario: { setup: (backend) => void (backend.capabilities.events = false) } satisfies Scenario },
};

/** The events could not be loaded: the error and a retry button. */
export const LoadError: Story = { parameters: { scenario: { ...BASE, fail: [['listEvents', 'server']] } satisfies Scenario } };

/** Loading (the backend never answers here). */
export const Loading: Story = { tags: ['pgo-pending'], parameters: { scenario: { loading: true } } };

/** Offline. */
export const Offline: Story = { parameters: { scenario: { offline: true } } };

/** In English. */
export const English: Story = { globals: { locale: 'en' } };

/** No match, in English. */
export const NoMatchEnglish: Story = { ...NoMatch, globals: { locale: 'en' } };

/** Dark theme, an event opened. */
export const DarkTheme: Story = { ...EventOpened, globals: { theme: 'dark' } };

/** DSFR theme. */
export const DsfrTheme: Story = { globals: { theme: 'dsfr' } };
