/** Examples of the comment shapes (issue 20), validated like the others by server/openapi.test.ts. */
const AT = '2026-03-02T10:15:00.000Z';

const comment = {
  id: 'c-Hq3v9pX1kL0mN3rT',
  consultationId: 'plan-action-2017',
  target: 'proposal:p-8H2kLq0vXy1mN3pR',
  parentId: null,
  replyTo: null,
  body: 'Bonne idée, à condition que les données soient mises à jour chaque trimestre.',
  stance: 'for',
  authorName: 'Dominique',
  organiser: false,
  status: 'published',
  createdAt: AT,
  editedAt: null,
  helpful: 4,
  pinned: false,
  replies: 2,
  mine: false,
  helpfulByMe: true,
  reportedByMe: false,
};
const reply = {
  ...comment,
  id: 'c-Rt5b8nQ2wE4yU6iO',
  parentId: comment.id,
  replyTo: { id: 'c-Zx7c1vB3nM5aS8dF', authorName: 'Camille' },
  stance: null,
  body: 'Chaque mois serait encore mieux.',
  helpful: 0,
  replies: 0,
  helpfulByMe: false,
};

export const COMMENT_EXAMPLES: Record<string, unknown> = {
  Comment: comment,
  CommentPage: { items: [comment], nextCursor: 'k', total: 31 },
  CommentThread: { comment, replies: [reply] },
  CommentReceipt: { comment: { ...comment, helpful: 0, replies: 0, mine: true, helpfulByMe: false }, moderation: 'published' },
  HelpfulResult: { commentId: comment.id, helpful: 5, helpfulByMe: true },
  CommentSettings: {
    phases: ['ideation'],
    stance: 'optional',
    sideBySide: false,
    length: { min: 2, max: 1000 },
    hideAfterReports: 3,
    moderation: 'post',
  },
  CommentDraft: { target: comment.target, body: comment.body, stance: 'for', parentId: null, authorName: 'Dominique' },
  CommentEdit: { body: 'Bonne idée, si les données sont mises à jour chaque mois.', stance: 'for' },
  CommentReport: { reason: 'personal-data', details: 'Le commentaire donne l’adresse d’une personne.' },
  PinInput: { pinned: true },
};
