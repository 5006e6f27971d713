/**
 * Fixtures for the local Decidim stand-in (test/decidim/server.mjs), built in the browser and seeded
 * over HTTP: the contract fixture as Decidim processes, and a demo process whose texts carry HTML and
 * script payloads (a page-level trap, `window.__pwned`, tells whether any of it ever ran). The demo also
 * holds what a real Decidim lists and the backend must not trip on: a hidden proposal, a withdrawn one,
 * an emendation, an unanswered state, a custom state, an author the visitor may not see, an online
 * meeting without coordinates, a meeting without a seat limit, and comments (one hidden, one deleted).
 */
import { DAY, HOUR } from '../../src/core/phase.js';
import type { BackendError } from '../../src/core/errors.js';
import type { Registration } from '../../src/core/schemas.js';
import type { ContractFixture } from '../../src/test-utils/contract-fixture.js';
import type { DecidimVersion } from './versions.mjs';

type Translated = { [locale: string]: string | Record<string, string> | undefined; machine_translations?: Record<string, string> };
/** The Decidim versions the stand-in pins (test/decidim/versions.mjs). */
export { VERSIONS as DECIDIM_VERSIONS, type DecidimVersion } from './versions.mjs';
export interface DecidimFixture {
  clientId: string;
  version?: DecidimVersion;
  /** The organisation's name (translated since 0.29) and available locales (createProposal's `locale`). */
  organization?: { name: Translated; locales?: string[] };
  denySignIn?: boolean;
  tamperState?: boolean;
  /** Error codes as before 0.32 (NOT_FOUND, MUTATION_NOT_AUTHORIZED, NO_OBJECT_PERMISSION). */
  legacyErrorCodes?: boolean;
  /** Requests a minute before 429 (Decidim: 100). */
  rateLimit?: number;
  /** The Decidim host added a CORS rule for /oauth/token (Decidim has none). */
  corsOnToken?: boolean;
  failNext?: number;
  processes: {
    id: string;
    slug: string;
    title: Translated;
    shortDescription?: Translated;
    description?: Translated;
    startDate?: string | null;
    endDate?: string | null;
    published?: boolean;
    steps: {
      id: string;
      title: Translated;
      description?: Translated;
      startDate: string | null;
      endDate: string | null;
      position: number;
      active?: boolean;
    }[];
    components: { id: string; type: 'Proposals' | 'Meetings' | 'Component'; weight?: number; url: string; name?: Translated }[];
    rules?: {
      creationEnabled?: boolean;
      votesEnabled?: boolean;
      unvoteEnabled?: boolean;
      voteLimit?: number | null;
      votesHidden?: boolean;
      commentsBlocked?: boolean;
    };
  }[];
  proposals: {
    id: string;
    componentId: string;
    title: Translated;
    body: Translated;
    publishedAt: string;
    published?: boolean;
    authorName?: string | null;
    votes?: number;
    state?: string | null;
    withdrawn?: boolean;
    hidden?: boolean;
    authorHidden?: boolean;
    emendationOf?: string;
    /** Of an emendation: its amendment's state (decidim-core amendment.rb STATES), `evaluating` by default. */
    amendmentState?: 'draft' | 'evaluating' | 'accepted' | 'rejected' | 'withdrawn';
    /** A participatory text's part (participatory_text_section.rb LEVELS) and its place. */
    participatoryTextLevel?: 'section' | 'sub-section' | 'article';
    position?: number;
    updatedAt?: string;
    answer?: Translated;
    answeredAt?: string;
    answerPublished?: boolean;
  }[];
  comments?: {
    id: string;
    proposalId: string;
    parentId?: string;
    body: string;
    alignment?: -1 | 0 | 1;
    authorName?: string;
    createdAt: string;
    upVotes?: number;
    downVotes?: number;
    hidden?: boolean;
    deleted?: boolean;
    authorHidden?: boolean;
  }[];
  meetings: {
    id: string;
    componentId: string;
    title: Translated;
    description?: Translated;
    startTime: string;
    endTime: string;
    published?: boolean;
    typeOfMeeting: 'in_person' | 'online' | 'hybrid';
    address?: string | null;
    location?: Translated;
    coordinates?: { latitude: number; longitude: number };
    onlineMeetingUrl?: string;
    registrationType: 'registration_disabled' | 'on_this_platform' | 'on_different_platform';
    registrationUrl?: string | null;
    /** Decidim's `available_slots` (0: no limit) and registrations so far. */
    availableSlots?: number;
    attendees?: number;
    withdrawn?: boolean;
    /** Its closing (issue 22): closed, the report (hidden while `closingVisible` is false), the counts. */
    closed?: boolean;
    closingVisible?: boolean;
    closingReport?: Translated;
    attendeeCount?: number;
    attendingOrganizations?: string;
    contributionCount?: number;
    url: string;
    authorName?: string | null;
  }[];
}

export const CLIENT_ID = 'pgo-widgets-test';
export const SITE = 'https://participation.example.org';
export const CALLBACK = () => `${location.origin}/__decidim/callback`;

/** Seeds a fresh store and returns its endpoint (Decidim's base URL). */
export async function seedDecidim(fixture: DecidimFixture): Promise<string> {
  const response = await fetch('/__decidim/seed', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fixture),
  });
  const { base } = (await response.json()) as { base: string };
  return `${location.origin}${base}`;
}

/** Every GraphQL request the store received (query, variables, errors, token, X-Jwt-Aud). */
export async function decidimLog(
  endpoint: string,
): Promise<{ query: string; variables: Record<string, unknown>; errors: string[]; token: string | null; aud: string | null }[]> {
  return (await fetch(`${endpoint}/log`)).json();
}

/** Requests the store answered (throttled ones included) and token exchanges. */
export async function decidimStats(endpoint: string): Promise<{ requests: number; throttled: number; tokenRequests: number }> {
  return (await fetch(`${endpoint}/stats`)).json();
}

/** Forgets every token the store issued (the next authenticated call runs as nobody). */
export async function revokeTokens(endpoint: string): Promise<void> {
  await fetch(`${endpoint}/revoke`, { method: 'POST' });
}

/** The same store on another origin (localhost <-> 127.0.0.1): a Decidim on another site than the page. */
export function crossOrigin(endpoint: string): string {
  const url = new URL(endpoint);
  url.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return url.href.replace(/\/$/, '');
}

const iso = (ms: number) => new Date(ms).toISOString();
const MODE = { 'in-person': 'in_person', online: 'online', hybrid: 'hybrid' } as const;

function registrationOf(
  registration: Registration,
): Pick<DecidimFixture['meetings'][number], 'registrationType' | 'registrationUrl' | 'availableSlots' | 'attendees'> {
  if (registration.kind === 'external') return { registrationType: 'on_different_platform', registrationUrl: registration.url };
  if (registration.kind === 'inline') {
    const left = registration.seatsLeft;
    // Decidim keeps slots and attendees; 0 available slots would mean "no limit".
    return {
      registrationType: 'on_this_platform',
      registrationUrl: null,
      ...(left === null ? {} : { availableSlots: left + 1, attendees: 1 }),
    };
  }
  return { registrationType: 'registration_disabled', registrationUrl: null };
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
      id: String(100 + index),
      slug: c.id,
      title: { fr: c.title },
      shortDescription: { fr: c.description },
      startDate: null,
      endDate: null,
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
      id: p.id,
      componentId: componentIds.get(p.consultationId)!.proposals,
      title: { fr: p.title },
      body: { fr: p.body },
      publishedAt: p.createdAt,
      published: p.status === 'published',
      authorName: p.authorName,
      votes: Object.values(p.votes ?? {}).reduce((a, b) => a + (b ?? 0), 0),
    })),
    meetings: fixture.events.map((e) => {
      const ids = componentIds.get(e.consultationId)!;
      const a = e.address;
      return {
        id: e.id,
        componentId: ids.meetings,
        title: { fr: e.title },
        description: { fr: e.description },
        startTime: e.startsAt,
        endTime: e.endsAt,
        published: (e.moderation ?? 'approved') === 'approved',
        typeOfMeeting: MODE[e.mode],
        address: a ? [a.street, [a.postalCode, a.locality].filter(Boolean).join(' ')].filter(Boolean).join(', ') : null,
        ...(a?.placeName ? { location: { fr: a.placeName } } : {}),
        ...(e.onlineUrl ? { onlineMeetingUrl: e.onlineUrl } : {}),
        ...registrationOf(e.registration),
        url: `${SITE}/processes/${ids.slug}/f/${ids.meetings}/meetings/${e.id}`,
        authorName: e.organiser.name,
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
export function demoDecidimFixture(now = Date.now(), options: { votesHidden?: boolean; version?: DecidimVersion } = {}): DecidimFixture {
  const day = (offset: number) => new Date(now + offset * DAY).toISOString().slice(0, 10);
  const proposalsUrl = `${SITE}/processes/budget-2027/f/12/`;
  const meetingsUrl = `${SITE}/processes/budget-2027/f/13/`;
  const t = (fr: string, en?: string): Translated => ({
    fr: `<p>${fr}</p>${ALL_PAYLOADS}`,
    ...(en ? { en: `<p>${en}</p>${ALL_PAYLOADS}` } : {}),
  });
  return {
    clientId: CLIENT_ID,
    ...(options.version ? { version: options.version } : {}),
    organization: { name: { fr: 'Ville de Exemple', en: 'Example Town' }, locales: ['fr', 'en'] },
    processes: [
      {
        id: '7',
        slug: 'budget-2027',
        title: { fr: 'Budget participatif <em>2027</em>', en: 'Participatory budget <em>2027</em>' },
        shortDescription: t(
          'Proposez et soutenez des <strong>projets</strong> pour votre quartier.',
          'Propose and support <strong>projects</strong> for your area.',
        ),
        startDate: day(-10),
        endDate: day(40),
        steps: [
          {
            id: '31',
            title: t('Dépôt des idées', 'Ideas'),
            startDate: iso(now - 10 * DAY),
            endDate: iso(now + 5 * DAY),
            position: 0,
            active: true,
          },
          { id: '32', title: t('Soutiens', 'Supports'), startDate: iso(now + 5 * DAY), endDate: iso(now + 40 * DAY), position: 1 },
        ],
        components: [
          { id: '12', type: 'Proposals', weight: 1, url: proposalsUrl, name: { fr: 'Propositions' } },
          { id: '13', type: 'Meetings', weight: 2, url: meetingsUrl, name: { fr: 'Rencontres' } },
          { id: '14', type: 'Component', weight: 3, url: `${SITE}/processes/budget-2027/f/14/`, name: { fr: 'Page' } },
        ],
        rules: { votesHidden: !!options.votesHidden },
      },
    ],
    proposals: [
      {
        id: '101',
        componentId: '12',
        title: { fr: `Des bancs <b>au parc</b> des Lilas${ALL_PAYLOADS}`, en: 'Benches in the park' },
        body: t('Installer des bancs à l’ombre.'),
        publishedAt: iso(now - 3 * DAY),
        authorName: 'Camille',
        votes: 4,
        state: 'accepted',
        answer: t('Retenue : les bancs seront posés au printemps.', 'Accepted: the benches will be installed in spring.'),
        answeredAt: iso(now - DAY),
      },
      {
        id: '102',
        componentId: '12',
        title: { en: 'A cycle lane on the avenue', machine_translations: { fr: 'Une piste cyclable sur l’avenue' } },
        body: { en: '<p>Safer cycling.</p>' },
        publishedAt: iso(now - 2 * DAY),
        authorName: null,
        votes: 0,
        state: 'rejected',
        answer: { fr: 'Pas encore publiée' },
        answerPublished: false,
      },
      {
        id: '103',
        componentId: '12',
        title: { fr: 'Un jardin partagé &amp; une grainothèque' },
        body: t('Au pied des immeubles.'),
        publishedAt: iso(now - DAY),
        authorName: 'Noor',
        authorHidden: true,
        votes: 2,
        state: 'etude-technique',
      },
      {
        id: '104',
        componentId: '12',
        title: { fr: 'Une proposition masquée par la modération' },
        body: { fr: 'Masquée.' },
        publishedAt: iso(now - 4 * DAY),
        authorName: 'Troll',
        hidden: true,
      },
      {
        id: '105',
        componentId: '12',
        title: { fr: 'Une proposition retirée par son auteur' },
        body: { fr: 'Retirée.' },
        publishedAt: iso(now - 5 * DAY),
        authorName: 'Lou',
        withdrawn: true,
        votes: 9,
      },
      {
        id: '106',
        componentId: '12',
        title: { fr: 'Amendement : des bancs et des tables' },
        body: { fr: 'Une variante de 101.' },
        publishedAt: iso(now - 6 * DAY),
        authorName: 'Sam',
        emendationOf: '101',
        votes: 7,
      },
    ],
    comments: [
      {
        id: '901',
        proposalId: '101',
        body: 'Très bonne idée, pour les anciens du quartier.',
        alignment: 1,
        authorName: 'Ana',
        createdAt: iso(now - 2 * DAY),
        upVotes: 3,
      },
      {
        id: '902',
        proposalId: '101',
        body: `Trop cher <b>à mon avis</b>${ALL_PAYLOADS}`,
        alignment: -1,
        authorName: 'Bo',
        createdAt: iso(now - DAY),
        downVotes: 1,
      },
      { id: '903', proposalId: '101', body: 'Un commentaire masqué', authorName: 'Troll', createdAt: iso(now - DAY), hidden: true },
      { id: '904', proposalId: '101', body: 'Un commentaire supprimé', authorName: 'Eve', createdAt: iso(now - HOUR), deleted: true },
      {
        id: '905',
        proposalId: '101',
        parentId: '901',
        body: 'D’accord avec Ana.',
        alignment: 0,
        authorName: 'Cy',
        createdAt: iso(now - 3 * HOUR),
      },
    ],
    meetings: [
      {
        id: '201',
        componentId: '13',
        title: t('Atelier au centre social'),
        description: t('Venez <i>nombreux</i>.'),
        startTime: iso(now + 2 * DAY),
        endTime: iso(now + 2 * DAY + 2 * HOUR),
        typeOfMeeting: 'in_person',
        address: '12 rue des Lilas, 69001 Lyon',
        location: { fr: 'Centre social des Lilas' },
        coordinates: { latitude: 45.76, longitude: 4.83 },
        registrationType: 'on_this_platform',
        availableSlots: 0,
        attendees: 12,
        url: `${meetingsUrl}meetings/201`,
        authorName: 'Mairie',
      },
      {
        id: '202',
        componentId: '13',
        title: t('Réunion en ligne'),
        startTime: iso(now + 3 * DAY),
        endTime: iso(now + 3 * DAY + HOUR),
        typeOfMeeting: 'online',
        onlineMeetingUrl: 'https://visio.example.org/budget',
        registrationType: 'on_different_platform',
        registrationUrl: 'https://inscription.example.org/budget',
        url: `${meetingsUrl}meetings/202`,
      },
      {
        id: '203',
        componentId: '13',
        title: t('Balade urbaine'),
        startTime: iso(now + 4 * DAY),
        endTime: iso(now + 4 * DAY + HOUR),
        typeOfMeeting: 'hybrid',
        address: 'Place Bellecour, 69002 Lyon',
        onlineMeetingUrl: 'javascript:alert(1)',
        registrationType: 'registration_disabled',
        url: `${meetingsUrl}meetings/203`,
      },
    ],
  };
}

/** The error a backend call fails with (the test fails when it does not). */
export async function failure(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (error) {
    return error as BackendError;
  }
  throw new Error('expected the call to fail');
}
