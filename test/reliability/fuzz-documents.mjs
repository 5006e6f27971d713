// Issue 21 in the API fuzz suite (test/suites/reliability-fuzz.mjs): the routes of documents and amendments,
// participants' and organisers' (import a Markdown draft, decide, publish), with random and malformed bodies,
// ids and queries; a document and a few amendments made before the run so most cases reach past the 404s;
// after the run, every stored amendment and vote re-validated against the shared rules.
import fc from 'fast-check';

/** Path words of these routes (everything else is an id, percent-encoded). */
export const DOCUMENT_WORDS = ['documents', 'amendments', 'versions', 'withdraw', 'decision'];

const DRAFT = `# Axe 1 : Ouvrir les données

Des données ouvertes pour les communs numériques.

## Engagement 1.1 : Publier les budgets

Publier les budgets des communes chaque année.

## Engagement 1.2 : Ouvrir les codes sources

Ouvrir les codes sources des administrations.
`;

/** The routes; `h` holds the suite's arbitraries (route, lit, ref, c, bodyOf, textOf, anyString). */
export function documentRouteCases({ route, lit, ref, c, bodyOf, textOf, anyString }) {
  const D = [lit('consultations'), c, lit('documents'), ref('document')];
  const A = [...D, lit('amendments'), ref('amendment')];
  const draft = fc.record({
    sectionId: fc.constantFrom('s-1', 's-2', 's-3', 's-9', ''),
    kind: fc.constantFrom('modify', 'modify', 'add-after', 'delete', 'rewrite'),
    text: fc.oneof(fc.constant('Publier les budgets des communes chaque trimestre.'), textOf(0, 300)),
    title: fc.oneof(fc.constant('Engagement 1.3 : Ouvrir les marchés'), textOf(0, 220)),
    reason: fc.oneof(fc.constant('Parce que c’est plus précis ainsi.'), textOf(0, 2100)),
    authorName: fc.oneof(fc.constant('Claire'), textOf(0, 90)),
  });
  const decision = fc.record({
    state: fc.constantFrom('accepted', 'accepted-with-changes', 'rejected', 'open', 'withdrawn'),
    reason: fc.oneof(fc.constant('Hors du champ du plan.'), fc.constant(''), textOf(0, 300)),
    text: fc.oneof(fc.constant('Publier les budgets chaque semestre.'), textOf(0, 200)),
  });
  const query = fc.dictionary(
    fc.constantFrom('sectionId', 'state', 'limit'),
    fc.oneof(fc.constantFrom('s-1', 's-9', 'open', 'accepted', 'withdrawn', 'x', ''), anyString),
    { maxKeys: 3 },
  );
  return [
    ['documents', route('GET documents', 'GET', [lit('consultations'), c, lit('documents')])],
    ['document', route('GET document', 'GET', D)],
    [
      'document-version',
      route('GET document version', 'GET', [...D, lit('versions'), fc.oneof(fc.integer({ min: -1, max: 4 }).map(String), anyString)]),
    ],
    ['document-export', route('GET document export', 'GET', [...D, lit('export.json')])],
    ['amendments', route('GET amendments', 'GET', [...D, lit('amendments')], { query })],
    ['propose-amendment', route('POST amendments', 'POST', [...D, lit('amendments')], { body: bodyOf(draft) })],
    [
      'amendment-vote',
      fc.oneof(
        route('PUT amendment vote', 'PUT', [...A, lit('vote')], {
          body: bodyOf(fc.record({ choice: fc.constantFrom('for', 'mixed', 'against', 'support', 'interest', 'maybe') })),
        }),
        route('DELETE amendment vote', 'DELETE', [...A, lit('vote')]),
        route('POST amendment withdraw', 'POST', [...A, lit('withdraw')], { body: bodyOf({}) }),
      ),
    ],
    [
      'admin-documents',
      fc.oneof(
        route('POST admin document', 'POST', [lit('admin'), lit('consultations'), c, lit('documents')], {
          body: bodyOf(
            fc.record({
              id: fc.oneof(fc.constantFrom('fuzz-2', 'fuzz', 'a b', ''), anyString),
              markdown: fc.oneof(fc.constant(DRAFT), textOf(0, 400), fc.constant('# '.repeat(300))),
              amendmentPhases: fc.constantFrom(['ideation'], [], ['nope']),
            }),
          ),
        }),
        route(
          'PUT admin amendment decision',
          'PUT',
          [lit('admin'), lit('consultations'), c, lit('amendments'), ref('amendment'), lit('decision')],
          {
            body: bodyOf(decision),
          },
        ),
        route('POST admin document version', 'POST', [
          lit('admin'),
          lit('consultations'),
          c,
          lit('documents'),
          ref('document'),
          lit('versions'),
        ]),
      ),
    ],
  ];
}

/** A document in `open` with an open amendment per participant on s-2 (targets for the cases). */
export async function documentSetup(call, adminToken, participants) {
  const doc = await call('POST', '/admin/consultations/open/documents', {
    token: adminToken,
    body: { id: 'fuzz', markdown: DRAFT, amendmentPhases: ['ideation'] },
  });
  if (doc.status !== 201) throw new Error(`document import: ${doc.status} ${doc.text.slice(0, 200)}`);
  const amendments = [];
  for (const [i, token] of participants.slice(0, 4).entries()) {
    const a = await call('POST', '/consultations/open/documents/fuzz/amendments', {
      token,
      body: {
        sectionId: 's-2',
        kind: 'modify',
        text: `Publier les budgets des communes, version ${i}.`,
        reason: 'Parce que c’est plus précis ainsi.',
      },
    });
    if (a.status !== 201) throw new Error(`amendment: ${a.status} ${a.text.slice(0, 200)}`);
    amendments.push(a.body.amendment.id);
  }
  return { document: { open: ['fuzz'], unlimited: [], pre: [] }, amendment: { open: amendments, unlimited: [], pre: [] } };
}

/** Every stored amendment and amendment vote against the shared rules. */
export async function documentRowsDefects(db, { validateDecision, validateAmendmentDraft, VOTE_CHOICES }) {
  const defects = [];
  const counts = { amendments: 0, 'amendment votes': 0 };
  for (const row of await db.query('SELECT * FROM amendments ORDER BY id')) {
    counts.amendments++;
    const where = `amendment ${row.id}`;
    // The reason against the shared rule itself (a copy of its bounds here once counted differently from it).
    const reason = validateAmendmentDraft([], { kind: 'delete', sectionId: '', text: '', reason: row.reason }).find(
      (e) => e.field === 'reason',
    );
    if (reason) defects.push([where, `reason ${reason.code}`]);
    if (/\u0000/.test(row.text + row.reason + row.title)) defects.push([where, 'contains NUL']);
    if (row.state !== 'open' && row.state !== 'withdrawn') {
      const errors = validateDecision({ state: row.state, reason: row.decision_reason ?? '', text: row.decision_text ?? undefined }, row);
      if (errors.length) defects.push([where, `decided against the rules: ${errors.map((e) => `${e.field} ${e.code}`).join(', ')}`]);
      if (!row.decided_at) defects.push([where, 'decided without a time']);
    }
  }
  const doubled = await db.query(
    `SELECT participant_id, document_id, section_id, count(*)::int AS n FROM amendments WHERE state = 'open' AND exclusive
     GROUP BY participant_id, document_id, section_id HAVING count(*) > 1`,
  );
  for (const d of doubled) defects.push([`amendments of ${d.participant_id} on ${d.section_id}`, `${d.n} open at once`]);
  for (const vote of await db.query(
    `SELECT v.*, a.moderation, d.vote_model FROM amendment_votes v JOIN amendments a ON a.id = v.amendment_id JOIN documents d ON d.id = a.document_id`,
  )) {
    counts['amendment votes']++;
    if (!VOTE_CHOICES[vote.vote_model].includes(vote.choice))
      defects.push([`amendment vote ${vote.participant_id}/${vote.amendment_id}`, `choice ${vote.choice}`]);
  }
  return { defects, counts };
}
