// Issue 21 in the XSS suite (called by test/suites/reliability-xss.mjs): the corpus in a document organisers
// import from Markdown (section titles and texts), in amendments stored THROUGH THE API (a new part's title and
// text, the reason, the author's name), in the organisers' decisions (reasons, kept text), then shown by
// <pgo-text> with every section's amendments opened (every page of them); the "propose a change" form shows
// what a participant types (the live difference, then the sent amendment) as text; the open-data export
// carries each payload unchanged.

/** Markdown would read these as structure (a heading, a fence, a paragraph break): kept out of titles and texts. */
const structural = (p) => /[\n\r]|```|~~~|^\s*#/.test(p) || p.includes('\u0000');

export async function textXss(tally, { call, corpus, adminToken, wrap, cp, view }) {
  const { openPage, verdict, textOf, expectText } = view;
  const usable = corpus.map((p, i) => [i, p]).filter(([, p]) => !structural(p) && cp(wrap(p)) <= 180);
  const markdown = [
    '# Un texte aux charges hostiles',
    '',
    'Chaque partie ci-dessous porte une charge.',
    ...usable.flatMap(([i, p]) => ['', `## ${i} ${wrap(p)}`, '', `Texte ${i} : ${wrap(p)} — fin.`]),
  ].join('\n');
  const admin = (method, path, body) => call(method, `/admin/consultations/open${path}`, { token: adminToken, body });
  const imported = await admin('POST', '/documents', { id: 'xss', markdown, amendmentPhases: ['ideation'] });
  if (!tally.check('the hostile draft is imported', imported.status === 201 ? null : `${imported.status} ${imported.text.slice(0, 200)}`))
    return;
  const sections = new Map(imported.body.sections.filter((s) => s.level === 2).map((s) => [s.title, s.id]));

  // One amendment per section (one open amendment per participant and section: one author suffices).
  const author = (await call('POST', '/participants')).body.token;
  const expected = [];
  let stored = 0;
  for (const [i, p] of usable) {
    const sectionId = sections.get(`${i} ${wrap(p)}`);
    if (!tally.check(`payload ${i} is a section title`, sectionId ? null : 'no such section')) continue;
    const body = {
      sectionId,
      kind: 'add-after',
      title: `${i} ${wrap(p)}`.slice(0, 200),
      text: `Ajout ${i} : ${wrap(p)} — fin.`,
      reason: `Raison ${i} : ${wrap(p)}`,
      ...(cp(wrap(p)) <= 80 ? { authorName: wrap(p) } : {}),
    };
    const a = await call('POST', '/consultations/open/documents/xss/amendments', { token: author, key: `xss-amendment-${i}`, body });
    if (!tally.check(`amendment with payload ${i} stored`, a.status === 201 ? null : `${a.status} ${a.text.slice(0, 200)}`)) continue;
    stored++;
    expected.push([i, `${i} ${wrap(p)}`], [i, `Texte ${i} : ${wrap(p)} — fin.`], [i, body.text], [i, body.reason]);
    if (body.authorName) expected.push([i, body.authorName]);
    if (i % 3 === 0) {
      const decided = await call('PUT', `/admin/consultations/open/amendments/${a.body.amendment.id}/decision`, {
        token: adminToken,
        body: { state: 'rejected', reason: `Décision ${i} : ${wrap(p)}` },
      });
      if (tally.check(`decision on payload ${i} stored`, decided.status === 200 ? null : `${decided.status} ${decided.text.slice(0, 160)}`))
        expected.push([i, `Décision ${i} : ${wrap(p)}`]);
    }
  }
  console.log(`  documents: ${sections.size} hostile sections imported, ${stored} hostile amendments stored through the API`);

  const exported = await call('GET', '/consultations/open/documents/xss/export.json');
  const missing = expected.filter(([, text]) => !text.startsWith('Texte') && !exported.text.includes(JSON.stringify(text).slice(1, -1)));
  tally.check(
    'the open-data export carries every amendment payload unchanged',
    exported.status === 200 && !missing.length
      ? null
      : `${exported.status}; ${missing.length} missing, first ${JSON.stringify(missing[0])}`,
  );

  // Shown: every section's amendments opened, every page of them.
  const page = await openPage(
    'text.html',
    '<pgo-consultation backend="rest" endpoint="" consultation="open"><pgo-text document="xss"></pgo-text></pgo-consultation>',
  );
  try {
    await page.page.waitForFunction(
      (n) => document.querySelector('pgo-text')?.shadowRoot?.querySelectorAll('.section').length >= n,
      sections.size,
      {
        timeout: 60_000,
      },
    );
    await page.page.evaluate(async () => {
      const el = document.querySelector('pgo-text');
      for (const toggle of el.shadowRoot.querySelectorAll('[part~="toggle"][aria-expanded="false"]')) toggle.click();
      await el.updateComplete;
      for (let more; (more = el.shadowRoot.querySelector('[part~="more"]')); await el.updateComplete) more.click();
    });
    const drawn = await page.page.evaluate(
      () => document.querySelector('pgo-text').shadowRoot.querySelectorAll('[part~="amendment"]').length,
    );
    tally.check(`<pgo-text>: every amendment drawn (${drawn}/${stored})`, drawn >= stored ? null : `${drawn} of ${stored}`);
    const found = await verdict(page, `<pgo-text> with ${sections.size} hostile sections and ${stored} amendments opened`);
    expectText('<pgo-text>', textOf(found, 'pgo-text'), expected);
  } finally {
    await page.context.close();
  }

  // The form: a payload typed as the new text and the reason; the preview and the sent amendment show it as text.
  const [i0, p0] = usable.find(([, p]) => cp(wrap(p)) <= 100);
  const formPage = await openPage(
    'text-form.html',
    '<pgo-consultation backend="rest" endpoint="" consultation="open"><pgo-text document="xss"></pgo-text></pgo-consultation>',
  );
  try {
    const el = formPage.page.locator('pgo-text');
    await el.locator('[part~="propose"]').first().click();
    await el.locator('[name="text"]').fill(`Un texte nouveau : ${wrap(p0)}`);
    await el.locator('[name="reason"]').fill(`Pourquoi ${i0} : ${wrap(p0)}`);
    const preview = await el.locator('.preview').evaluate((node) => node.textContent);
    await el.locator('[part~="submit"]').click();
    await el.locator('[part~="amendment"]').first().waitFor({ timeout: 30_000 });
    const found = await verdict(formPage, '<pgo-text> form with a payload typed');
    expectText('<pgo-text> form', `${preview}\n${textOf(found, 'pgo-text')}`, [
      [i0, wrap(p0)],
      [i0, `Pourquoi ${i0} : ${wrap(p0)}`],
    ]);
  } finally {
    await formPage.context.close();
  }
}
