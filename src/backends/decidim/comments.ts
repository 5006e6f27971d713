/**
 * Comments on a proposal through Decidim's API (decidim-comments), for the discussion element to come:
 * read (first level and replies, as text), add with an alignment or as a reply, vote up or down. Not in
 * the ConsultationBackend contract yet: the decidim backend exposes them behind its capability flags
 * (`comments`, `addComment`, `voteComment`, options.ts); without a client id each write is `unsupported`
 * with the proposal's Decidim page (`problem.url`), where it can be done.
 */
import type { RequestOptions } from '../../core/backend.js';
import { backendError, validationError } from '../../core/errors.js';
import type { DecidimAuth } from './auth.js';
import type { DecidimClient } from './client.js';
import * as doc from './documents.js';
import { decidimInstant } from './mapping.js';
import { htmlToText } from './text.js';

export type CommentAlignment = 'for' | 'against' | 'neutral';

export interface DecidimComment {
  id: string;
  /** Text only (Decidim's body may hold markup). */
  body: string;
  alignment: CommentAlignment;
  authorName: string | null;
  createdAt: string;
  upVotes: number;
  downVotes: number;
  /** For the signed-in participant (false when nobody is signed in). */
  upVoted: boolean;
  downVoted: boolean;
  /** Replies (one level: deeper ones are on the Decidim page). */
  replies: DecidimComment[];
}

export interface CommentThread {
  proposalId: string;
  comments: DecidimComment[];
  /** Decidim's count, all levels. */
  total: number;
  /** The proposal takes new comments now (`acceptsNewComments`). */
  accepting: boolean;
  /** Comments carry an alignment (for / against / neutral), and take votes. */
  alignment: boolean;
  votes: boolean;
  /** The proposal's page on Decidim, where the whole discussion is. */
  url?: string;
}

export interface CommentDraft {
  body: string;
  alignment?: CommentAlignment;
  /** A comment id: the new comment is a reply to it. */
  replyTo?: string;
}

interface RawComment {
  id: string;
  body: string;
  createdAt: string;
  alignment?: number | null;
  upVotes: number;
  downVotes: number;
  upVoted: boolean;
  downVoted: boolean;
  author?: { name: string } | null;
  comments?: (RawComment | null)[] | null;
}
interface RawCommentable {
  id: string;
  acceptsNewComments: boolean;
  commentsHaveAlignment: boolean;
  commentsHaveVotes: boolean;
  totalCommentsCount: number;
  comments: (RawComment | null)[];
}

const ALIGNMENT: Record<string, CommentAlignment> = { 1: 'for', '-1': 'against' };
const ALIGNMENT_VALUE: Record<CommentAlignment, number> = { for: 1, against: -1, neutral: 0 };
/** decidim-comments: `comments_max_length`, 1000 by default (an organisation may set another). */
const MAX_LENGTH = 1000;

function toComment(raw: RawComment, timeZone: string): DecidimComment {
  return {
    id: raw.id,
    body: htmlToText(raw.body ?? ''),
    alignment: ALIGNMENT[String(raw.alignment ?? 0)] ?? 'neutral',
    authorName: raw.author?.name?.trim() || null,
    createdAt: decidimInstant(raw.createdAt, timeZone, 'start') ?? new Date(0).toISOString(),
    upVotes: raw.upVotes ?? 0,
    downVotes: raw.downVotes ?? 0,
    upVoted: !!raw.upVoted,
    downVoted: !!raw.downVoted,
    replies: (raw.comments ?? []).filter((c): c is RawComment => !!c).map((c) => toComment(c, timeZone)),
  };
}

export class DecidimComments {
  constructor(
    private readonly client: DecidimClient,
    private readonly auth: DecidimAuth,
    private readonly settings: { timeZone: string },
  ) {}

  /** Read with the participant's token when there is one, so `upVoted`/`downVoted` speak for them. */
  async list(componentId: string, proposalId: string, url: string | undefined, options?: RequestOptions): Promise<CommentThread> {
    type Answer = { component: { proposal?: RawCommentable | null } | null };
    const data = await this.client.request<Answer>(
      doc.COMMENTS_QUERY,
      { component: componentId, id: proposalId },
      options,
      this.auth.live(),
    );
    const raw = data.component?.proposal;
    if (!raw) throw backendError('not-found', 'No such proposal');
    return {
      proposalId,
      total: raw.totalCommentsCount,
      accepting: raw.acceptsNewComments,
      alignment: raw.commentsHaveAlignment,
      votes: raw.commentsHaveVotes,
      comments: raw.comments.filter((c): c is RawComment => !!c).map((c) => toComment(c, this.settings.timeZone)),
      ...(url ? { url } : {}),
    };
  }

  add(proposalId: string, draft: CommentDraft, locale: string, options: RequestOptions): Promise<DecidimComment> {
    const body = draft.body.trim();
    if (!body) throw validationError([{ field: 'body', code: 'required', message: 'Write a comment' }]);
    if (body.length > MAX_LENGTH) throw validationError([{ field: 'body', code: 'too-long', message: `At most ${MAX_LENGTH} characters` }]);
    const variables = {
      id: draft.replyTo ?? proposalId,
      type: draft.replyTo ? 'Decidim::Comments::Comment' : 'Decidim::Proposals::Proposal',
      body,
      alignment: ALIGNMENT_VALUE[draft.alignment ?? 'neutral'],
      locale,
    };
    return this.auth.asParticipant(options, async (token) => {
      const data = await this.client.request<{ commentable: { addComment: RawComment | null } }>(
        doc.ADD_COMMENT,
        variables,
        options,
        token,
      );
      if (!data.commentable.addComment) throw backendError('server', 'Decidim did not add the comment');
      return toComment(data.commentable.addComment, this.settings.timeZone);
    });
  }

  /** decidim-comments VoteComment: up and down votes are apart; the same one again takes it back. */
  vote(commentId: string, direction: 'up' | 'down', options: RequestOptions): Promise<DecidimComment> {
    const [document, field] = direction === 'up' ? [doc.UP_VOTE_COMMENT, 'upVote'] : [doc.DOWN_VOTE_COMMENT, 'downVote'];
    return this.auth.asParticipant(options, async (token) => {
      const data = await this.client.request<{ comment: Record<string, RawComment | null> }>(document, { id: commentId }, options, token);
      const raw = data.comment[field];
      if (!raw) throw backendError('server', 'Decidim did not count the vote');
      return toComment(raw, this.settings.timeZone);
    });
  }
}
