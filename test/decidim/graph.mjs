// The stand-in's GraphQL data: resolvers over a fixture store, executed by graphql-js against the pinned
// schema of the store's version (versions.mjs). Each rule that makes it behave like Decidim rather than
// like our own schema names the Decidim file it comes from (decidim/decidim).
import { commentMutations, commentableFields } from './comments.mjs';

/**
 * A Decidim API error (decidim-api lib/decidim/api/errors/*.rb): `to_h` merges `extensions.code`. 0.32
 * spells the codes with `_ERROR`; older servers (`legacyErrorCodes`) without, and said NO_OBJECT_PERMISSION
 * for an unauthorised object.
 */
export class DecidimError extends Error {
  constructor(code, message) {
    super(Array.isArray(message) ? message.map((m) => m.message).join(', ') : message);
    this.code = code;
    this.decidimMessage = message;
  }
}
const LEGACY = {
  NOT_FOUND_ERROR: 'NOT_FOUND',
  MUTATION_NOT_AUTHORIZED_ERROR: 'MUTATION_NOT_AUTHORIZED',
  UNAUTHORIZED_OBJECT_ERROR: 'NO_OBJECT_PERMISSION',
};
export const codeFor = (store, code) => (store.fixture.legacyErrorCodes ? (LEGACY[code] ?? code) : code);

export const notAuthorised = () => new DecidimError('MUTATION_NOT_AUTHORIZED_ERROR', 'You are not authorized to perform this action');
/** decidim-api graphql_permissions.rb + #15682: an object the visitor may not see is an error at its path. */
export const unauthorisedObject = (type) => new DecidimError('UNAUTHORIZED_OBJECT_ERROR', `You are not authorized to see this ${type}`);

/** Decidim's TranslatedField (decidim-core translated_field_type.rb) over stored JSON ({ fr, en, machine_translations }). */
export function translated(value) {
  if (value === null || value === undefined) return null;
  const stored = typeof value === 'string' ? { fr: value } : value;
  const { machine_translations: machine = {}, ...defined } = stored;
  const locales = [...new Set([...Object.keys(defined), ...Object.keys(machine)])];
  const display = Object.fromEntries(locales.map((l) => [l, defined[l] || machine[l]]));
  return {
    locales: () => locales,
    translation: ({ locale }) => display[locale] ?? null,
    translations: ({ locales: only }) =>
      locales
        .filter((l) => !only || only.includes(l))
        .map((locale) => ({ locale, text: display[locale], machineTranslated: !defined[locale] })),
  };
}

const cursorOf = (index) => Buffer.from(`i${index}`).toString('base64');
const indexOf = (cursor) => (cursor ? Number(Buffer.from(cursor, 'base64').toString().slice(1)) + 1 : 0);
/** decidim-api lib/decidim/api.rb: `schema_max_per_page` (API_SCHEMA_MAX_PER_PAGE, 50) caps `first` silently. */
export const MAX_PER_PAGE = 50;

/** A list item that may be refused: graphql-js nulls a rejected item and reports the error at its index. */
export function settle(make) {
  try {
    return make();
  } catch (error) {
    return Promise.reject(error);
  }
}

/** A Relay connection; `node` may be a function that throws (an unauthorised node: null plus an error). */
function connection(items, { first, after }, toNode) {
  const start = indexOf(after);
  const size = Math.min(first ?? MAX_PER_PAGE, MAX_PER_PAGE);
  const slice = items.slice(start, start + size);
  const end = start + slice.length;
  return {
    edges: slice.map((item, i) => ({ cursor: cursorOf(start + i), node: () => toNode(item) })),
    nodes: () => slice.map((item) => settle(() => toNode(item))),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length ? cursorOf(start) : null,
      endCursor: slice.length ? cursorOf(end - 1) : null,
    },
  };
}

export function processOf(store, componentId) {
  return store.fixture.processes.find((p) => p.components.some((c) => String(c.id) === String(componentId)));
}

function voteCount(store, proposal) {
  // decidim-proposals proposal_type.rb: `vote_count` is nil when the step hides votes.
  if (processOf(store, proposal.componentId)?.rules?.votesHidden) return null;
  let count = 0;
  for (const key of store.votes.keys()) if (key.endsWith(`|${proposal.id}`)) count++;
  return count;
}

const userNode = (id, name) => ({ __typename: 'User', id, name, nickname: `n${id}`, deleted: false });

/** An author the visitor may not see (deleted, blocked) is an unauthorised object since 0.32 (#15682). */
export function authorOf(item, prefix) {
  if (item.authorHidden)
    return () => {
      throw unauthorisedObject('author');
    };
  return item.authorName ? userNode(`${prefix}-${item.id}`, item.authorName) : null;
}

export function proposalNode(store, p, context) {
  // decidim-proposals proposal_type.rb `self.authorized?`: a hidden (moderated) proposal is not readable.
  if (p.hidden) throw unauthorisedObject('proposal');
  // decidim-core amendable.rb `visible_amendments_for`: amendments whose emendation is published.
  const amendments = store.fixture.proposals
    .filter((e) => e.emendationOf === p.id && e.published !== false)
    .map((e) => ({
      id: `a-${e.id}`,
      state: e.amendmentState ?? 'evaluating',
      amender: userNode(`u-${e.id}`, e.authorName ?? 'Participant'),
      emendation: { __typename: 'Proposal', id: e.id },
    }));
  return {
    __typename: 'Proposal',
    id: p.id,
    title: translated(p.title),
    body: translated(p.body),
    address: p.address ?? null,
    reference: `P-${p.id}`,
    // state is nil until an answer is published; it may be an organisation's own state.
    state: p.answerPublished === false ? null : (p.state ?? null),
    answer: p.answerPublished === false ? null : translated(p.answer),
    answeredAt: p.answerPublished === false ? null : (p.answeredAt ?? null),
    amendments,
    withdrawn: !!p.withdrawn,
    official: !p.authorName,
    publishedAt: p.publishedAt,
    createdAt: p.publishedAt,
    updatedAt: p.updatedAt ?? p.publishedAt,
    voteCount: voteCount(store, p),
    author: authorOf(p, 'u'),
    authorsCount: 1,
    participatoryTextLevel: p.participatoryTextLevel ?? null,
    position: p.position ?? null,
    ...commentableFields(store, context, { type: 'Decidim::Proposals::Proposal', id: p.id, process: processOf(store, p.componentId) }),
  };
}

/** Published proposals of a component, withdrawn ones and emendations included (as Decidim lists them). */
function listedProposals(store, componentId) {
  return (store.fixture.proposals ?? []).filter((p) => String(p.componentId) === String(componentId) && p.published !== false);
}

/**
 * decidim-core needs_api_filter_and_order.rb `add_order_keys` chains `.order` over the input's arguments in
 * their DECLARED order (decidim-proposals proposal_input_sort.rb: published_at first, then id, then
 * vote_count), whatever order the query wrote them in: `{voteCount: desc, publishedAt: desc}` is newest first.
 */
const SORT_KEYS = ['publishedAt', 'id', 'voteCount'];
function sortProposals(store, items, order) {
  const keys = SORT_KEYS.filter((k) => order?.[k]).map((k) => [k, order[k]]);
  const value = (p, key) =>
    key === 'voteCount' ? (voteCount(store, p) ?? 0) : key === 'publishedAt' ? Date.parse(p.publishedAt) : Number(p.id) || String(p.id);
  return [...items].sort((a, b) => {
    for (const [key, direction] of keys) {
      if (key === 'voteCount' && processOf(store, a.componentId)?.rules?.votesHidden) continue; // "ignored if votes are hidden"
      const x = value(a, key);
      const y = value(b, key);
      if (x !== y) return (x < y ? -1 : 1) * (String(direction).toLowerCase() === 'desc' ? -1 : 1);
    }
    return 0;
  });
}

function meetingNode(m) {
  // decidim-meetings meeting_type.rb `coordinates` is always [latitude, longitude]; CoordinatesType declares
  // both `null: false` (decidim-core coordinates_type.rb), so an online or un-geocoded meeting is an error
  // at `...coordinates.latitude` and `coordinates` becomes null.
  const slots = m.availableSlots ?? 0;
  return {
    ...m,
    title: translated(m.title),
    description: translated(m.description),
    location: translated(m.location),
    locationHints: null,
    coordinates: { latitude: m.coordinates?.latitude ?? null, longitude: m.coordinates?.longitude ?? null },
    closed: m.closed ?? false,
    // meeting_type.rb: the closing report only while the closing is visible (Meeting#closing_visible?).
    closingReport: m.closed && m.closingVisible !== false ? translated(m.closingReport) : null,
    attendeeCount: m.attendeeCount ?? null,
    attendingOrganizations: m.attendingOrganizations ?? null,
    contributionCount: m.contributionCount ?? null,
    privateMeeting: false,
    onlineMeetingUrl: m.onlineMeetingUrl ?? '',
    registrationsEnabled: m.registrationsEnabled ?? m.registrationType === 'on_this_platform',
    // decidim-meetings Meeting#remaining_slots: 0 when `available_slots` is 0, which means NO limit.
    remainingSlots: slots === 0 ? 0 : Math.max(0, slots - (m.attendees ?? 0)),
    author: authorOf(m, 'm'),
  };
}

function componentNode(store, process, c, context) {
  const base = {
    __typename: c.type,
    id: String(c.id),
    weight: c.weight ?? 0,
    url: c.url,
    name: translated(c.name ?? { fr: c.type, en: c.type }),
  };
  if (c.type === 'Proposals') {
    const node = (p) => proposalNode(store, p, context);
    return {
      ...base,
      proposals: ({ first, after, order }) => connection(sortProposals(store, listedProposals(store, c.id), order), { first, after }, node),
      proposal: ({ id }) => {
        const p = listedProposals(store, c.id).find((x) => String(x.id) === String(id));
        return p ? node(p) : null;
      },
    };
  }
  if (c.type === 'Meetings') {
    const meetings = () => (store.fixture.meetings ?? []).filter((m) => String(m.componentId) === String(c.id) && m.published !== false);
    return {
      ...base,
      meetings: ({ first, after }) => connection(meetings(), { first, after }, meetingNode),
      meeting: ({ id }) => {
        const m = meetings().find((x) => String(x.id) === String(id));
        return m ? meetingNode(m) : null;
      },
    };
  }
  return { ...base, __typename: 'Component' };
}

function processNode(store, p, context) {
  const stage = (s) => ({
    ...s,
    title: translated(s.title),
    description: translated(s.description),
    callToActionPath: null,
    callToActionText: null,
  });
  return {
    id: p.id,
    slug: p.slug,
    title: translated(p.title),
    subtitle: null,
    shortDescription: translated(p.shortDescription),
    description: translated(p.description),
    type: 'Decidim::ParticipatoryProcess',
    startDate: p.startDate ?? null,
    endDate: p.endDate ?? null,
    publishedAt: '2026-01-01T00:00:00Z',
    [store.stages]: p.steps.map(stage),
    components: () => p.components.map((c) => componentNode(store, p, c, context)),
  };
}

/** decidim-api types/base_mutation.rb: `required_scopes "api:read", "api:write"` and a signed-in user. */
export function requireWriter(context) {
  if (!context.user || !context.scopes.includes('api:write')) throw notAuthorised();
  return context.user;
}

/** decidim-api types/base_mutation.rb `set_locale`: the locale must be one of the organisation's. */
function setLocale(store, locale) {
  const locales = store.fixture.organization?.locales ?? ['fr', 'en'];
  if (!locales.includes(locale)) throw new DecidimError('INVALID_LOCALE_ERROR', `${locale} is not a valid locale`);
}

function mutationComponent(store, context, id) {
  const process = processOf(store, id);
  const component = process?.components.find((c) => String(c.id) === String(id));
  if (!component || component.type !== 'Proposals') throw new DecidimError('NOT_FOUND_ERROR', 'Component not found');
  const rules = process.rules ?? {};
  const proposalMutation = (proposalId) => {
    const p = listedProposals(store, id).find((x) => String(x.id) === String(proposalId) && !x.hidden);
    if (!p) return null;
    const vote = (add) => {
      const user = requireWriter(context);
      if (rules.votesEnabled === false || (!add && rules.unvoteEnabled === false)) throw notAuthorised();
      const key = `${user.id}|${p.id}`;
      if (add && store.votes.has(key)) throw new DecidimError('VALIDATION_ERROR', 'There was a problem supporting the proposal.');
      const mine = [...store.votes.keys()].filter((k) => k.startsWith(`${user.id}|`)).length;
      if (add && rules.voteLimit && mine >= rules.voteLimit) throw notAuthorised();
      if (add) store.votes.set(key, true);
      else store.votes.delete(key);
      return proposalNode(store, p, context);
    };
    return { vote: () => vote(true), unvote: () => vote(false) };
  };
  return {
    __typename: 'ProposalsMutation',
    id: String(id),
    proposal: ({ id: proposalId }) => proposalMutation(proposalId),
    createProposal: ({ input }) => {
      // decidim-proposals create_proposal_type.rb: `authorized?` first (MUTATION_NOT_AUTHORIZED_ERROR, HTTP 200).
      const user = requireWriter(context);
      if (rules.creationEnabled === false) throw notAuthorised();
      setLocale(store, input.locale);
      const { title, body } = input.attributes;
      const errors = [];
      if (title.length < 15) errors.push({ path: ['attributes', 'title'], message: 'Title is too short (minimum is 15 characters)' });
      if (title.length > 150) errors.push({ path: ['attributes', 'title'], message: 'Title is too long (maximum is 150 characters)' });
      if (body.length < 15) errors.push({ path: ['attributes', 'body'], message: 'Body is too short (minimum is 15 characters)' });
      if (errors.length) throw new DecidimError('ATTRIBUTE_VALIDATION_ERROR', errors);
      const proposal = {
        id: `new-${++store.created}`,
        componentId: String(id),
        title: { [input.locale]: title },
        body: { [input.locale]: body },
        publishedAt: new Date().toISOString(),
        authorName: user.name,
      };
      store.fixture.proposals.push(proposal);
      return proposalNode(store, proposal, context);
    },
  };
}

export function rootValue(store, context) {
  return {
    organization: () => ({ name: translated(store.fixture.organization?.name ?? { fr: 'Ville Exemple' }) }),
    session: () => (context.user ? { user: userNode(context.user.id, context.user.name) } : null),
    participatoryProcess: ({ id, slug }) => {
      const p = store.fixture.processes.find((x) => (id == null || String(x.id) === String(id)) && (slug == null || x.slug === slug));
      return p && p.published !== false ? processNode(store, p, context) : null;
    },
    component: ({ id }) => {
      if (context.operation === 'mutation') return mutationComponent(store, context, id);
      const process = processOf(store, id);
      const c = process?.components.find((x) => String(x.id) === String(id));
      return c ? componentNode(store, process, c, context) : null;
    },
    ...(context.operation === 'mutation' ? commentMutations(store, context) : {}),
  };
}
