// Issue 22 in the XSS suite (called by test/suites/reliability-xss.mjs): the corpus stored THROUGH THE API
// in relay-workshop reports (summaries, organisations, contribution titles and texts) of workshops whose own
// titles and towns are payloads, approved by the admin, then shown by <pgo-event-card> (the published report)
// and <pgo-proposal-list workshop=…> (each contribution with its origin line); and <pgo-workshop-report>
// itself, its review showing what the host typed and pasted from a spreadsheet, then sent.

const DAY = 86_400_000;
const ROWS_PER_REPORT = 20;

export async function workshopXss(tally, { call, server, corpus, token, adminToken, wrap, cp, problemDefect, ApiError, view }) {
  const { openPage, settle, verdict, textOf, expectText } = view;
  const usable = corpus.map((p, i) => [i, p]).filter(([, p]) => !p.includes('\u0000'));
  const groups = [];
  for (let k = 0; k < usable.length; k += ROWS_PER_REPORT) groups.push(usable.slice(k, k + ROWS_PER_REPORT));

  // One workshop per group, its title and town payloads, proposed by `token` (its host), approved, then moved
  // into the past (a report is filed once the workshop has started).
  const start = Date.now() + 5 * DAY;
  const proposeWorkshop = async (n, [i, p]) => {
    const a = await call('POST', '/consultations/open/events', {
      token,
      body: {
        title: cp(wrap(p)) <= 120 ? wrap(p) : `Atelier ${i}`,
        format: 'atelier-relais',
        description: `Un atelier-relais dont le compte rendu porte des charges hostiles (${n}).`,
        startsAt: new Date(start + n * 3_600_000).toISOString(),
        endsAt: new Date(start + (n + 1) * 3_600_000).toISOString(),
        mode: 'in-person',
        address: { locality: cp(wrap(p)) <= 120 ? wrap(p) : 'Lyon', postalCode: '69001' },
        organiserName: 'Atelier',
        organiserEmail: 'atelier@example.fr',
        consent: true,
      },
    });
    if (a.status !== 201) return { error: `${a.status} ${a.text.slice(0, 160)}` };
    const approved = await call('POST', `/admin/events/${a.body.event.id}/approve`, { token: adminToken });
    return approved.status === 200 ? { event: a.body.event } : { error: `approve ${approved.status}` };
  };
  const workshops = [];
  for (const [n, group] of groups.entries()) {
    const made = await proposeWorkshop(n, group[0]);
    if (tally.check(`workshop ${n} with payload ${group[0][0]} as its title stored and approved`, made.error ?? null))
      workshops.push({ n, group, event: made.event });
  }
  const formPayload = usable.find(([, p]) => cp(wrap(p)) <= 100 && !/[\t\n\r]/.test(p));
  const formWorkshop = await proposeWorkshop(groups.length, formPayload);
  await server.db.query(
    `UPDATE events SET starts_at = starts_at - interval '7 days', ends_at = ends_at - interval '7 days' WHERE id = ANY($1)`,
    [[...workshops.map((w) => w.event.id), formWorkshop.event?.id ?? '']],
  );
  const heldOn = (event) => {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date(Date.parse(event.startsAt) - 7 * DAY))
      .reduce((all, x) => ({ ...all, [x.type]: x.value }), {});
    return `${parts.year}-${parts.month}-${parts.day}`;
  };

  // The reports: every payload a contribution (numbered titles: duplicates are refused), in its text too, and
  // in the summaries and organisations.
  const expected = { cards: [], list: [] };
  for (const w of workshops) {
    const oneLine = w.group.filter(([, p]) => !/[\n\r]/.test(p) && cp(wrap(p)) <= 200).slice(0, 3);
    const contributions = w.group.map(([i, p]) => ({
      kind: 'proposal',
      title: cp(`${i} ${wrap(p)}`) <= 120 && cp(`${i} ${wrap(p)}`) >= 10 ? `${i} ${wrap(p)}` : `Contribution ${i}`,
      body: `Texte ${i} : ${wrap(p)} — écrit par la salle.`,
      categoryId: 'donnees',
      roomSupport: i,
    }));
    const draft = {
      heldOn: heldOn(w.event),
      attendees: 12,
      organisations: oneLine.map(([, p]) => wrap(p)).join('\n'),
      summary: `Déroulé ${w.n} : ${wrap(w.group[0][1])} — puis une restitution.`,
      consent: true,
      contributions,
    };
    const a = await call('POST', `/consultations/open/events/${w.event.id}/report`, { token, key: `xss-report-${w.n}`, body: draft });
    if (
      !tally.check(
        `report ${w.n} with ${contributions.length} payload rows stored`,
        a.status === 201 ? null : `${a.status} ${a.text.slice(0, 200)}`,
      )
    )
      continue;
    const decided = await call('POST', '/admin/consultations/open/decisions', {
      token: adminToken,
      body: { targets: [`workshop-report:${a.body.report.id}`], action: 'approve', reason: 'Relu' },
    });
    if (!tally.check(`report ${w.n} approved`, decided.status === 200 ? null : `${decided.status} ${decided.text.slice(0, 160)}`)) continue;
    w.stored = true;
    expected.cards.push(
      [w.group[0][0], draft.summary],
      ...oneLine.map(([i, p]) => [i, wrap(p)]),
      ...contributions.map((c, k) => [w.group[k][0], c.title]),
    );
    expected.list.push(...contributions.map((c, k) => [w.group[k][0], c.title]));
    if (cp(wrap(w.group[0][1])) <= 120) expected.list.push([w.group[0][0], `${w.event.title}, ${w.event.address.locality}`]);
  }
  const stored = workshops.filter((w) => w.stored);
  console.log(`  workshop reports: ${stored.length} reports with ${expected.list.length} payload rows stored through the API and approved`);

  // Shown: the cards (published report) and the list of workshop contributions with their origin.
  const shownPage = await openPage(
    'workshops.html',
    `<pgo-consultation backend="rest" endpoint="" consultation="open">${stored
      .map(
        (w) =>
          `<pgo-proposal-list workshop="${w.event.id}" page-size="50"></pgo-proposal-list><pgo-event-card event="${w.event.id}"></pgo-event-card>`,
      )
      .join('')}</pgo-consultation>`,
  );
  try {
    await settle(shownPage.page, 'pgo-proposal-list, pgo-event-card', 2 * stored.length);
    await shownPage.page.waitForFunction(
      (n) => [...document.querySelectorAll('pgo-event-card')].filter((c) => c.shadowRoot.querySelector('[part~="report"]')).length >= n,
      stored.length,
      { timeout: 60_000 },
    );
    const found = await verdict(shownPage, `${stored.length} workshop cards with their reports and the list of their contributions`);
    expectText('<pgo-event-card> workshop reports', textOf(found, 'pgo-event-card'), expected.cards);
    expectText('<pgo-proposal-list workshop=…>', textOf(found, 'pgo-proposal-list'), expected.list);
  } finally {
    await shownPage.context.close();
  }

  // The form: what the host types and pastes is shown back in the review, as text, then sent.
  if (!tally.check('the form’s workshop stored and approved', formWorkshop.error ?? null)) return;
  const link = await call('POST', `/admin/consultations/open/events/${formWorkshop.event.id}/host-links`, {
    token: adminToken,
    body: { eventId: formWorkshop.event.id },
  });
  if (!tally.check('a host link issued for the form', link.status === 201 ? null : `${link.status} ${link.text.slice(0, 160)}`)) return;
  const pasted = usable.filter(([i, p]) => i !== formPayload[0] && !/[\t\n\r]/.test(p) && cp(p) <= 100).slice(0, 12);
  const formPage = await openPage(
    'report-form.html',
    `<pgo-consultation backend="rest" endpoint="" consultation="open"><pgo-workshop-report event="${formWorkshop.event.id}" host-key="${link.body.secret}"></pgo-workshop-report></pgo-consultation>`,
  );
  try {
    const el = formPage.page.locator('pgo-workshop-report');
    const [i0, p0] = formPayload;
    await el.locator('#f-heldOn').fill(heldOn(formWorkshop.event));
    await el.locator('#f-attendees').fill('9');
    await el.locator('#f-organisations').fill(wrap(p0));
    await el.locator('#f-summary').fill(`Déroulé : ${wrap(p0)} — et la suite.`);
    await el.locator('[part~="next"]').click();
    await el.locator('[part~="row"]').first().waitFor({ timeout: 30_000 });
    await el
      .locator('[part~="row"] input')
      .first()
      .fill(`${i0} ${wrap(p0)}`);
    await el
      .locator('[part~="row"] textarea')
      .first()
      .fill(`Texte ${i0} : ${wrap(p0)} — écrit par la salle.`);
    await el.locator('[part~="paste"] summary').click();
    await el
      .locator('#paste-rows')
      .fill(pasted.map(([i, p]) => `${i} ${wrap(p)}\tTexte ${i} : ${wrap(p)} — collé d’un tableur.\tdonnees\t${i}`).join('\n'));
    await el.locator('[part~="paste-add"]').click();
    await el.locator('[part~="next"]').click();
    await el
      .locator('[part~="review"]')
      .waitFor({ timeout: 30_000 })
      .catch(async (error) => {
        throw new Error(
          `no review: ${
            (await el
              .locator('[part~="error-summary"]')
              .textContent()
              .catch(() => '')) || error.message
          }`,
        );
      });
    const review = await el.locator('[part~="review"]').evaluate((node) => node.textContent);
    const rows = [[i0, `${i0} ${wrap(p0)}`], [i0, wrap(p0)], ...pasted.map(([i, p]) => [i, `${i} ${wrap(p)}`])];
    expectText('<pgo-workshop-report> review', review, rows);
    await el.locator('input[type="checkbox"]').last().check();
    await el.locator('[part~="submit"]').click();
    const sent = await el
      .locator('[part~="success"]')
      .waitFor({ timeout: 30_000 })
      .then(
        () => null,
        async () => `no confirmation: ${(await el.evaluate((node) => node.shadowRoot.textContent)).slice(0, 300)}`,
      );
    tally.check(`<pgo-workshop-report>: the hostile report (${rows.length - 1} rows) is sent`, sent);
    await verdict(formPage, `<pgo-workshop-report> with ${pasted.length + 1} hostile rows typed and pasted`);
  } finally {
    await formPage.context.close();
  }
  // A hostile host key is never shown nor reflected: the route refuses it with a clean problem.
  const refused = await call('POST', `/consultations/open/events/${formWorkshop.event.id}/report`, {
    token: (await call('POST', '/participants')).body.token,
    key: 'xss-host-key',
    body: {
      heldOn: heldOn(formWorkshop.event),
      attendees: 1,
      summary: 'x'.repeat(30),
      consent: true,
      contributions: [{ kind: 'proposal', title: 'Une contribution correcte', body: 'Un texte assez long pour être accepté ici.' }],
      hostKey: wrap(formPayload[1]),
    },
  });
  tally.check(
    'a hostile host key is refused with a clean problem, not echoed',
    refused.status === 403 && !refused.text.includes(formPayload[1])
      ? problemDefect(ApiError, refused)
      : `${refused.status} ${refused.text.slice(0, 160)}`,
  );
}
