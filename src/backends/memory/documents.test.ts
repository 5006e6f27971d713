import { expect } from '@open-wc/testing';
import { memoryBackendFixture } from '../../test-utils/fixtures.js';
import { actionPlanDocument } from '../../test-utils/text-fixture.js';

// The memory backend's organiser side keeps the reference server's rules (server/test/api/documents.ts).
describe('memory documents: decisions', () => {
  it('an amendment hidden in moderation cannot be decided; once restored it can', () => {
    const { backend } = memoryBackendFixture({ position: 'redaction', proposals: 0, events: 0 });
    backend.documents.seed(actionPlanDocument('plan-action-2017', ['redaction'], true));
    const target = [...backend.documents.amendments.values()].find((a) => a.state === 'open')!;
    target.hidden = true;
    expect(() => backend.documents.decide(target.id, { state: 'accepted', reason: '' })).to.throw(/moderation-hidden/);
    expect(target.state).to.equal('open');
    target.hidden = false;
    expect(backend.documents.decide(target.id, { state: 'accepted', reason: '' }).state).to.equal('accepted');
  });
});
