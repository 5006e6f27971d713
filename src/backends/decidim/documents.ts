/**
 * Every GraphQL document the decidim backend sends. Each one is validated against the pinned schema
 * (schema.graphql, and renames.graphql for the `phases` variant) by decidim-documents.test.ts.
 */

/** A translated field: every locale, so the backend can choose with its own fallback order. */
const T = 'translations { locale text machineTranslated }';

/** Decidim 0.32 calls a process's stages `steps`; later versions call them `phases`. */
export type StagesField = 'steps' | 'phases';

export const processQuery = (stages: StagesField) => `query PgoProcess($id: ID, $slug: String) {
  organization { name }
  participatoryProcess(id: $id, slug: $slug) {
    id slug title { ${T} } shortDescription { ${T} } description { ${T} } startDate endDate
    ${stages} { id title { ${T} } description { ${T} } startDate endDate active position }
    components { __typename id weight url name { ${T} } }
  }
}`;

const PROPOSAL = `id title { ${T} } body { ${T} } state withdrawn publishedAt createdAt voteCount author { name }`;

export const PROPOSALS_QUERY = `query PgoProposals($component: ID!, $first: Int, $after: String, $order: ProposalSort) {
  component(id: $component) {
    ... on Proposals {
      proposals(first: $first, after: $after, order: $order) { pageInfo { hasNextPage endCursor } edges { node { ${PROPOSAL} } } }
    }
  }
}`;

export const PROPOSAL_QUERY = `query PgoProposal($component: ID!, $id: ID!) {
  component(id: $component) { ... on Proposals { proposal(id: $id) { ${PROPOSAL} } } }
}`;

const MEETING = `id title { ${T} } description { ${T} } startTime endTime typeOfMeeting address coordinates { latitude longitude }
  location { ${T} } onlineMeetingUrl registrationType registrationUrl registrationsEnabled remainingSlots withdrawn url author { name }`;

export const MEETINGS_QUERY = `query PgoMeetings($component: ID!, $first: Int, $after: String) {
  component(id: $component) {
    ... on Meetings { meetings(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${MEETING} } } } }
  }
}`;

export const MEETING_QUERY = `query PgoMeeting($component: ID!, $id: ID!) {
  component(id: $component) { ... on Meetings { meeting(id: $id) { ${MEETING} } } }
}`;

export const SESSION_QUERY = `query PgoSession { session { user { id name nickname } } }`;

export const CREATE_PROPOSAL = `mutation PgoCreateProposal($component: ID!, $attributes: ProposalAttributes!) {
  component(id: $component) { ... on ProposalsMutation { createProposal(input: { attributes: $attributes }) { ${PROPOSAL} } } }
}`;

export const VOTE = `mutation PgoVote($component: ID!, $id: ID!) {
  component(id: $component) { ... on ProposalsMutation { proposal(id: $id) { vote(input: {}) { ${PROPOSAL} } } } }
}`;

export const UNVOTE = `mutation PgoUnvote($component: ID!, $id: ID!) {
  component(id: $component) { ... on ProposalsMutation { proposal(id: $id) { unvote(input: {}) { ${PROPOSAL} } } } }
}`;

/** Every document, named, for the schema validation test. */
export const ALL_DOCUMENTS: Record<string, string> = {
  processSteps: processQuery('steps'),
  processPhases: processQuery('phases'),
  proposals: PROPOSALS_QUERY,
  proposal: PROPOSAL_QUERY,
  meetings: MEETINGS_QUERY,
  meeting: MEETING_QUERY,
  session: SESSION_QUERY,
  createProposal: CREATE_PROPOSAL,
  vote: VOTE,
  unvote: UNVOTE,
};
