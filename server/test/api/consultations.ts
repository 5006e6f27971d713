/** Consultations and open data. Part of the route suite (server/test/suite.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Consultation } from '../../../src/core/schemas.js';
import { assertProblem, OPEN, type ApiTestContext } from './context.js';

export function consultationTests({ call, count }: ApiTestContext): void {
  describe('consultations', () => {
    it('GET /consultations/{id} gives the consultation with an ETag, and 304 when unchanged', async () => {
      const answer = await call('GET', OPEN);
      assert.equal(answer.status, 200);
      const consultation = Consultation.parse(answer.body);
      assert.equal(consultation.settings.votesPerParticipant, 3);
      const etag = answer.headers.get('etag')!;
      assert.match(etag, /^"[\w-]+"$/);
      assert.equal(answer.headers.get('cache-control'), 'public, max-age=0, s-maxage=5');
      const again = await call('GET', OPEN, { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
      assert.equal(again.text, '');
    });

    it('unknown consultations and routes are 404 problems', async () => {
      assertProblem(await call('GET', '/consultations/nope'), 404, 'not-found');
      assertProblem(await call('GET', '/consultations/nope/proposals'), 404, 'not-found');
      assertProblem(await call('GET', '/no/such/route'), 404, 'not-found');
    });
  });

  describe('open data', () => {
    it('exports JSON without personal data', async () => {
      const answer = await call('GET', `${OPEN}/export.json`);
      assert.equal(answer.status, 200);
      assert.ok(answer.headers.get('etag'));
      assert.equal(answer.body.consultation.id, 'open');
      const s2 = answer.body.proposals.find((p: { id: string }) => p.id === 's2');
      assert.equal(s2.total, await count("votes WHERE proposal_id = 's2'"));
      assert.deepEqual(Object.keys(s2).sort(), [
        'answer',
        'body',
        'category',
        'categoryId',
        'counts',
        'createdAt',
        'extra',
        'id',
        'origin',
        'title',
        'total',
      ]);
      assert.ok(!answer.text.includes('@example.fr'));
      assert.ok(!answer.text.includes('authorName'));
      assert.ok(!answer.body.proposals.some((p: { id: string }) => p.id === 'pending-1'));
    });

    it('exports CSV with quoting, formula protection and hidden counts left empty', async () => {
      const answer = await call('GET', '/consultations/hidden/export.csv');
      assert.match(answer.headers.get('content-type')!, /^text\/csv/);
      const [header, row] = answer.text.split('\r\n');
      assert.equal(
        header,
        'id,created_at,category_id,category,title,body,extra_format,total,votes_interest,answer_state,answer_text,answer_commitment,answer_merged_into,answered_at,origin,origin_event_id,origin_event,origin_town,room_support',
      );
      assert.ok(row!.startsWith('h0,'));
      assert.ok(row!.includes(`"'=HYPERLINK(""x"") formule"`));
      assert.ok(row!.includes('"Un corps, avec ""guillemets""\net une ligne."'));
      assert.ok(row!.endsWith(',pitch,,,,,,,,online,,,,'));
    });
  });
}
