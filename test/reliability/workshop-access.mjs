// Issue 22, who may file a relay workshop's report: every caller × {no token, another participant, the
// event's proposer, a live host link's holder, a revoked link's holder, the admin token}, each cell tested
// on a fresh event; a revoked link stops working at once; a second report (a change) is refused to the host
// too, and to anyone else before that; a link opens its own event only; host-link routes are organiser-only. The clock is moved, never waited for.
import { ADMIN_TOKEN, OPEN_LIMITS, client, loadTs, problemDefect, writeConfig } from './harness.mjs';

const CALLERS = ['none', 'other', 'proposer', 'link', 'revoked', 'admin'];
const LABEL = {
  none: 'no token',
  other: 'another participant',
  proposer: 'the proposer',
  link: 'live host link',
  revoked: 'revoked host link',
  admin: 'admin token',
};
const DAY = 86_400_000;

export async function workshopAccess(tally, { ApiError, printTable }) {
  const { startServer } = await loadTs('server/server.ts');
  const { dayIn } = await loadTs('src/core/reports-rules.ts');
  const config = writeConfig();
  let now = Date.now();
  const server = await startServer({
    port: 0,
    dataDir: 'memory://',
    configDir: config.dir,
    adminToken: ADMIN_TOKEN,
    limits: OPEN_LIMITS,
    clock: () => now,
  });
  const call = client(server.url);
  let cases = 0;
  try {
    const proposer = (await call('POST', '/participants')).body.token;
    const other = (await call('POST', '/participants')).body.token;
    const start = new Date(now + 2 * DAY);
    const propose = async (i) => {
      const a = await call('POST', '/consultations/open/events', {
        token: proposer,
        body: {
          title: `Atelier-relais d’accès ${i}`,
          format: 'atelier-relais',
          description: 'Un atelier pour vérifier qui peut déposer le compte rendu.',
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 7_200_000).toISOString(),
          mode: 'in-person',
          address: { locality: 'Lyon', postalCode: '69001' },
          organiserName: 'Camille',
          organiserEmail: 'camille@example.fr',
          consent: true,
        },
      });
      const id = a.body.event.id;
      await call('POST', `/admin/events/${id}/approve`, { token: ADMIN_TOKEN });
      return id;
    };
    const issue = async (eventId) =>
      (await call('POST', `/admin/consultations/open/events/${eventId}/host-links`, { token: ADMIN_TOKEN, body: { eventId } })).body;
    const events = {};
    const secrets = {};
    for (const caller of CALLERS) {
      events[caller] = await propose(caller);
      const link = await issue(events[caller]);
      secrets[caller] = link.secret;
      if (caller === 'revoked') await call('DELETE', `/admin/consultations/open/host-links/${link.link.id}`, { token: ADMIN_TOKEN });
    }
    const late = await propose('late');
    const link = await issue(late);
    // Three days later: the workshops have been held.
    now += 3 * DAY;
    const heldOn = dayIn(now - DAY, 'Europe/Paris');
    const draft = (caller) => ({
      heldOn,
      attendees: 12,
      summary: 'Une soirée de travail en trois tables, puis une restitution.',
      consent: true,
      contributions: [
        {
          kind: 'proposal',
          title: 'Une proposition de l’atelier d’accès',
          body: 'Ce que la salle a proposé, rédigé ensemble.',
          categoryId: 'donnees',
        },
      ],
      ...(caller === 'link' || caller === 'revoked' ? { hostKey: secrets[caller] } : {}),
    });
    const token = { none: null, other, proposer, link: other, revoked: other, admin: ADMIN_TOKEN };
    const expected = { none: 401, other: 403, proposer: 201, link: 201, revoked: 403, admin: 401 };
    const row = [];
    for (const caller of CALLERS) {
      const a = await call('POST', `/consultations/open/events/${events[caller]}/report`, {
        token: token[caller],
        key: `acc-${caller}`,
        body: draft(caller),
      });
      cases++;
      const problem =
        a.status === expected[caller]
          ? a.status >= 400
            ? problemDefect(ApiError, a)
            : null
          : `expected ${expected[caller]}, got ${a.status}: ${a.text.slice(0, 160)}`;
      tally.check(`file a report as ${LABEL[caller]}`, problem);
      row.push(`${a.status}${a.status === expected[caller] ? '' : `≠${expected[caller]}`}`);
    }
    printTable(['route', ...CALLERS.map((c) => LABEL[c])], [['POST /consultations/{id}/events/{eventId}/report', ...row]]);

    // A filed report cannot be changed by a second filing: 409 for the host, 403 for anyone else (checked first).
    const second = { ...draft('proposer'), summary: 'Un autre compte rendu, qui remplacerait le premier.' };
    const byHost = await call('POST', `/consultations/open/events/${events.proposer}/report`, {
      token: proposer,
      key: 'acc-change',
      body: second,
    });
    const byOther = await call('POST', `/consultations/open/events/${events.proposer}/report`, {
      token: other,
      key: 'acc-change-2',
      body: second,
    });
    cases += 2;
    tally.check(
      'a second report from the host is refused (409)',
      byHost.status === 409 ? problemDefect(ApiError, byHost) : `${byHost.status} ${byHost.text.slice(0, 160)}`,
    );
    tally.check(
      'a second report from another participant is refused (403)',
      byOther.status === 403 ? problemDefect(ApiError, byOther) : `${byOther.status} ${byOther.text.slice(0, 160)}`,
    );

    // A live link opens its own event only; a made-up secret (same shape) opens none.
    const crossed = await call('POST', `/consultations/open/events/${late}/report`, {
      token: other,
      key: 'acc-cross',
      body: { ...draft('x'), hostKey: secrets.link },
    });
    const forged = await call('POST', `/consultations/open/events/${late}/report`, {
      token: other,
      key: 'acc-forged',
      body: { ...draft('x'), hostKey: `hl_${'A'.repeat(32)}` },
    });
    cases += 2;
    tally.check(
      'another event’s live host link is refused (403)',
      crossed.status === 403 ? problemDefect(ApiError, crossed) : `${crossed.status} ${crossed.text.slice(0, 160)}`,
    );
    tally.check(
      'a made-up host key is refused (403)',
      forged.status === 403 ? problemDefect(ApiError, forged) : `${forged.status} ${forged.text.slice(0, 160)}`,
    );

    // Revoked at once: a link that worked for a refused draft stops working the moment it is revoked.
    const bad = await call('POST', `/consultations/open/events/${late}/report`, {
      token: other,
      key: 'acc-late-1',
      body: { ...draft('x'), hostKey: link.secret, attendees: 0 },
    });
    await call('DELETE', `/admin/consultations/open/host-links/${link.link.id}`, { token: ADMIN_TOKEN });
    const refused = await call('POST', `/consultations/open/events/${late}/report`, {
      token: other,
      key: 'acc-late-2',
      body: { ...draft('x'), hostKey: link.secret },
    });
    cases += 2;
    tally.check(
      'a live link reaches validation (422), then, revoked, is refused at once (403)',
      bad.status === 422 && refused.status === 403 ? null : `${bad.status} then ${refused.status}`,
    );

    // Host links are the organisers': no participant may list, issue or revoke them; the secret is never listed.
    const linkRoutes = [
      ['GET', `/admin/consultations/open/events/${late}/host-links`, undefined, 200],
      ['POST', `/admin/consultations/open/events/${late}/host-links`, { eventId: late }, 201],
      ['DELETE', `/admin/consultations/open/host-links/${link.link.id}`, undefined, 200],
    ];
    for (const [method, path, body, ok] of linkRoutes) {
      for (const [who, t, want] of [
        ['no token', null, 401],
        ['a participant', proposer, 401],
        ['the admin token', ADMIN_TOKEN, ok],
      ]) {
        const a = await call(method, path, { token: t, body });
        cases++;
        tally.check(
          `${method} ${path.replace(/[^/]+$/, '…')} as ${who}`,
          a.status === want ? (want >= 400 ? problemDefect(ApiError, a) : null) : `expected ${want}, got ${a.status}`,
        );
        if (method === 'GET' && a.status === 200)
          tally.check('host links listed without their secret', a.text.includes(link.secret) ? 'secret listed' : null);
      }
    }
  } finally {
    await server.close();
    config.remove();
  }
  return cases;
}
