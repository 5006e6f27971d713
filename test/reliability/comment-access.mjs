// Issue 20, who may do what in a discussion: every comment route × {no token, another participant, the
// author, a host-signed identity, the admin token}, each writing cell on a fresh comment of the author; a
// pending comment (pre-moderation) is its author's alone; a comment is not reachable through another
// consultation's path; organiser routes take no participant and the automation token writes no comment.
import { SignJWT } from 'jose';
import { ADMIN_TOKEN, IDENTITY_SECRET, client, consultationFiles, problemDefect, startTestServer } from './harness.mjs';

const ROLES = ['none', 'other', 'author', 'verified', 'admin'];
const LABEL = {
  none: 'no token',
  other: 'another participant',
  author: 'the author',
  verified: 'host-signed identity',
  admin: 'admin token',
};

/** The reliability consultations, with `unlimited` under comment pre-moderation and a proposal to discuss. */
function files() {
  return consultationFiles().map((file) =>
    file.consultation.id !== 'unlimited'
      ? file
      : {
          ...file,
          consultation: { ...file.consultation, settings: { ...file.consultation.settings, comments: { moderation: 'pre' } } },
          seed: {
            proposals: [
              {
                id: 'u0',
                title: 'Une proposition à discuter',
                body: 'Le corps de la proposition, assez long pour un test.',
                categoryId: 'donnees',
                createdAt: { relativeDays: -1, time: '10:00' },
              },
            ],
          },
        },
  );
}

export async function commentAccess(tally, { ApiError, printTable }) {
  const server = await startTestServer({ files: files() });
  const call = client(server.url);
  let cases = 0;
  try {
    const token = async () => (await call('POST', '/participants')).body.token;
    const assertion = await new SignJWT({ name: 'Agnès' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('cms-user-comments')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(IDENTITY_SECRET));
    const verified = (await call('POST', '/consultations/open/identity', { body: { assertion } })).body.token;
    const tokens = { none: null, other: await token(), author: await token(), verified, admin: ADMIN_TOKEN };
    const C = '/consultations/open/comments';
    const target = 'proposal:s1';
    const write = async (body, consultation = C) => {
      const a = await call('POST', consultation, { token: tokens.author, body: { target, body: 'Un commentaire de l’auteur.', ...body } });
      tally.check('setup: the author comments', a.status === 201 ? null : `${a.status} ${a.text.slice(0, 200)}`);
      return a.body.comment?.id;
    };
    const thread = await write({});
    await call('POST', C, { token: tokens.other, body: { target, body: 'Une réponse.', parentId: thread } });
    const lonelyDeleted = await write({});
    await call('DELETE', `${C}/${lonelyDeleted}`, { token: tokens.author });
    const pending = await write({ target: 'proposal:u0' }, '/consultations/unlimited/comments');
    const fresh = {};
    for (const row of ['delete', 'report', 'helpful'])
      for (const role of ROLES) fresh[`${row}|${role}`] = await write({ body: `Pour la ligne ${row}, rôle ${role}.` });

    const everyone = (status) => Object.fromEntries(ROLES.map((r) => [r, status]));
    const writer = (status) => ({ none: 401, other: status, author: status, verified: status, admin: 401 });
    const authorOnly = (status) => ({ none: 401, other: 403, author: status, verified: 403, admin: 401 });
    const adminOnly = (status) => ({ none: 401, other: 401, author: 401, verified: 401, admin: status });
    const F = (row) => `FRESH:${row}`;
    const rows = [
      ['GET /comments?target', 'GET', `${C}?target=${target}`, undefined, everyone(200)],
      ['GET /comments/{id}/replies', 'GET', `${C}/${thread}/replies`, undefined, everyone(200)],
      ['GET /comments/{id}/thread', 'GET', `${C}/${thread}/thread`, undefined, everyone(200)],
      ['GET /comments/{deleted, no replies}/thread', 'GET', `${C}/${lonelyDeleted}/thread`, undefined, everyone(404)],
      [
        'GET /comments/{pending, the author’s}/thread',
        'GET',
        `/consultations/unlimited/comments/${pending}/thread`,
        undefined,
        { ...everyone(404), author: 200 },
      ],
      [
        'GET /comments/{id}/thread via another consultation',
        'GET',
        `/consultations/unlimited/comments/${thread}/thread`,
        undefined,
        everyone(404),
      ],
      ['POST /comments', 'POST', C, { target, body: 'Un nouveau commentaire.' }, writer(201)],
      ['POST /comments (reply)', 'POST', C, { target, body: 'Une nouvelle réponse.', parentId: thread }, writer(201)],
      ['PUT /comments/{the author’s}', 'PUT', `${C}/${thread}`, { body: 'Un texte modifié.' }, authorOnly(200)],
      [
        'PUT /comments/{id} via another consultation',
        'PUT',
        `/consultations/unlimited/comments/${thread}`,
        { body: 'Ailleurs.' },
        { ...writer(404) },
      ],
      ['DELETE /comments/{the author’s}', 'DELETE', F('delete'), undefined, authorOnly(200)],
      ['PUT /comments/{id}/helpful', 'PUT', `${F('helpful')}/helpful`, undefined, { ...writer(200), author: 403 }],
      ['DELETE /comments/{id}/helpful', 'DELETE', `${C}/${thread}/helpful`, undefined, writer(200)],
      ['POST /comments/{id}/reports', 'POST', `${F('report')}/reports`, { reason: 'spam', details: 'Publicité.' }, writer(202)],
      [
        'POST /admin/…/comments (automation token: nobody)',
        'POST',
        '/admin/consultations/open/comments',
        { target, body: 'Le jeton n’est personne.' },
        adminOnly(403),
      ],
      ['PUT /admin/…/comments/{id}/pin', 'PUT', `/admin/consultations/open/comments/${thread}/pin`, { pinned: true }, adminOnly(200)],
    ];
    const table = [];
    for (const [label, method, path, body, expected] of rows) {
      const cells = [];
      for (const role of ROLES) {
        const url = path.replace(/FRESH:(\w+)/, (_, row) => `${C}/${fresh[`${row}|${role}`]}`);
        const answer = await call(method, url, { token: tokens[role], body });
        cases++;
        const want = expected[role];
        let problem = answer.status === want ? null : `expected ${want}, got ${answer.status}: ${answer.text.slice(0, 160)}`;
        if (!problem && answer.status >= 400) problem = problemDefect(ApiError, answer);
        tally.check(`comments: ${label} as ${LABEL[role]}`, problem);
        cells.push(`${answer.status}${answer.status === want ? '' : `≠${want}`}`);
      }
      table.push([label, ...cells]);
    }
    printTable(['comment route', ...ROLES.map((r) => LABEL[r])], table);

    // The pending comment is listed for its author only; nobody else's edit reached the author's text.
    const listed = async (role) =>
      (await call('GET', '/consultations/unlimited/comments?target=proposal:u0', { token: tokens[role] })).body.items.map((c) => c.id);
    for (const role of ROLES) {
      cases++;
      const ids = await listed(role);
      const want = role === 'author' ? [pending] : [];
      tally.check(
        `comments: the pending comment listed for ${LABEL[role]}: ${want.length ? 'yes' : 'no'}`,
        JSON.stringify(ids) === JSON.stringify(want) ? null : `listed ${JSON.stringify(ids)}`,
      );
    }
    const [{ body }] = await server.db.query('SELECT body FROM comments WHERE id = $1', [thread]);
    cases++;
    tally.check('comments: only the author’s edit changed the text', body === 'Un texte modifié.' ? null : `the text is now “${body}”`);
    return cases;
  } finally {
    await server.close();
  }
}
