// The stand-in's comments (decidim-comments): what a proposal says about its comments, the comments
// themselves, and the addComment / upVote / downVote mutations.
import { authorOf, DecidimError, notAuthorised, requireWriter, settle, unauthorisedObject } from './graph.mjs';

const PROPOSAL = 'Decidim::Proposals::Proposal';
const COMMENT = 'Decidim::Comments::Comment';
/** decidim-comments comment_form.rb: `body` at most `comments_max_length` (1000 by default). */
const MAX_LENGTH = 1000;

function votesOf(store, comment, weight) {
  let count = weight > 0 ? (comment.upVotes ?? 0) : (comment.downVotes ?? 0);
  for (const key of store.commentVotes.keys()) if (key.endsWith(`|${comment.id}|${weight}`)) count++;
  return count;
}

function threadOf(store, commentable) {
  return (store.fixture.comments ?? []).filter((c) =>
    commentable.type === PROPOSAL
      ? String(c.proposalId) === String(commentable.id) && !c.parentId
      : String(c.parentId) === String(commentable.id),
  );
}

/**
 * decidim-comments commentable_interface.rb: `comments` lists the NOT hidden comments of the first level
 * (`SortedComments ... .not_hidden`); a deleted one is still listed and refused by comment_type.rb's
 * `self.authorized?` (an unauthorised object error at its path since 0.32).
 */
export function commentableFields(store, context, commentable) {
  const rules = commentable.process?.rules ?? {};
  const accepts = rules.commentsBlocked !== true;
  return {
    acceptsNewComments: accepts,
    commentsHaveAlignment: true,
    commentsHaveVotes: true,
    totalCommentsCount: (store.fixture.comments ?? []).filter((c) => String(c.proposalId) === String(commentable.id) && !c.hidden).length,
    userAllowedToComment: accepts && !!context.user,
    comments: ({ orderBy }) => {
      const list = threadOf(store, commentable)
        .filter((c) => !c.hidden)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) * (orderBy === 'recent' ? -1 : 1));
      return list.map((c) => settle(() => commentNode(store, context, c, commentable.process)));
    },
  };
}

function commentNode(store, context, c, process) {
  if (c.deleted) throw unauthorisedObject('comment');
  const user = context.user?.id;
  return {
    id: c.id,
    body: c.body,
    createdAt: c.createdAt,
    alignment: c.alignment ?? 0,
    upVotes: votesOf(store, c, 1),
    downVotes: votesOf(store, c, -1),
    upVoted: store.commentVotes.has(`${user}|${c.id}|1`),
    downVoted: store.commentVotes.has(`${user}|${c.id}|-1`),
    author: authorOf(c, 'c'),
    hasComments: threadOf(store, { type: COMMENT, id: c.id }).some((r) => !r.hidden),
    ...(({ comments, acceptsNewComments, userAllowedToComment }) => ({ comments, acceptsNewComments, userAllowedToComment }))(
      commentableFields(store, context, { type: COMMENT, id: c.id, process }),
    ),
  };
}

export function commentMutations(store, context) {
  const find = (id) => (store.fixture.comments ?? []).find((c) => String(c.id) === String(id));
  const proposal = (id) => store.fixture.proposals.find((p) => String(p.id) === String(id) && !p.hidden && p.published !== false);
  const processOfProposal = (p) => store.fixture.processes.find((x) => x.components.some((c) => String(c.id) === String(p.componentId)));
  return {
    // decidim-comments commentable_mutation_type.rb.
    commentable: ({ id, type }) => {
      const parent = type === COMMENT ? find(id) : type === PROPOSAL ? proposal(id) : null;
      if (!parent) throw new DecidimError('NOT_FOUND_ERROR', 'Commentable not found');
      const root = type === COMMENT ? proposal(parent.proposalId) : parent;
      const process = root && processOfProposal(root);
      return {
        id,
        addComment: ({ body, alignment }) => {
          const user = requireWriter(context);
          if (process?.rules?.commentsBlocked) throw notAuthorised();
          const errors = [];
          if (!body.trim()) errors.push({ path: ['body'], message: 'Body cannot be blank' });
          if (body.length > MAX_LENGTH) errors.push({ path: ['body'], message: `Body is too long (maximum is ${MAX_LENGTH} characters)` });
          if (![undefined, null, -1, 0, 1].includes(alignment))
            errors.push({ path: ['alignment'], message: 'Alignment is not included in the list' });
          if (errors.length) throw new DecidimError('ATTRIBUTE_VALIDATION_ERROR', errors);
          const comment = {
            id: `c-new-${++store.created}`,
            proposalId: root.id,
            ...(type === COMMENT ? { parentId: parent.id } : {}),
            body,
            alignment: alignment ?? 0,
            authorName: user.name,
            createdAt: new Date().toISOString(),
          };
          (store.fixture.comments ??= []).push(comment);
          return commentNode(store, context, comment, process);
        },
      };
    },
    // decidim-comments comment_mutation_type.rb and app/commands/.../vote_comment.rb: an up vote and a down
    // vote are kept apart; the same one again takes it back.
    comment: ({ id }) => {
      const comment = find(id);
      if (!comment || comment.hidden) throw new DecidimError('NOT_FOUND_ERROR', 'Comment not found');
      const process = processOfProposal(proposal(comment.proposalId) ?? {});
      const vote = (weight) => {
        const user = requireWriter(context);
        const key = `${user.id}|${comment.id}|${weight}`;
        if (store.commentVotes.has(key)) store.commentVotes.delete(key);
        else store.commentVotes.set(key, true);
        return commentNode(store, context, comment, process);
      };
      return { id, upVote: () => vote(1), downVote: () => vote(-1) };
    },
  };
}
