/** Examples of the collaborative writing routes' answers and bodies (documents-docs.ts), for the OpenAPI document. */

const AT = '2027-06-20T09:00:00.000Z';
const section = {
  id: 's-2',
  parentId: 's-1',
  level: 2,
  title: 'Engagement 1.1 : Publier les budgets',
  body: 'Publier les budgets des communes chaque année.',
};
const version = {
  documentId: 'plan',
  number: 1,
  publishedAt: AT,
  sections: [{ ...section, id: 's-1', parentId: null, level: 1, title: 'Axe 1 : Ouvrir les données', body: '' }, section],
  changelog: [],
};
const amendment = {
  id: 'a-Xk2mN8pQ',
  documentId: 'plan',
  sectionId: 's-2',
  baseVersion: 1,
  kind: 'modify',
  title: section.title,
  baseText: section.body,
  text: 'Publier les budgets des communes chaque trimestre.',
  reason: 'Une fois par an, c’est trop peu pour suivre.',
  authorName: 'Claire',
  createdAt: AT,
  state: 'open',
  decision: null,
  appliedIn: null,
  outdated: false,
  diff: [
    { op: 'same', text: 'Publier les budgets des communes chaque ' },
    { op: 'del', text: 'année' },
    { op: 'ins', text: 'trimestre' },
    { op: 'same', text: '.' },
  ],
  tally: { proposalId: 'a-Xk2mN8pQ', hidden: false, total: 3, counts: { for: 2, mixed: 1, against: 0 } },
  myVote: 'for',
  mine: false,
};
export const DOCUMENT_EXAMPLES: Record<string, unknown> = {
  TextDocument: {
    id: 'plan',
    consultationId: 'plan-action-2017',
    title: 'Plan d’action national',
    voteModel: 'for-against-mixed',
    amendmentPhases: ['redaction'],
    oneOpenPerSection: true,
    version: 1,
    sections: version.sections.map((s) => ({ ...s, openAmendments: s.id === 's-2' ? 1 : 0 })),
    versions: [{ number: 1, publishedAt: AT, changes: 0 }],
  },
  DocumentVersion: version,
  DocumentList: { items: [{ id: 'plan', title: 'Plan d’action national', version: 1 }] },
  Amendment: amendment,
  AmendmentList: { items: [amendment] },
  AmendmentReceipt: { amendment },
  AmendmentVoteResult: { amendmentId: amendment.id, tally: amendment.tally, myVote: 'for' },
  DocumentExport: {
    document: { id: 'plan', title: 'Plan d’action national', voteModel: 'for-against-mixed', exportedAt: AT },
    versions: [version],
    amendments: [
      {
        ...Object.fromEntries(
          Object.entries(amendment).filter(
            ([k]) => !['documentId', 'authorName', 'outdated', 'diff', 'tally', 'myVote', 'mine'].includes(k),
          ),
        ),
        total: 3,
        counts: amendment.tally.counts,
        origin: null,
      },
    ],
  },
  AmendmentDraft: { sectionId: 's-2', kind: 'modify', text: amendment.text, reason: amendment.reason },
  AmendmentVoteInput: { choice: 'for' },
  AmendmentDecisionInput: {
    state: 'accepted-with-changes',
    reason: 'Chaque semestre : un trimestre coûte trop aux petites communes.',
    text: 'Publier les budgets des communes chaque semestre.',
  },
  MarkdownImport: {
    id: 'plan',
    markdown: '# Axe 1 : Ouvrir les données\n\n## Engagement 1.1 : Publier les budgets\n\nPublier les budgets des communes chaque année.\n',
  },
};
