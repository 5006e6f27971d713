// Issue 20 in the XSS suite (called by test/suites/reliability-xss.mjs): the corpus stored THROUGH THE API as
// comments (texts and author names) and replies to them (a reply to a reply names whom it answers: that name is
// a payload too), shown by <pgo-comments> with every thread's replies opened; then payloads typed into the
// element's own form and sent, shown back as text; a hostile target attribute is refused as text.

const THREADS_PER_TARGET = 20;

export async function commentXss(tally, { call, corpus, token, wrap, cp, view }) {
  const { openPage, settle, verdict, textOf, expectText } = view;
  const usable = corpus.map((p, i) => [i, p]).filter(([, p]) => !p.includes('\u0000') && cp(`Commentaire ${p}`) < 990);
  const other = (await call('POST', '/participants')).body.token;
  // One proposal per 20 payloads: a discussion's first page holds them all.
  const targets = [];
  for (let k = 0; k * THREADS_PER_TARGET < usable.length; k++) {
    const a = await call('POST', '/consultations/open/proposals', {
      token,
      body: {
        title: `Une discussion hostile numéro ${k}`,
        body: 'Une proposition dont la discussion porte des charges hostiles.',
        consent: true,
      },
    });
    if (tally.check(`comments: proposal ${k} to discuss stored`, a.status === 201 ? null : `${a.status} ${a.text.slice(0, 160)}`))
      targets.push(`proposal:${a.body.proposal.id}`);
  }
  const expected = [];
  let replies = 0;
  for (const [n, [i, p]] of usable.entries()) {
    const target = targets[Math.floor(n / THREADS_PER_TARGET)];
    if (!target) continue;
    const authorName = cp(wrap(p)) <= 80 ? wrap(p) : undefined;
    const body = `Commentaire ${i} : ${wrap(p)}`;
    const a = await call('POST', '/consultations/open/comments', { token, body: { target, body, authorName } });
    if (!tally.check(`comment with payload ${i} stored`, a.status === 201 ? null : `${a.status} ${a.text.slice(0, 160)}`)) continue;
    expected.push([i, body], ...(authorName ? [[i, authorName]] : []));
    // Every third thread gets a reply, and a reply to that reply: it names the first reply's (hostile) author.
    if (n % 3) continue;
    const first = await call('POST', '/consultations/open/comments', {
      token: other,
      body: { target, body: `Réponse ${i} : ${wrap(p)}`, parentId: a.body.comment.id, authorName },
    });
    const second =
      first.status === 201
        ? await call('POST', '/consultations/open/comments', {
            token,
            body: { target, body: `Réponse à la réponse ${i}.`, parentId: first.body.comment.id },
          })
        : first;
    if (tally.check(`replies with payload ${i} stored`, second.status === 201 ? null : `${second.status} ${second.text.slice(0, 160)}`)) {
      replies += 2;
      expected.push([i, `Réponse ${i} : ${wrap(p)}`]);
    }
  }
  console.log(
    `  comments: ${expected.length} payload texts in ${usable.length} threads on ${targets.length} proposals, ${replies} replies`,
  );

  const page = await openPage(
    'comments.html',
    `<pgo-consultation backend="rest" endpoint="" consultation="open">${targets
      .map((t) => `<pgo-comments target="${t}"></pgo-comments>`)
      .join('')}<pgo-comments target="proposal:&quot;&gt;&lt;img src=x onerror=window.__xss(99)&gt;"></pgo-comments></pgo-consultation>`,
  );
  try {
    await settle(page.page, 'pgo-comments', targets.length + 1);
    await page.page.waitForFunction(
      (n) => [...document.querySelectorAll('pgo-comments')].filter((c) => c.shadowRoot.querySelector('[part~="comment"]')).length >= n,
      targets.length,
      { timeout: 60_000 },
    );
    // Open every thread's replies, then wait until each opened list shows its replies.
    const opened = await page.page.evaluate(() => {
      let clicks = 0;
      for (const el of document.querySelectorAll('pgo-comments'))
        for (const button of el.shadowRoot.querySelectorAll('[part~="replies"][aria-expanded="false"]')) {
          button.click();
          clicks++;
        }
      return clicks;
    });
    await page.page.waitForFunction(
      (n) =>
        [...document.querySelectorAll('pgo-comments')].reduce(
          (all, el) => all + el.shadowRoot.querySelectorAll('[part~="reply"]').length,
          0,
        ) >= n,
      replies,
      { timeout: 60_000 },
    );
    tally.check('comments: every thread with replies opened', opened * 2 >= replies ? null : `${opened} opened for ${replies} replies`);
    const found = await verdict(page, `<pgo-comments>: ${targets.length} discussions, ${opened} threads’ replies opened`);
    const text = textOf(found, 'pgo-comments');
    expectText('<pgo-comments> comments, names and replies', text, expected);
    const answering = await page.page.evaluate(() =>
      [...document.querySelectorAll('pgo-comments')].flatMap((el) =>
        [...el.shadowRoot.querySelectorAll('[part~="answering"]')].map((p) => p.textContent),
      ),
    );
    tally.check(
      'comments: a reply to a reply names whom it answers, as text',
      answering.length >= replies / 2 && answering.some((line) => line.includes('«')) ? null : `${answering.length} lines`,
    );

    // Typed into the element's own form and sent: the new comment shows as text.
    const el = page.page.locator('pgo-comments').first();
    const typed = usable.filter(([, p]) => !/[\t\n\r]/.test(p) && cp(wrap(p)) <= 80).filter((_, k) => k % 10 === 0);
    let sent = 0;
    for (const [i, p] of typed) {
      await el.locator('#f-body').fill(`Tapé ${i} : ${wrap(p)}`);
      await el.locator('#f-authorName').fill(wrap(p));
      await el.locator('form:not([part~="reply-form"]) [part~="submit"]').click();
      const shown = await page.page
        .waitForFunction((want) => document.querySelector('pgo-comments').shadowRoot.textContent.includes(want), `Tapé ${i} : ${wrap(p)}`, {
          timeout: 30_000,
        })
        .then(
          () => null,
          () => 'not shown after sending',
        );
      if (tally.check(`<pgo-comments> form: payload ${i} typed, sent and shown as text`, shown)) sent++;
    }
    console.log(
      `  ${sent === typed.length ? '✓' : '✗'} <pgo-comments> form: ${sent}/${typed.length} typed payloads sent and shown as text`,
    );
    await verdict(page, `<pgo-comments> after ${typed.length} hostile comments typed and sent`);
    const refused = await page.page.evaluate(() => [...document.querySelectorAll('pgo-comments')].at(-1).shadowRoot.textContent);
    tally.check('<pgo-comments> with a hostile target says so, as text', /cible|target/i.test(refused) ? null : refused.slice(0, 160));
  } finally {
    await page.context.close();
  }
}
