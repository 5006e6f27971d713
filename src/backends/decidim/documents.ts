/**
 * Every GraphQL document the decidim backend sends. Each one is validated against the pinned schema of
 * each supported version (schema.graphql + meetings.graphql + comments.graphql for 0.32, renames.graphql for the
 * development line's `phases`) by decidim.test.ts, and by the stand-in on every request.
 */

/** A translated field: every locale, so the backend can choose with its own fallback order. */
const T = 'translations { locale text machineTranslated }';

/** Decidim 0.32 calls a process's stages `steps`; later versions call them `phases`. */
export type StagesField = 'steps' | 'phases';

export const processQuery = (stages: StagesField) => `query PgoProcess($id: ID, $slug: String) {
  organization { name { ${T} } }
  participatoryProcess(id: $id, slug: $slug) {
    id slug title { ${T} } shortDescription { ${T} } description { ${T} } startDate endDate
    ${stages} { id title { ${T} } description { ${T} } startDate endDate active position }
    components { __typename id weight url name { ${T} } }
  }
}`;

/**
 * `state` is null until an answer is published, and may be an organisation's own state; `answer` is the
 * published answer. The list also holds emendations: `amendments` names them (decidim-core
 * amendable_interface.rb), so they can be left out.
 */
const PROPOSAL = `id title { ${T} } body { ${T} } state answer { ${T} } answeredAt withdrawn publishedAt createdAt voteCount author { name }
  amendments { emendation { id } }`;

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

/** A meeting's closing (issue 22, closing.ts): decidim-meetings meeting_type.rb. */
export const MEETING_CLOSING_QUERY = `query PgoMeetingClosing($component: ID!, $id: ID!) {
  component(id: $component) { ... on Meetings { meeting(id: $id) {
    id closed startTime endTime closingReport { ${T} } attendeeCount attendingOrganizations contributionCount
  } } }
}`;

export const SESSION_QUERY = `query PgoSession { session { user { id name nickname } } }`;

/** `locale` is required since #15790 (create_proposal_type.rb) and must be one of the organisation's. */
export const CREATE_PROPOSAL = `mutation PgoCreateProposal($component: ID!, $attributes: ProposalAttributes!, $locale: String!) {
  component(id: $component) { ... on ProposalsMutation { createProposal(input: { attributes: $attributes, locale: $locale }) { ${PROPOSAL} } } }
}`;

export const VOTE = `mutation PgoVote($component: ID!, $id: ID!) {
  component(id: $component) { ... on ProposalsMutation { proposal(id: $id) { vote(input: {}) { ${PROPOSAL} } } } }
}`;

export const UNVOTE = `mutation PgoUnvote($component: ID!, $id: ID!) {
  component(id: $component) { ... on ProposalsMutation { proposal(id: $id) { unvote(input: {}) { ${PROPOSAL} } } } }
}`;

/** A comment (decidim-comments comment_type.rb); `upVoted`/`downVoted` speak for the token's participant. */
const COMMENT = 'id body createdAt alignment upVotes downVotes upVoted downVoted author { name }';

/** A proposal's comments, first level and their replies (decidim-comments commentable_interface.rb). */
export const COMMENTS_QUERY = `query PgoComments($component: ID!, $id: ID!) {
  component(id: $component) { ... on Proposals { proposal(id: $id) {
    id acceptsNewComments commentsHaveAlignment commentsHaveVotes userAllowedToComment totalCommentsCount
    comments(orderBy: "older") { ${COMMENT} comments(orderBy: "older") { ${COMMENT} } }
  } } }
}`;

/** decidim-comments commentable_mutation_type.rb; `type` is the commentable's class name. */
export const ADD_COMMENT = `mutation PgoAddComment($id: String!, $type: String!, $body: String!, $alignment: Int, $locale: String) {
  commentable(id: $id, type: $type, locale: $locale) { addComment(body: $body, alignment: $alignment) { ${COMMENT} } }
}`;

/** decidim-comments comment_mutation_type.rb. */
export const UP_VOTE_COMMENT = `mutation PgoUpVoteComment($id: ID!) { comment(id: $id) { upVote { ${COMMENT} } } }`;
export const DOWN_VOTE_COMMENT = `mutation PgoDownVoteComment($id: ID!) { comment(id: $id) { downVote { ${COMMENT} } } }`;

/**
 * A participatory text (issue 21, participatory-text.ts): every part of a proposals component with its level,
 * position and amendments (their emendations are proposals of the same list).
 */
export const PARTICIPATORY_TEXT_QUERY = `query PgoParticipatoryText($component: ID!, $first: Int, $after: String) {
  component(id: $component) {
    ... on Proposals {
      proposals(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node {
        id title { ${T} } body { ${T} } participatoryTextLevel position publishedAt updatedAt withdrawn voteCount totalCommentsCount
        amendments { id state amender { name } emendation { id } }
      } } }
    }
  }
}`;

/** Every document, named, for the schema validation test. */
export const ALL_DOCUMENTS: Record<string, string> = {
  processSteps: processQuery('steps'),
  processPhases: processQuery('phases'),
  proposals: PROPOSALS_QUERY,
  proposal: PROPOSAL_QUERY,
  meetings: MEETINGS_QUERY,
  meeting: MEETING_QUERY,
  meetingClosing: MEETING_CLOSING_QUERY,
  session: SESSION_QUERY,
  createProposal: CREATE_PROPOSAL,
  vote: VOTE,
  unvote: UNVOTE,
  comments: COMMENTS_QUERY,
  addComment: ADD_COMMENT,
  upVoteComment: UP_VOTE_COMMENT,
  downVoteComment: DOWN_VOTE_COMMENT,
  participatoryText: PARTICIPATORY_TEXT_QUERY,
};
