/** The memory backend's comment targets (issue 20): what a target names must exist, as on the server (server/routes/comments.ts). */
import { parseTarget, TARGET_FORMS, type ParsedTarget } from '../../core/comment-rules.js';
import { backendError, validationError } from '../../core/errors.js';
import type { CommentHost } from './comment-state.js';

/** What a target names must exist in this consultation and be public; a section in some version of its document. */
function targetExists(host: CommentHost, consultationId: string, target: ParsedTarget): boolean {
  const { documents } = host;
  const inHere = (documentId: string) => documents.docs.get(documentId)?.meta.consultationId === consultationId;
  switch (target.kind) {
    case 'proposal': {
      const p = host.proposals.get(target.id);
      return p?.consultationId === consultationId && p.status === 'published';
    }
    case 'event': {
      const e = host.events.get(target.id);
      return e?.consultationId === consultationId && (e.moderation ?? 'approved') === 'approved';
    }
    case 'amendment': {
      const a = documents.amendments.get(target.id);
      return !!a && !a.hidden && inHere(a.documentId);
    }
    case 'section':
      return (
        inHere(target.documentId) &&
        !!documents.docs.get(target.documentId)?.versions.some((v) => v.sections.some((x) => x.id === target.id))
      );
  }
}

export function requireTarget(host: CommentHost, consultationId: string, target: string): void {
  const parsed = parseTarget(target);
  if (!parsed) throw validationError([{ field: 'target', code: 'invalid', message: TARGET_FORMS }]);
  if (!targetExists(host, consultationId, parsed)) throw backendError('not-found', `No such ${parsed.kind}`);
}
