import { expect } from '@open-wc/testing';
import { statusAfterEdit } from './comment-rules.js';
import type { Consultation } from './schemas.js';
import { actionPlanConsultation } from '../test-utils/fixtures.js';

const NOW = Date.parse('2027-03-20T00:00:00Z');
const withModeration = (moderation: 'pre' | 'post'): Consultation => actionPlanConsultation(NOW, 'ideation', { comments: { moderation } });

describe('comment rules: an edit and moderation', () => {
  it('sends an approved comment back to the queue under pre-moderation, and only then', () => {
    expect(statusAfterEdit(withModeration('pre'), 'published')).to.equal('pending');
    expect(statusAfterEdit(withModeration('pre'), 'pending')).to.equal('pending');
    expect(statusAfterEdit(withModeration('post'), 'published')).to.equal('published');
    expect(statusAfterEdit(actionPlanConsultation(NOW), 'published')).to.equal('published');
  });
});
