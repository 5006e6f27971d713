// Issue 9, access: every route × {no token, another participant, participant, host-signed identity, admin}
// with the expected status (the table is printed), CORS refusals for origins not on the allow-list, admin
// routes closed to any cross-origin call, and e-mails that never appear in a public answer or export.
import { SignJWT } from 'jose';
import {
  ADMIN_TOKEN,
  ALLOWED_ORIGIN,
  IDENTITY_SECRET,
  Tally,
  client,
  problemDefect,
  schemas,
  startTestServer,
} from '../reliability/harness.mjs';
import { commentAccess } from '../reliability/comment-access.mjs';
import { organiserAccess } from '../reliability/organiser-access.mjs';
import { workshopAccess } from '../reliability/workshop-access.mjs';

export const name = 'reliability-access';

const ROLES = ['none', 'other', 'participant', 'verified', 'admin'];
const ROLE_LABEL = {
  none: 'no token',
  other: 'another participant',
  participant: 'participant',
  verified: 'host-signed identity',
  admin: 'admin',
};

const signed = (claims, { secret = IDENTITY_SECRET, exp = '10m' } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));

export async function run() {
  const tally = new Tally(name);
  const { ApiError } = await schemas();
  const server = await startTestServer();
  const call = client(server.url);
  let cases = 0;
  try {
    const now = Date.now();
    const participant = (await call('POST', '/participants')).body.token;
    const other = (await call('POST', '/participants')).body.token;
    const identity = await call('POST', '/consultations/open/identity', {
      body: { assertion: await signed({ sub: 'cms-user-42', name: 'Agnès' }) },
    });
    const verified = identity.body.token;
    tally.check(
      'host-signed identity gives a verified participant',
      identity.status === 200 && identity.body.participant.verified === true ? null : `${identity.status} ${identity.text}`,
    );
    const tokens = { none: null, other, participant, verified, admin: ADMIN_TOKEN };

    // What the participant owns: a pending proposal (pre-moderation) and a proposed event awaiting approval.
    const secretEmails = [
      'author-7f3a@example.fr',
      'registrant-9c1d@example.fr',
      'organiser-2b8e@example.fr',
      'pending-author-5e6f@example.fr',
    ];
    const draft = (i, email) => ({
      title: `Proposition d’accès numéro ${i}`,
      body: 'Un texte assez long pour passer la validation du serveur.',
      categoryId: 'donnees',
      authorName: 'Élise',
      email,
      consent: true,
    });
    const published = await call('POST', '/consultations/open/proposals', { token: participant, body: draft(0, secretEmails[0]) });
    const pending = await call('POST', '/consultations/pre/proposals', {
      token: participant,
      body: { ...draft(1, secretEmails[3]), extra: { format: 'atelier' } },
    });
    const start = new Date(now + 4 * 86_400_000);
    const eventBody = {
      title: 'Atelier d’accès',
      format: 'atelier-relais',
      description: 'Un atelier pour vérifier qui voit quoi dans la consultation.',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 7_200_000).toISOString(),
      mode: 'in-person',
      address: { locality: 'Lyon', postalCode: '69001' },
      capacity: 50,
      organiserName: 'Camille',
      organiserEmail: secretEmails[2],
      consent: true,
    };
    const proposedEvent = await call('POST', '/consultations/open/events', { token: participant, body: eventBody });
    const approvedEvent = await call('POST', '/consultations/open/events', {
      token: participant,
      body: { ...eventBody, title: 'Atelier approuvé' },
    });
    await call('POST', `/admin/events/${approvedEvent.body.event.id}/approve`, { token: ADMIN_TOKEN });
    await call('POST', `/consultations/open/events/${approvedEvent.body.event.id}/registrations`, {
      token: participant,
      body: { name: 'Inès', email: secretEmails[1], consent: true },
    });
    for (const [what, a] of [
      ['proposal', published],
      ['pending proposal', pending],
      ['event', proposedEvent],
      ['approved event', approvedEvent],
    ]) {
      tally.check(`setup: ${what} created`, a.status === 201 ? null : `${a.status} ${a.text.slice(0, 200)}`);
    }
    const mine = published.body.proposal.id;
    const minePending = pending.body.proposal.id;
    const eventId = approvedEvent.body.event.id;
    const pendingEvent = proposedEvent.body.event.id;
    const assertion = await signed({ sub: 'cms-user-77' });
    // Issue 21: a document to amend (amendments open in the current phase), and an amendment to vote on.
    const docImport = await call('POST', '/admin/consultations/open/documents', {
      token: ADMIN_TOKEN,
      body: { id: 'acces', markdown: '# Axe\n\n## Engagement\n\nPublier les données.\n', amendmentPhases: ['ideation'] },
    });
    const amendmentBody = (i) => ({
      sectionId: 's-2',
      kind: 'modify',
      text: `Publier les données ouvertes (${i}).`,
      reason: 'Une raison suffisante.',
    });
    const toVote = await call('POST', '/consultations/open/documents/acces/amendments', {
      token: participant,
      body: amendmentBody('vote'),
    });
    tally.check(
      'setup: document and amendment created',
      docImport.status === 201 && toVote.status === 201 ? null : `${docImport.status} ${toVote.status} ${toVote.text.slice(0, 200)}`,
    );
    const amendmentId = toVote.body?.amendment?.id;

    // route, method, path, body, expected status per role (one number for all roles, or per role).
    const everyone = (status) => Object.fromEntries(ROLES.map((r) => [r, status]));
    const writer = (status) => ({ none: 401, other: status, participant: status, verified: status, admin: 401 });
    const adminOnly = (status) => ({ none: 401, other: 401, participant: 401, verified: 401, admin: status });
    let n = 0;
    const fresh = () => `acc-${n++}`;
    const rows = [
      ['GET /time', 'GET', '/time', undefined, everyone(200)],
      ['POST /participants', 'POST', '/participants', undefined, everyone(201)],
      ['POST /consultations/{id}/identity', 'POST', '/consultations/open/identity', { assertion }, everyone(200)],
      ['GET /consultations/{id}', 'GET', '/consultations/open', undefined, everyone(200)],
      ['GET /consultations/{id}/participation', 'GET', '/consultations/open/participation', undefined, { ...everyone(200), admin: 401 }],
      ['GET /consultations/{id}/proposals', 'GET', '/consultations/open/proposals', undefined, everyone(200)],
      ['GET /consultations/{id}/proposals/{published}', 'GET', `/consultations/open/proposals/${mine}`, undefined, everyone(200)],
      [
        'GET /consultations/{id}/proposals/{pending, own}',
        'GET',
        `/consultations/pre/proposals/${minePending}`,
        undefined,
        { ...everyone(404), participant: 200 },
      ],
      ['POST /consultations/{id}/proposals', 'POST', '/consultations/open/proposals', () => draft(fresh(), ''), writer(201)],
      [
        'POST /consultations/{id}/proposals/{id}/reports',
        'POST',
        `/consultations/open/proposals/${mine}/reports`,
        { reason: 'Test d’accès' },
        writer(202),
      ],
      [
        'PUT /consultations/{id}/proposals/{id}/vote',
        'PUT',
        '/consultations/unlimited/proposals/VOTE/vote',
        { choice: 'support' },
        writer(200),
      ],
      ['DELETE /consultations/{id}/proposals/{id}/vote', 'DELETE', '/consultations/unlimited/proposals/VOTE/vote', undefined, writer(200)],
      ['GET /consultations/{id}/events', 'GET', '/consultations/open/events', undefined, everyone(200)],
      ['GET /consultations/{id}/events/{approved}', 'GET', `/consultations/open/events/${eventId}`, undefined, everyone(200)],
      [
        'GET /consultations/{id}/events/{awaiting moderation, own}',
        'GET',
        `/consultations/open/events/${pendingEvent}`,
        undefined,
        everyone(404),
      ],
      [
        'POST /consultations/{id}/events/{id}/registrations',
        'POST',
        `/consultations/open/events/${eventId}/registrations`,
        { name: 'Jo', email: 'jo@example.fr', consent: true },
        writer(201),
      ],
      ['POST /consultations/{id}/events', 'POST', '/consultations/open/events', eventBody, writer(201)],
      ['GET /consultations/{id}/export.csv', 'GET', '/consultations/open/export.csv', undefined, everyone(200)],
      ['GET /consultations/{id}/export.json', 'GET', '/consultations/open/export.json', undefined, everyone(200)],
      ['GET /openapi.json', 'GET', '/openapi.json', undefined, everyone(200)],
      ['GET /docs', 'GET', '/docs', undefined, everyone(200)],
      ['GET /consultations/{id}/documents', 'GET', '/consultations/open/documents', undefined, everyone(200)],
      ['GET /consultations/{id}/documents/{id}', 'GET', '/consultations/open/documents/acces', undefined, everyone(200)],
      [
        'GET /consultations/{id}/documents/{id}/amendments',
        'GET',
        '/consultations/open/documents/acces/amendments',
        undefined,
        everyone(200),
      ],
      [
        'POST /consultations/{id}/documents/{id}/amendments',
        'POST',
        '/consultations/open/documents/acces/amendments',
        () => ({ ...amendmentBody(fresh()), sectionId: 's-1' }),
        writer(201),
      ],
      [
        'PUT /consultations/{id}/documents/{id}/amendments/{id}/vote',
        'PUT',
        `/consultations/open/documents/acces/amendments/${amendmentId}/vote`,
        { choice: 'for' },
        writer(200),
      ],
      [
        'GET /consultations/{id}/documents/{id}/export.json',
        'GET',
        '/consultations/open/documents/acces/export.json',
        undefined,
        everyone(200),
      ],
      [
        'POST /admin/consultations/{id}/documents',
        'POST',
        '/admin/consultations/open/documents',
        { markdown: '# Titre\n\nTexte.' },
        adminOnly(201),
      ],
      ['GET /admin/consultations/{id}/moderation', 'GET', '/admin/consultations/open/moderation', undefined, adminOnly(200)],
      ['POST /admin/proposals/{id}/hide', 'POST', `/admin/proposals/${mine}/hide`, undefined, adminOnly(200)],
      ['POST /admin/proposals/{id}/restore', 'POST', `/admin/proposals/${mine}/restore`, undefined, adminOnly(200)],
      ['POST /admin/proposals/{id}/approve', 'POST', `/admin/proposals/${minePending}/approve`, undefined, adminOnly(200)],
      ['POST /admin/events/{id}/approve', 'POST', `/admin/events/${pendingEvent}/approve`, undefined, adminOnly(200)],
      ['POST /admin/events/{id}/hide', 'POST', `/admin/events/${eventId}/hide`, undefined, adminOnly(200)],
      ['POST /admin/events/{id}/restore', 'POST', `/admin/events/${eventId}/restore`, undefined, adminOnly(200)],
    ];
    // A proposal for every vote cell, so each role votes on a proposal of its own.
    const voteTargets = {};
    for (const role of ROLES) {
      const a = await call('POST', '/consultations/unlimited/proposals', { token: participant, body: draft(`vote-${role}`, '') });
      voteTargets[role] = a.body.proposal.id;
    }

    const table = [];
    for (const [label, method, path, body, expected] of rows) {
      const cells = [];
      for (const role of ROLES) {
        const answer = await call(method, path.replace('VOTE', voteTargets[role]), {
          token: tokens[role],
          body: typeof body === 'function' ? body() : body,
        });
        cases++;
        const want = expected[role];
        let problem = answer.status === want ? null : `expected ${want}, got ${answer.status}: ${answer.text.slice(0, 160)}`;
        if (!problem && answer.status >= 400) problem = problemDefect(ApiError, answer);
        tally.check(`${label} as ${ROLE_LABEL[role]}`, problem);
        cells.push(`${answer.status}${answer.status === want ? '' : `≠${want}`}`);
      }
      table.push([label, ...cells]);
    }
    printTable(['route', ...ROLES.map((r) => ROLE_LABEL[r])], table);

    // Identities the host did not sign, or signed for another consultation.
    const identityCases = [
      ['a JWT signed with another key', 'open', await signed({ sub: 'x' }, { secret: 'another-key-another-key-another-key-0123' }), 401],
      ['an expired JWT', 'open', await signed({ sub: 'x' }, { exp: Math.floor(now / 1000) - 120 }), 401],
      [
        'an unsigned JWT (alg none)',
        'open',
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', exp: 9e9 })).toString('base64url')}.`,
        401,
      ],
      [
        'a JWT with no exp',
        'open',
        await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('x').sign(new TextEncoder().encode(IDENTITY_SECRET)),
        401,
      ],
      ['a valid JWT on a consultation without identities', 'pre', assertion, 403],
    ];
    for (const [what, consultation, jwt, want] of identityCases) {
      const answer = await call('POST', `/consultations/${consultation}/identity`, { body: { assertion: jwt } });
      cases++;
      tally.say(
        `identity refused: ${what} → ${want}`,
        answer.status === want ? problemDefect(ApiError, answer) : `got ${answer.status}: ${answer.text.slice(0, 160)}`,
      );
    }

    // Another participant cannot touch the participant's vote.
    const target = voteTargets.participant;
    await call('PUT', `/consultations/unlimited/proposals/${target}/vote`, { token: participant, body: { choice: 'support' } });
    const before = (await call('GET', `/consultations/unlimited/proposals/${target}`)).body.tally.total;
    await call('DELETE', `/consultations/unlimited/proposals/${target}/vote`, { token: other });
    const after = (await call('GET', `/consultations/unlimited/proposals/${target}`)).body.tally.total;
    const mineNow = (await call('GET', '/consultations/unlimited/participation', { token: participant })).body;
    cases++;
    tally.say(
      'another participant withdrawing “their” vote leaves the participant’s vote counted',
      before === after && mineNow.votes[target] === 'support'
        ? null
        : `total ${before} -> ${after}, votes ${JSON.stringify(mineNow.votes)}`,
    );

    // CORS: origins not on the allow-list get no Access-Control-Allow-Origin, preflight or not.
    const foreign = [
      'https://evil.example',
      'null',
      `${ALLOWED_ORIGIN}.evil.example`,
      'http://ville.example.fr',
      `${ALLOWED_ORIGIN}:8443`,
      'https://sub.ville.example.fr',
      'HTTPS://VILLE.EXAMPLE.FR.',
    ];
    for (const origin of foreign) {
      const preflight = await call('OPTIONS', '/consultations/open/proposals/s0/vote', {
        headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, content-type' },
      });
      const read = await call('GET', '/consultations/open', { headers: { origin } });
      const write = await call('PUT', '/consultations/open/proposals/s0/vote', {
        token: other,
        body: { choice: 'support' },
        headers: { origin },
      });
      for (const [kind, a] of [
        ['preflight', preflight],
        ['GET', read],
        ['PUT', write],
      ]) {
        cases++;
        const acao = a.headers.get('access-control-allow-origin');
        tally.check(
          `CORS ${kind} from ${origin}`,
          acao ? `Access-Control-Allow-Origin: ${acao}` : a.status < 400 ? `answered ${a.status}` : null,
        );
      }
    }
    console.log(`  ✓ CORS: ${foreign.length} foreign origins × {preflight, GET, PUT} refused without Access-Control-Allow-Origin`);
    const allowed = await call('OPTIONS', '/consultations/open/proposals/s0/vote', {
      headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'PUT' },
    });
    cases++;
    tally.say(
      `CORS preflight from the allowed ${ALLOWED_ORIGIN} is answered (positive control)`,
      allowed.headers.get('access-control-allow-origin') === ALLOWED_ORIGIN
        ? null
        : `${allowed.status} ${allowed.headers.get('access-control-allow-origin')}`,
    );

    // Admin routes refuse every cross-origin call, even from allowed origins and with the admin token.
    const own = new URL(server.url).origin;
    const crossOrigin = [
      ['Origin: the allowed host', { origin: ALLOWED_ORIGIN }],
      ['Origin: null', { origin: 'null' }],
      ['Origin: another site', { origin: 'https://evil.example' }],
      ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
      ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
      ['own origin on another port', { origin: own.replace(/:\d+$/, ':1') }],
    ];
    for (const [what, headers] of crossOrigin) {
      for (const [method, path] of [
        ['GET', '/admin/consultations/open/moderation'],
        ['POST', `/admin/proposals/${mine}/hide`],
        ['OPTIONS', `/admin/proposals/${mine}/hide`],
      ]) {
        const a = await call(method, path, {
          token: ADMIN_TOKEN,
          headers: { ...headers, ...(method === 'OPTIONS' ? { 'access-control-request-method': 'POST' } : {}) },
        });
        cases++;
        tally.check(
          `admin ${method} ${path} with ${what}`,
          a.status === 403 && !a.headers.get('access-control-allow-origin')
            ? problemDefect(ApiError, a)
            : `${a.status}, ACAO ${a.headers.get('access-control-allow-origin')}`,
        );
      }
    }
    const visible = (await call('GET', `/consultations/open/proposals/${mine}`)).status;
    cases++;
    tally.check('no cross-origin admin call took effect (the proposal is still published)', visible === 200 ? null : `status ${visible}`);
    const sameOrigin = await call('GET', '/admin/consultations/open/moderation', {
      token: ADMIN_TOKEN,
      headers: { origin: own, 'sec-fetch-site': 'same-origin' },
    });
    cases++;
    tally.say(
      `admin routes: ${crossOrigin.length * 3} cross-origin calls refused (403); the server's own origin is served (positive control)`,
      sameOrigin.status === 200 ? null : `same-origin got ${sameOrigin.status}`,
    );

    // E-mails: never in a public answer or export.
    const publicPaths = [
      '/consultations/open',
      '/consultations/pre',
      '/consultations/open/proposals?limit=100',
      '/consultations/pre/proposals?limit=100',
      `/consultations/open/proposals/${mine}`,
      `/consultations/pre/proposals/${minePending}`,
      '/consultations/open/events?limit=100',
      `/consultations/open/events/${eventId}`,
      `/consultations/open/events/${pendingEvent}`,
      '/consultations/open/export.csv',
      '/consultations/open/export.json',
      '/consultations/open/comments.csv',
      '/consultations/pre/export.csv',
      '/consultations/pre/export.json',
      '/consultations/open/participation',
      '/openapi.json',
      '/docs',
    ];
    await call('POST', `/admin/events/${eventId}/restore`, { token: ADMIN_TOKEN });
    let searched = 0;
    const leaks = [];
    for (const path of publicPaths) {
      for (const role of ['none', 'participant', 'other']) {
        const a = await call('GET', path, { token: tokens[role] });
        searched++;
        for (const email of secretEmails)
          if (a.text.toLowerCase().includes(email.toLowerCase()) || a.text.includes(email.split('@')[0]))
            leaks.push(`${email} in GET ${path} as ${role}`);
      }
    }
    // The answers to the writes themselves are public to the page too.
    for (const a of [published, pending, proposedEvent, approvedEvent]) {
      searched++;
      for (const email of secretEmails) if (a.text.includes(email)) leaks.push(`${email} in a write's answer`);
    }
    cases += searched;
    tally.say(
      `e-mails: ${secretEmails.length} submitted e-mails searched in ${searched} public answers and exports: none found`,
      leaks.length ? leaks.slice(0, 5).join('; ') : null,
    );
    // The reported proposal is in the moderation queue, with its author's e-mail.
    const moderation = await call('GET', '/admin/consultations/open/moderation', { token: ADMIN_TOKEN });
    cases++;
    tally.say(
      'e-mails: the admin moderation queue does show the author’s e-mail (positive control of the search)',
      moderation.text.includes(secretEmails[0]) ? null : 'not found there either: the search proves nothing',
    );
    cases += await organiserAccess(tally, { ApiError, printTable });
    cases += await workshopAccess(tally, { ApiError, printTable });
    cases += await commentAccess(tally, { ApiError, printTable });
    return tally.report({ 'cases tried': cases, failures: tally.failed });
  } finally {
    await server.close();
  }
}

function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `  | ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`  |${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}
