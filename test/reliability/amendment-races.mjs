// Issue 21, races on amendments (part of reliability-races, run on each database and server setup):
// one participant firing N amendments at one section at once keeps one open; N identical votes from one
// participant count once; N voters count N; a decision fired in the middle of a burst of votes leaves a
// consistent state (every stored vote answered 200, every refusal after the decision `closed`, the
// tally equal to the rows); concurrent decisions on one amendment (one stands), acceptances racing publications
// (each accepted amendment in exactly one version), vote flips and withdrawals by one participant (at most one row),
// a withdrawal racing new amendments on the same section (never two open).
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
  cases += await moreAmendmentRaces(label, call, rows, tally, n, D, voter);
  return cases;
}

const decide = (call, id, body) => call('PUT', `/admin/consultations/unlimited/amendments/${id}/decision`, { token: ADMIN_TOKEN, body });
const propose = (call, D, token, sectionId, i) =>
  call('POST', `${D}/amendments`, {
    token,
    body: { sectionId, kind: 'modify', text: `Publier les budgets des communes, variante ${i}.`, reason: 'Une raison suffisante.' },
  });

/** Session 3: decisions against each other, publications against decisions, vote flips, a withdrawal against new amendments. */
async function moreAmendmentRaces(label, call, rows, tally, n, D, voter) {
  let cases = 0;
  const k = Math.max(4, Math.min(n, 40));

  // 4. k organisers deciding one amendment at once, each differently: one decision stands, the others 409.
  const contested = (await propose(call, D, (await call('POST', '/participants')).body.token, 's-2', 'x')).body.amendment.id;
  const states = ['accepted', 'rejected', 'accepted-with-changes'];
  const decisions = await burst(k, (i) =>
    decide(call, contested, { state: states[i % 3], reason: `Décision ${i}.`, text: `Publier les budgets, texte retenu ${i}.` }),
  );
  cases += k + 1;
  const winners = decisions.filter((d) => d.status === 200);
  const row = (await call('GET', `${D}/amendments?sectionId=s-2`)).body.items.find((a) => a.id === contested);
  tally.say(
    `${label}: ${k} decisions on one amendment at once → ${winners.length} stands, the rest refused (409)`,
    winners.length === 1 &&
      decisions.every((d) => d.status === 200 || d.body?.code === 'conflict') &&
      row?.state === winners[0]?.body.state &&
      row?.decision.reason === winners[0]?.body.decision.reason
      ? null
      : `${winners.length} stood; row ${row?.state} “${row?.decision?.reason}”`,
  );

  // 5. Acceptances racing publications: each accepted amendment is in exactly one version's change log or
  //    waits for the next one; versions follow each other without a gap.
  const authors = await burst(k, () => call('POST', '/participants'));
  const pending = (await burst(k, (i) => propose(call, D, authors[i].body.token, i % 2 ? 's-2' : 's-3', `p${i}`))).map(
    (a) => a.body.amendment?.id,
  );
  const publish = () => call('POST', `/admin/consultations/unlimited/documents/${D.split('/').pop()}/versions`, { token: ADMIN_TOKEN });
  const [accepted, published] = await Promise.all([
    burst(k, (i) => decide(call, pending[i], { state: 'accepted', reason: '' })),
    burst(3, (i) => new Promise((r) => setTimeout(r, i)).then(publish)),
  ]);
  const last = await publish(); // takes in whatever the racing publications left
  cases += 2 * k + 4;
  const doc = (await call('GET', D)).body;
  const versions = await Promise.all(doc.versions.map((v) => call('GET', `${D}/versions/${v.number}`)));
  const listedIn = new Map();
  for (const v of versions)
    for (const entry of v.body.changelog ?? [])
      listedIn.set(entry.amendmentId, [...(listedIn.get(entry.amendmentId) ?? []), v.body.number]);
  const acceptedIds = pending.filter((id, i) => id && accepted[i].status === 200);
  const twice = [...listedIn.values()].filter((at) => at.length > 1).length;
  const missing = acceptedIds.filter((id) => !listedIn.has(id)).length;
  const gaps = doc.versions.some((v, i) => v.number !== i + 1);
  tally.say(
    `${label}: ${k} acceptances racing 3 publications → ${published.filter((p) => p.status === 201).length} + ${last.status === 201 ? 1 : 0} versions; every accepted amendment in exactly one change log`,
    acceptedIds.length === k && !twice && !missing && !gaps && published.every((p) => p.status === 201 || p.body?.code === 'conflict')
      ? null
      : `${acceptedIds.length} accepted, ${twice} listed twice, ${missing} in no version, gaps ${gaps}`,
  );

  // 6. One participant flipping a vote and withdrawing it, k times at once: at most one row, the tally agrees.
  const flipTarget = (await propose(call, D, (await call('POST', '/participants')).body.token, 's-2', 'flip')).body.amendment.id;
  const flips = await burst(k, (i) =>
    i % 3 === 2
      ? call('DELETE', `${D}/amendments/${flipTarget}/vote`, { token: voter.token })
      : call('PUT', `${D}/amendments/${flipTarget}/vote`, { token: voter.token, body: { choice: i % 3 ? 'against' : 'for' } }),
  );
  cases += k + 1;
  const flipRows = await rows('amendment_votes WHERE amendment_id = $1', [flipTarget]);
  const flipListed = (await call('GET', `${D}/amendments?sectionId=s-2`, { token: voter.token })).body.items.find(
    (a) => a.id === flipTarget,
  );
  tally.say(
    `${label}: ${k} interleaved votes, changes and withdrawals by one participant → ${flipRows} row, tally ${flipListed?.tally.total}`,
    flipRows <= 1 &&
      flipListed?.tally.total === flipRows &&
      (flipListed?.myVote === null) === (flipRows === 0) &&
      flips.every((f) => f.status === 200)
      ? null
      : `${flipRows} rows, tally ${flipListed?.tally.total}, myVote ${flipListed?.myVote}, statuses ${[...new Set(flips.map((f) => f.status))]}`,
  );

  // 7. A participant withdrawing their open amendment while firing k new ones on the same section: never two open.
  const writer = (await call('POST', '/participants')).body;
  const first = (await propose(call, D, writer.token, 's-3', 'w0')).body.amendment.id;
  const [withdrawn, fresh] = await Promise.all([
    call('POST', `${D}/amendments/${first}/withdraw`, { token: writer.token }),
    burst(k, (i) => propose(call, D, writer.token, 's-3', `w${i + 1}`)),
  ]);
  cases += k + 2;
  const openRows = await rows("amendments WHERE participant_id = $1 AND state = 'open'", [writer.participant.id]);
  const made = fresh.filter((a) => a.status === 201).length;
  tally.say(
    `${label}: a withdrawal racing ${k} new amendments on the same section → ${made} taken, ${openRows} open`,
    withdrawn.status === 200 && made <= 1 && openRows === made && fresh.every((a) => a.status === 201 || a.body?.code === 'conflict')
      ? null
      : `withdraw ${withdrawn.status}, ${made} created, ${openRows} open`,
  );
  return cases;
}
