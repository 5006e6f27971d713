// Issue 20, races on comments (part of reliability-races, run on each database and server setup): N
// concurrent identical "helpful" votes from one participant (half with one shared key, half with a key
// each) count once; reports fired at once by many participants hide the comment exactly at the
// consultation's threshold (3 by default): the threshold's report hides it, once, and the later ones
// find nothing to report.

const burst = (count, fn) => Promise.all(Array.from({ length: count }, (_, i) => fn(i)));
const THRESHOLD = 3;

/** Returns the number of requests sent. `call` is the suite's client, `rows(sql, params)` counts rows. */
export async function commentRaces(label, call, rows, tally, N) {
  const author = (await call('POST', '/participants')).body.token;
  const proposal = await call('POST', '/consultations/unlimited/proposals', {
    token: author,
    body: {
      title: `Discussion de course ${label}`,
      body: 'Un texte assez long pour passer la validation du serveur.',
      categoryId: 'donnees',
      consent: true,
    },
  });
  const target = `proposal:${proposal.body.proposal?.id}`;
  const comment = async (body) =>
    (await call('POST', '/consultations/unlimited/comments', { token: author, body: { target, body } })).body.comment?.id;
  const first = await comment('Un commentaire à juger utile.');
  if (!tally.check(`${label}: a comment posted for the comment races`, first ? null : `no comment (${proposal.status})`)) return 2;
  let cases = 3;

  // 1. One participant, N identical helpful votes at once.
  const reader = (await call('POST', '/participants')).body;
  const votes = await burst(N, (i) =>
    call('PUT', `/consultations/unlimited/comments/${first}/helpful`, {
      token: reader.token,
      key: i % 2 ? 'same-helpful-key' : `helpful-${i}`,
    }),
  );
  cases += N;
  const stored = await rows('comment_helpful WHERE comment_id = $1', [first]);
  const count = (await call('GET', `/consultations/unlimited/comments?target=${encodeURIComponent(target)}`)).body.items?.find(
    (c) => c.id === first,
  )?.helpful;
  tally.say(
    `${label}: ${N} concurrent identical helpful votes from one participant → ${stored} row, count ${count}`,
    stored === 1 && count === 1 && votes.every((a) => a.status === 200 && a.body.helpful === 1)
      ? null
      : `${stored} rows, count ${count}, statuses ${[...new Set(votes.map((a) => a.status))]}`,
  );

  // 2. Reports: threshold - 1 at once leave it published; then many at once hide it exactly once.
  const reported = await comment('Un commentaire que plusieurs signalent.');
  const reporters = await burst(THRESHOLD - 1 + 50, () => call('POST', '/participants'));
  const report = (i) =>
    call('POST', `/consultations/unlimited/comments/${reported}/reports`, { token: reporters[i].body.token, body: { reason: 'spam' } });
  const before = await burst(THRESHOLD - 1, (i) => report(i));
  const status = async () => ((await rows("comments WHERE id = $1 AND status = 'hidden'", [reported])) ? 'hidden' : 'published');
  const mid = await status();
  const after = await burst(50, (i) => report(THRESHOLD - 1 + i));
  cases += reporters.length + before.length + after.length;
  const reports = await rows('reports WHERE target = $1', [`comment:${reported}`]);
  const hides = await rows("audit_log WHERE target = $1 AND action = 'moderation.auto-hide'", [`comment:${reported}`]);
  const accepted = after.filter((a) => a.status === 202).length;
  tally.say(
    `${label}: ${THRESHOLD - 1} reports at once leave the comment ${mid}; 50 more at once → ${accepted} accepted, ${reports} report rows, hidden ${hides} time`,
    mid === 'published' &&
      (await status()) === 'hidden' &&
      reports === THRESHOLD &&
      hides === 1 &&
      accepted === 1 &&
      after.every((a) => a.status === 202 || a.status === 404)
      ? null
      : `${reports} rows, ${hides} hides, ${accepted} accepted`,
  );
  return cases;
}
