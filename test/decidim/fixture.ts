/**
 * Fixtures for the local Decidim stand-in (test/decidim/server.mjs), built in the browser and seeded
 * over HTTP: the contract fixture as Decidim processes, and a demo process whose texts carry HTML and
 * script payloads (a page-level trap, `window.__pwned`, tells whether any of it ever ran).
 */
import { DAY, HOUR } from '../../src/core/phase.js';
import type { Registration } from '../../src/core/schemas.js';
import type { ContractFixture } from '../../src/test-utils/contract-fixture.js';

type Translated = { [locale: string]: string | Record<string, string> | undefined; machine_translations?: Record<string, string> };
export interface DecidimFixture {
  clientId: string;
  stages?: 'steps' | 'phases';
  organization?: { name: string };
  denySignIn?: boolean;
  tamperState?: boolean;
  processes: {
    id: string; slug: string; title: Translated; shortDescription?: Translated; description?: Translated;
    startDate?: string | null; endDate?: string | null; published?: boolean;
    steps: { id: string; title: Translated; description?: Translated; startDate: string | null; endDate: string | null; position: number; active?: boolean }[];
    components: { id: string; type: 'Proposals' | 'Meetings' | 'Component'; weight?: number; url: string; name?: Translated }[];
    rules?: { creationEnabled?: boolean; votesEnabled?: boolean; unvoteEnabled?: boolean; voteLimit?: number | null; votesHidden?: boolean };
  }[];
  proposals: {
    id: string; componentId: string; title: Translated; body: Translated; publishedAt: string; published?: boolean;
    authorName?: string | null; votes?: number; state?: string | null; withdrawn?: boolean;
  }[];
  meetings: {
    id: string; componentId: string; title: Translated; description?: Translated; startTime: string; endTime: string; published?: boolean;
    typeOfMeeting: 'in_person' | 'online' | 'hybrid'; address?: string | null; location?: Translated; coordinates?: { latitude: number; longitude: number };
    onlineMeetingUrl?: string; registrationType: 'registration_disabled' | 'on_this_platform' | 'on_different_platform'; registrationUrl?: string | null;
    remainingSlots?: number | null; withdrawn?: boolean; url: string; authorName?: string | null;
  }[];
}

export const CLIENT_ID = 'pgo-widgets-test';
export const SITE = 'https://participation.example.org';
export const CALLBACK = () => `${location.origin}/__decidim/callback`;

/** Seeds a fresh store and returns its endpoint (Decidim's base URL). */
export async function seedDecidim(fixture: DecidimFixture): Promise<string> {
  const response = await fetch('/__decidim/seed', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fixture) });
  const { base } = (await response.json()) as { base: string };
  return `${location.origin}${base}`;
}

/** Every request the store received (query, variables, errors, token). */
export async function decidimLog(endpoint: string): Promise<{ query: string; variables: Record<string, unknown>; errors: string[]; token: string | null }[]> {
  return (await fetch(`${endpoint}/log`)).json();
}

const iso = (ms: number) => new Date(ms).toISOString();
const MODE = { 'in-person': 'in_person', online: 'online', hybrid: 'hybrid' } as const;

function registrationOf(registration: Registration): Pick<DecidimFixture['meetings'][number], 'registrationType' | 'registrationUrl' | 'remainingSlots'> {
  if (registration.kind === 'external') return { registrationType: 'on_different_platform', registrationUrl: registration.url, remainingSlots: null };
  if (registration.kind === 'inline') return { registrationType: 'on_this_platform', registrationUrl: null, remainingSlots: registration.seatsLeft };
  return { registrationType: 'registration_disabled', registrationUrl: null, remainingSlots: null };
}

/** The contract fixture as Decidim would hold it: one process per consultation, its rules as step settings. */
export function contractToDecidim(fixture: ContractFixture): DecidimFixture {
  const now = fixture.now;
  const componentIds = new Map<string, { proposals: string; meetings: string; slug: string }>();
  const processes = fixture.consultations.map((c, index) => {
    const ids = { proposals: String(index * 10 + 1), meetings: String(index * 10 + 2), slug: c.id };
    componentIds.set(c.id, ids);
    const open = c.phases.find((p) => Date.parse(p.startsAt) <= now && now < Date.parse(p.endsAt));
    const end = Math.max(...c.phases.map((p) => Date.parse(p.endsAt)));
    return {
      id: String(100 + index), slug: c.id, title: { fr: c.title }, shortDescription: { fr: c.description },
      startDate: null, endDate: null,
      steps: c.phases.map((p, position) => ({ id: p.id, title: { fr: p.title }, startDate: p.startsAt, endDate: p.endsAt, position })),
      components: [
        { id: ids.proposals, type: 'Proposals' as const, weight: 1, url: `${SITE}/processes/${c.id}/f/${ids.proposals}/` },
        { id: ids.meetings, type: 'Meetings' as const, weight: 2, url: `${SITE}/processes/${c.id}/f/${ids.meetings}/` },
      ],
      rules: {
        creationEnabled: !!open && c.settings.proposalPhases.includes(open.id),
        votesEnabled: !!open && c.settings.votePhases.includes(open.id),
        unvoteEnabled: c.settings.voteWithdrawal,
        voteLimit: c.settings.votesPerParticipant,
        votesHidden: c.settings.hideCountsUntilEnd && now < end,
      },
    };
  });
  return {
    clientId: CLIENT_ID,
    processes,
    proposals: fixture.proposals.map((p) => ({
      id: p.id, componentId: componentIds.get(p.consultationId)!.proposals, title: { fr: p.title }, body: { fr: p.body },
      publishedAt: p.createdAt, published: p.status === 'published', authorName: p.authorName,
      votes: Object.values(p.votes ?? {}).reduce((a, b) => a + (b ?? 0), 0),
    })),
    meetings: fixture.events.map((e) => {
      const ids = componentIds.get(e.consultationId)!;
      const a = e.address;
      return {
        id: e.id, componentId: ids.meetings, title: { fr: e.title }, description: { fr: e.description }, startTime: e.startsAt, endTime: e.endsAt,
        published: (e.moderation ?? 'approved') === 'approved', typeOfMeeting: MODE[e.mode],
        address: a ? [a.street, [a.postalCode, a.locality].filter(Boolean).join(' ')].filter(Boolean).join(', ') : null,
        ...(a?.placeName ? { location: { fr: a.placeName } } : {}),
        ...(e.onlineUrl ? { onlineMeetingUrl: e.onlineUrl } : {}),
        ...registrationOf(e.registration), url: `${SITE}/processes/${ids.slug}/f/${ids.meetings}/meetings/${e.id}`, authorName: e.organiser.name,
      };
    }),
  };
}

/** What the payloads try to do; `window.__pwned` stays undefined unless one of them ran. */
export const PAYLOADS = {
  script: '<script>window.__pwned = "script"</script>',
  img: '<img src="x" onerror="window.__pwned = \'img\'">',
  svg: '<svg onload="window.__pwned = \'svg\'"></svg>',
  link: '<a href="javascript:window.__pwned=\'link\'">lien</a>',
};
const ALL_PAYLOADS = Object.values(PAYLOADS).join('');

/**
 * A Decidim process as a city would run it: dates as calendar days, two steps (instants), proposals
 * with one hidden-count component variant, meetings of the three types. Every text carries HTML and
 * the payloads above.
 */
export function demoDecidimFixture(now = Date.now(), options: { votesHidden?: boolean; stages?: 'steps' | 'phases' } = {}): DecidimFixture {
  const day = (offset: number) => new Date(now + offset * DAY).toISOString().slice(0, 10);
  const proposalsUrl = `${SITE}/processes/budget-2027/f/12/`;
  const meetingsUrl = `${SITE}/processes/budget-2027/f/13/`;
  const t = (fr: string, en?: string): Translated => ({ fr: `<p>${fr}</p>${ALL_PAYLOADS}`, ...(en ? { en: `<p>${en}</p>${ALL_PAYLOADS}` } : {}) });
  return {
    clientId: CLIENT_ID,
    ...(options.stages ? { stages: options.stages } : {}),
    organization: { name: 'Ville de Exemple' },
    processes: [{
      id: '7', slug: 'budget-2027',
      title: { fr: 'Budget participatif <em>2027</em>', en: 'Participatory budget <em>2027</em>' },
      shortDescription: t('Proposez et soutenez des <strong>projets</strong> pour votre quartier.', 'Propose and support <strong>projects</strong> for your area.'),
      startDate: day(-10), endDate: day(40),
      steps: [
        { id: '31', title: t('Dépôt des idées', 'Ideas'), startDate: iso(now - 10 * DAY), endDate: iso(now + 5 * DAY), position: 0, active: true },
        { id: '32', title: t('Soutiens', 'Supports'), startDate: iso(now + 5 * DAY), endDate: iso(now + 40 * DAY), position: 1 },
      ],
      components: [
        { id: '12', type: 'Proposals', weight: 1, url: proposalsUrl, name: { fr: 'Propositions' } },
        { id: '13', type: 'Meetings', weight: 2, url: meetingsUrl, name: { fr: 'Rencontres' } },
        { id: '14', type: 'Component', weight: 3, url: `${SITE}/processes/budget-2027/f/14/`, name: { fr: 'Page' } },
      ],
      rules: { votesHidden: !!options.votesHidden },
    }],
    proposals: [
      { id: '101', componentId: '12', title: { fr: `Des bancs <b>au parc</b> des Lilas${ALL_PAYLOADS}`, en: 'Benches in the park' }, body: t('Installer des bancs à l’ombre.'), publishedAt: iso(now - 3 * DAY), authorName: 'Camille', votes: 4 },
      { id: '102', componentId: '12', title: { en: 'A cycle lane on the avenue', machine_translations: { fr: 'Une piste cyclable sur l’avenue' } }, body: { en: '<p>Safer cycling.</p>' }, publishedAt: iso(now - 2 * DAY), authorName: null, votes: 0 },
      { id: '103', componentId: '12', title: { fr: 'Un jardin partagé &amp; une grainothèque' }, body: t('Au pied des immeubles.'), publishedAt: iso(now - DAY), authorName: 'Noor', votes: 2 },
    ],
    meetings: [
      { id: '201', componentId: '13', title: t('Atelier au centre social'), description: t('Venez <i>nombreux</i>.'), startTime: iso(now + 2 * DAY), endTime: iso(now + 2 * DAY + 2 * HOUR), typeOfMeeting: 'in_person', address: '12 rue des Lilas, 69001 Lyon', location: { fr: 'Centre social des Lilas' }, coordinates: { latitude: 45.76, longitude: 4.83 }, registrationType: 'on_this_platform', remainingSlots: 0, url: `${meetingsUrl}meetings/201`, authorName: 'Mairie' },
      { id: '202', componentId: '13', title: t('Réunion en ligne'), startTime: iso(now + 3 * DAY), endTime: iso(now + 3 * DAY + HOUR), typeOfMeeting: 'online', onlineMeetingUrl: 'https://visio.example.org/budget', registrationType: 'on_different_platform', registrationUrl: 'https://inscription.example.org/budget', url: `${meetingsUrl}meetings/202` },
      { id: '203', componentId: '13', title: t('Balade urbaine'), startTime: iso(now + 4 * DAY), endTime: iso(now + 4 * DAY + HOUR), typeOfMeeting: 'hybrid', address: 'Place Bellecour, 69002 Lyon', onlineMeetingUrl: 'javascript:alert(1)', registrationType: 'registration_disabled', url: `${meetingsUrl}meetings/203` },
    ],
  };
}
