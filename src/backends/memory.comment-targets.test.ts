import { expect } from '@open-wc/testing';
import { newIdempotencyKey } from '../core/backend.js';
import { failsWith } from '../test-utils/backend-contract.js';
import { actionPlanConsultation } from '../test-utils/fixtures.js';
import { actionPlanDocument } from '../test-utils/text-fixture.js';
import { MemoryBackend } from './memory.js';

// Issue 20, review of session 2: what a comment target names must exist in its consultation. Section ids
// (s-1, s-2…) repeat in every document, so a section target names its document: `section:DOC/SEC`.
const NOW = Date.parse('2027-03-20T00:00:00Z');
const key = () => ({ idempotencyKey: newIdempotencyKey() });

describe('memory backend: comment targets', () => {
  const open = actionPlanConsultation(NOW, 'ideation');
  const other = { ...actionPlanConsultation(NOW, 'ideation'), id: 'autre' };
  const backend = new MemoryBackend(
    {
      consultations: [open, other],
      documents: [
        actionPlanDocument(open.id, ['ideation']),
        { ...actionPlanDocument(open.id, ['ideation'], false), id: 'second' },
        { ...actionPlanDocument(other.id, ['ideation'], false), id: 'ailleurs' },
      ],
    },
    { now: () => NOW, participantId: 'me' },
  );
  const post = (target: string, consultationId = open.id) =>
    backend.postComment(consultationId, { target, body: 'Sur ce passage du texte.' }, key());

  it('a section is named with its document of this consultation, and must be in it', async () => {
    await failsWith(post('section:s-2'), 'validation');
    await failsWith(post('section:plan-2017/s-99'), 'not-found');
    await failsWith(post('section:ailleurs/s-2'), 'not-found');
    expect((await post('section:plan-2017/s-2')).comment.target).to.equal('section:plan-2017/s-2');
    expect((await post('section:second/s-2')).comment.target).to.equal('section:second/s-2');
    const listed = await backend.listCommentThreads(open.id, { target: 'section:second/s-2' });
    expect(listed.items.map((c) => c.target)).to.deep.equal(['section:second/s-2']);
  });

  it('an amendment must exist in this consultation and not be hidden', async () => {
    await failsWith(post('amendment:nope'), 'not-found');
    expect((await post('amendment:a-budget')).comment.target).to.equal('amendment:a-budget');
    await failsWith(post('amendment:a-budget', other.id), 'not-found');
    backend.documents.amendments.get('a-local')!.hidden = true;
    await failsWith(post('amendment:a-local'), 'not-found');
  });
});
