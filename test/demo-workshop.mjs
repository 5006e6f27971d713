// Issue 22 in the town-hall demo (called by test/suites/demo-e2e.mjs): the past relay workshop of
// demo/atelier.html. The organiser issues a host link; the host, on a device of their own, fills the
// report with 5 contributions with the network cut; the tab is closed and the server restarted while
// offline; back online the report is sent, its first answer is lost on the way back, the network is cut
// and restored around a second server restart, and the report goes again by itself with the same key.
// Then the database, read directly with the server stopped, holds exactly one report and 5 contributions;
// the organiser approves and the 5 contributions show on the town hall's page.
import { PGlite } from '@electric-sql/pglite';

export const WORKSHOP = 'ar-saint-exemple-tilleuls';
const CONSULTATION = 'plan-action-2017';
const ORIGIN = 'Atelier-relais : Les idées de la maison de quartier des Tilleuls, Saint-Exemple';
const ROWS = [
  [
    'Un budget participatif pour chaque quartier',
    'Chaque quartier décide chaque année de l’usage d’une part du budget d’investissement.',
    'participation',
    '17',
  ],
  [
    'Publier les comptes rendus des conseils de quartier',
    'Les comptes rendus sont en ligne sous huit jours, dans un format lisible par tous.',
    'transparence',
    '12',
  ],
  [
    'Des données ouvertes sur la qualité de l’air',
    'Les mesures des capteurs municipaux sont publiées en continu en données ouvertes.',
    'donnees',
    '9',
  ],
  [
    'Un atelier numérique pour les aînés',
    'La médiathèque accompagne les personnes âgées pour participer aux consultations en ligne.',
    'participation',
    '21',
  ],
  [
    'Associer les locataires aux décisions du bailleur social',
    'Un représentant des locataires siège au conseil du bailleur avec une voix délibérative.',
    'nouveaux-themes',
    '6',
  ],
];

/**
 * `ctx`: `{ browser, page, step, url(), adminToken(), restart(between?), dataDir, WAIT }`. `restart` stops
 * the server, awaits `between()` if given (the database folder is free then), and starts it again on its port.
 */
export async function workshopSteps({ browser, page, step, url, adminToken, restart, dataDir, WAIT }) {
  const api = async (method, path, body) => {
    const res = await fetch(`${url()}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken()}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const pendingReports = async () =>
    (await api('GET', `/admin/consultations/${CONSULTATION}/queue?tab=pending`)).items.filter((i) => i.kind === 'workshop-report');

  // The host's own device: its network is cut and restored, the town hall's page (`page`) keeps its own.
  const device = await browser.newContext({ locale: 'fr-FR' });
  let secret = '';
  let hostPage = null;
  const report = () => hostPage.locator('pgo-workshop-report');
  const openHostPage = async () => {
    hostPage = await device.newPage();
    await hostPage.goto(`${url()}/atelier.html#pgo-host=${secret}`);
    await report().getByRole('heading', { name: 'Étape 1 sur 3 : Le déroulé' }).waitFor(WAIT);
  };
  const field = (name) => report().getByRole('textbox', { name: new RegExp(`^${name}`) });

  try {
    await step('workshop: the organiser issues a host link for the past relay workshop', async () => {
      const issued = await api('POST', `/admin/consultations/${CONSULTATION}/events/${WORKSHOP}/host-links`, {
        eventId: WORKSHOP,
        label: 'Maison de quartier des Tilleuls',
      });
      secret = issued.secret;
      if (!/^hl_/.test(secret)) throw new Error(`no secret in ${JSON.stringify(issued)}`);
      const listed = JSON.stringify(await api('GET', `/admin/consultations/${CONSULTATION}/events/${WORKSHOP}/host-links`));
      if (listed.includes(secret)) throw new Error('the host link list shows the secret');
    });

    await step('workshop: the host fills the report with 5 contributions offline; it waits on the device', async () => {
      if (!secret) throw new Error('no host link from the previous step');
      const event = await (await fetch(`${url()}/api/v1/consultations/${CONSULTATION}/events/${WORKSHOP}`)).json();
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' })
        .formatToParts(new Date(event.startsAt))
        .reduce((parts, p) => ({ ...parts, [p.type]: p.value }), {});
      await openHostPage();
      await device.setOffline(true);
      await report().getByLabel('Date de l’atelier').fill(`${day.year}-${day.month}-${day.day}`);
      await report()
        .getByRole('spinbutton', { name: /^Nombre de participantes/ })
        .fill('23');
      await field('Organisations présentes').fill('Maison de quartier des Tilleuls\nConseil citoyen du quartier');
      await field('Comment s’est passé l’atelier').fill('Une soirée animée : quatre tables, une par axe du plan, puis une mise en commun.');
      await report().getByRole('button', { name: 'Continuer' }).click();
      await report().getByRole('heading', { name: 'Étape 2 sur 3 : Les contributions' }).waitFor(WAIT);
      const [title, body, theme, support] = ROWS[0];
      await field('Titre de la contribution 1').fill(title);
      await field('Texte de la contribution 1').fill(body);
      await report()
        .getByRole('combobox', { name: /^Thème de la contribution 1/ })
        .selectOption(theme);
      await report()
        .getByRole('spinbutton', { name: /^Soutiens dans la salle \(contribution 1\)/ })
        .fill(support);
      // The other four pasted from a spreadsheet (tab-separated).
      await report().getByText('Coller des lignes d’un tableur').first().click();
      await report()
        .getByRole('textbox', { name: 'Coller des lignes d’un tableur' })
        .fill(
          ROWS.slice(1)
            .map((r) => r.join('\t'))
            .join('\n'),
        );
      await report().getByRole('button', { name: 'Ajouter ces lignes' }).click();
      await report().getByText('5 contributions', { exact: true }).waitFor(WAIT);
      await report().getByRole('button', { name: 'Continuer' }).click();
      await report().getByRole('heading', { name: 'Étape 3 sur 3 : Relecture et envoi' }).waitFor(WAIT);
      await report().getByRole('checkbox').check();
      await report().getByRole('button', { name: 'Envoyer le compte rendu' }).click();
      await report()
        .getByText(/^Pas de réseau : le compte rendu reste sur cet appareil/)
        .waitFor(WAIT);
      // Kept on the device, with its key, and nothing reached the server.
      await hostPage.waitForFunction(
        (last) => Object.keys(localStorage).some((k) => k.includes('workshop-report') && localStorage.getItem(k).includes(last)),
        ROWS[4][0],
        WAIT,
      );
      const pending = await pendingReports();
      if (pending.length) throw new Error(`a report reached the server while offline: ${JSON.stringify(pending)}`);
    });

    let reportId = '';
    await step('workshop: tab closed and server restarted offline; back online it is sent once, though an answer is lost', async () => {
      if (!hostPage) throw new Error('no host page from the previous step');
      await hostPage.close({ runBeforeUnload: true });
      await restart();
      await device.setOffline(false);
      // The first send reaches the server, but its answer never comes back, and the hall's network then drops
      // every request (the transport's own retries fail too) until it is cut and restored below.
      const posts = [];
      let dropping = false;
      await device.route(`**/consultations/${CONSULTATION}/events/${WORKSHOP}/report`, async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        posts.push(route.request().headers()['idempotency-key']);
        if (posts.length > 1) return dropping ? route.abort('internetdisconnected') : route.continue();
        dropping = true;
        const answer = await route.fetch();
        if (answer.status() !== 201) throw new Error(`the first send was answered ${answer.status()} ${await answer.text()}`);
        await route.abort('internetdisconnected');
      });
      await openHostPage();
      // The draft is back: the five rows and the consent are there.
      await report().getByRole('button', { name: 'Continuer' }).click();
      await field('Titre de la contribution 5').waitFor(WAIT);
      await report().getByRole('button', { name: 'Continuer' }).click();
      await report().getByRole('heading', { name: 'Étape 3 sur 3 : Relecture et envoi' }).waitFor(WAIT);
      for (const [title] of ROWS) await report().getByText(title, { exact: true }).waitFor(WAIT);
      if (!(await report().getByRole('checkbox').isChecked())) await report().getByRole('checkbox').check();
      await report().getByRole('button', { name: 'Envoyer le compte rendu' }).click();
      await report().locator('[part~="send-error"]').waitFor(WAIT);
      if ((await pendingReports()).length !== 1) throw new Error('the first send did not reach the server');
      // Network cut, server restarted, network back: the element sends again by itself, with the same key.
      await device.setOffline(true);
      await restart();
      dropping = false;
      const answered = hostPage.waitForResponse(
        (r) => r.url().endsWith(`/events/${WORKSHOP}/report`) && r.request().method() === 'POST',
        WAIT,
      );
      await device.setOffline(false);
      const body = await (await answered).json();
      reportId = body.report?.id ?? '';
      await report().getByText('Merci, le compte rendu est bien reçu').waitFor(WAIT);
      await report().getByText('Ses 5 contributions seront publiées après relecture').waitFor(WAIT);
      if (posts.length < 2 || new Set(posts).size !== 1 || !posts[0])
        throw new Error(`expected sends with one idempotency key, saw ${JSON.stringify(posts)}`);
      const pending = await pendingReports();
      if (pending.length !== 1 || pending[0].id !== reportId)
        throw new Error(`pending reports ${JSON.stringify(pending.map((p) => p.id))}, answered ${reportId}`);
    });

    await step('workshop: the database holds exactly one report and 5 contributions (read with the server stopped)', async () => {
      const counts = {};
      await restart(async () => {
        const db = await PGlite.create(dataDir);
        try {
          const one = async (sql) => (await db.query(sql, [WORKSHOP])).rows[0].n;
          counts.reports = await one('SELECT count(*)::int AS n FROM workshop_reports WHERE event_id = $1');
          counts.contributions = await one('SELECT count(*)::int AS n FROM workshop_contributions WHERE event_id = $1');
          counts.proposals = (
            await db.query('SELECT count(*)::int AS n FROM proposals WHERE title = ANY($1)', [ROWS.map((r) => r[0])])
          ).rows[0].n;
        } finally {
          await db.close();
        }
      });
      if (counts.reports !== 1 || counts.contributions !== 5 || counts.proposals !== 5)
        throw new Error(`stored: ${JSON.stringify(counts)}, expected 1 report, 5 contributions, 5 proposals`);
    });

    await step('workshop: the organiser approves; the 5 contributions show on the town hall page, with their origin', async () => {
      if (!reportId) throw new Error('no report from the previous steps');
      await api('POST', `/admin/consultations/${CONSULTATION}/decisions`, {
        targets: [`workshop-report:${reportId}`],
        action: 'approve',
        reason: 'Compte rendu relu',
      });
      await page.goto(`${url()}/`);
      const list = page.locator('pgo-proposal-list');
      for (const [title] of ROWS) {
        const item = list.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
        await item.getByText(ORIGIN).waitFor(WAIT);
      }
      // The past workshop's card shows its report and leads to its contributions alone.
      const card = page.locator(`pgo-event-card[event="${WORKSHOP}"]`);
      await card.getByText('Une soirée animée : quatre tables').waitFor(WAIT);
      await card.getByRole('link', { name: /5 contributions/ }).click();
      await page.waitForURL(new RegExp(`\\?workshop=${WORKSHOP}$`), WAIT);
      for (const [title] of ROWS) await list.getByRole('heading', { name: title, exact: true }).waitFor(WAIT);
      const shown = await list.locator('[part~="item"]').count();
      if (shown !== 5) throw new Error(`the list filtered by the workshop shows ${shown} proposals`);
    });
  } finally {
    await device.close();
  }
}
