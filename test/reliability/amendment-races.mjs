// Issue 21, races on amendments (part of reliability-races, run on each database and server setup):
// one participant firing N amendments at one section at once keeps one open; N identical votes from one
// participant count once; N voters count N; a decision fired in the middle of a burst of votes leaves a
// consistent state (every stored vote answered 200, every refusal after the decision `closed`, the
// tally equal to the rows).
import { ADMIN_TOKEN } from './harness.mjs';

const burst = (count, fn) => Promise.all(Array.from({ length: count }, (_, i) => fn(i)));
const MARKDOWN =
  '# Axe 1 : Ouvrir les données\n\n## Engagement 1.1\n\nPublier les budgets des communes chaque année.\n\n## Engagement 1.2\n\nOuvrir les codes sources.\n';

/** Returns the number of requests sent. `call` is the suite's client, `rows(sql, params)` counts rows. */
export async function amendmentRaces(label, call, rows, tally, N) {
  const documentId = `race-${label.replace(/[^a-z0-9]/gi, '').toLowerCase()}`;
  const imported = await call('POST', '/admin/consultations/unlimited/documents', {
    token: ADMIN_TOKEN,
    body: { id: documentId, markdown: MARKDOWN, amendmentPhases: ['ideation'] },
  });
  if (
    !tally.check(
      `${label}: a document imported for the amendment races`,
      imported.status === 201 ? null : `${imported.status} ${imported.text.slice(0, 200)}`,
    )
  )
    return 1;
  const D = `/consultations/unlimited/documents/${documentId}`;
  const n = Math.min(N, 300);
  let cases = 1;

  // 1. One participant, n amendments on one section at once: exactly one open, the rest 409.
  const author = (await call('POST', '/participants')).body;
  const amendments = await burst(n, (i) =>
    call('POST', `${D}/amendments`, {
      token: author.token,
      body: { sectionId: 's-2', kind: 'modify', text: `Publier les budgets, version ${i}.`, reason: 'Une raison suffisante.' },
    }),
  );
  cases += n;
  const created = amendments.filter((a) => a.status === 201);
  const open = await rows("amendments WHERE participant_id = $1 AND state = 'open'", [author.participant.id]);
  tally.say(
    `${label}: ${n} concurrent amendments by one participant on one section → ${created.length} kept, ${open} open row`,
    created.length === 1 && open === 1 && amendments.every((a) => a.status === 201 || a.body?.code === 'conflict')
      ? null
      : `${created.length} created, ${open} rows`,
  );
  const target = created[0]?.body.amendment.id;
  if (!target) return cases;

  // 2. One participant, n identical votes at once; then n voters at once.
  const voter = (await call('POST', '/participants')).body;
  const same = await burst(n, () => call('PUT', `${D}/amendments/${target}/vote`, { token: voter.token, body: { choice: 'for' } }));
  const voters = await burst(n, () => call('POST', '/participants'));
  const many = await burst(n, (i) =>
    call('PUT', `${D}/amendments/${target}/vote`, { token: voters[i].body.token, body: { choice: i % 3 ? 'for' : 'against' } }),
  );
  cases += 3 * n;
  const stored = await rows('amendment_votes WHERE amendment_id = $1', [target]);
  tally.say(
    `${label}: ${n} identical votes from one participant and ${n} voters at once → ${stored} vote rows`,
    stored === n + 1 && same.every((a) => a.status === 200) && many.every((a) => a.status === 200) ? null : `${stored} rows`,
  );

  // 3. A decision racing n votes on another amendment.
  const second = (
    await call('POST', `${D}/amendments`, {
      token: voter.token,
      body: { sectionId: 's-3', kind: 'delete', text: '', reason: 'Déjà fait ailleurs.' },
    })
  ).body.amendment.id;
  const racers = await burst(n, () => call('POST', '/participants'));
  const votes = racers.map((r) => call('PUT', `${D}/amendments/${second}/vote`, { token: r.body.token, body: { choice: 'against' } }));
  const decision = call('PUT', `/admin/consultations/unlimited/amendments/${second}/decision`, {
    token: ADMIN_TOKEN,
    body: { state: 'rejected', reason: 'Hors champ.' },
  });
  const answers = await Promise.all(votes);
  const decided = await decision;
  cases += 2 * n + 1;
  const ok = answers.filter((a) => a.status === 200).length;
  const refused = answers.filter((a) => a.status === 409 && a.body.code === 'closed').length;
  const counted = await rows('amendment_votes WHERE amendment_id = $1', [second]);
  const listed = (await call('GET', `${D}/amendments?sectionId=s-3`)).body.items.find((a) => a.id === second);
  tally.say(
    `${label}: a decision racing ${n} votes → ${ok} counted before it, ${refused} refused after it`,
    decided.status === 200 && ok + refused === n && counted === ok && listed?.tally.total === ok && listed?.state === 'rejected'
      ? null
      : `decision ${decided.status}, ${ok} ok, ${refused} closed, ${counted} rows, listed ${listed?.tally.total} ${listed?.state}`,
  );
  return cases;
}
