// The real block editor, driven as an editor would: log in, open a new page, insert the vote button block
// from the inserter, type its proposal in the sidebar, publish, and see the widget on the published page.
const ADMIN = { user: 'admin', password: 'admin-password-123' };

export async function insertBlockInEditor(page, siteUrl, proposalId, check) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text().slice(0, 300)));
  await page.goto(`${siteUrl}/wp-login.php`);
  await page.fill('#user_login', ADMIN.user);
  await page.fill('#user_pass', ADMIN.password);
  await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
  await page.goto(`${siteUrl}/wp-admin/post-new.php?post_type=page`);
  await page.waitForFunction(() => window.wp?.data?.select('core/block-editor') && window.wp.blocks.getBlockType('pgo-widgets/vote-button'), null, { timeout: 30000 });
  // The first-visit guide covers the editor: close it as a first-time editor would.
  await page.evaluate(() => {
    const editPost = window.wp.data.select('core/edit-post');
    if (editPost?.isFeatureActive?.('welcomeGuide')) window.wp.data.dispatch('core/edit-post').toggleFeature('welcomeGuide');
  });
  let inserted = false;
  try {
    await page.getByRole('button', { name: /block inserter/i }).first().click();
    await page.getByRole('searchbox').first().fill('Vote button');
    await page.getByRole('option', { name: 'Vote button' }).first().click();
    await page.waitForFunction(() => window.wp.data.select('core/block-editor').getBlocks().some((b) => b.name === 'pgo-widgets/vote-button'), null, { timeout: 10000 });
    inserted = true;
  } catch (error) {
    await check('the block editor inserts the vote button block from the inserter', false, String(error.message).split('\n')[0]);
    return;
  }
  await check('the block editor inserts the vote button block from the inserter', inserted);

  let configured = false;
  try {
    // Select the block in the content and open the settings sidebar (the Settings button), as an editor would.
    await page.locator('.pgo-widgets-block-placeholder').first().click();
    const sidebarOpen = await page.evaluate(() => window.wp.data.select('core/edit-post').isEditorSidebarOpened());
    if (!sidebarOpen) await page.getByRole('button', { name: 'Settings', exact: true }).first().click();
    const field = page.getByLabel('proposal', { exact: true });
    await field.fill(proposalId);
    await page.waitForFunction((id) => window.wp.data.select('core/block-editor').getBlocks().some((b) => b.name === 'pgo-widgets/vote-button' && b.attributes.proposal === id), proposalId, { timeout: 10000 });
    configured = true;
  } catch (error) {
    await page.screenshot({ path: '/tmp/pgo-wordpress-editor.png' }).catch(() => {});
    await check('its proposal is set in the sidebar', false, `${String(error.message).split('\n')[0]} (screenshot: /tmp/pgo-wordpress-editor.png) ${errors.join(' | ')}`);
    return;
  }
  await check('its proposal is set in the sidebar', configured);

  await page.evaluate(() => window.wp.data.dispatch('core/editor').editPost({ title: 'Votez' }));
  await page.getByRole('button', { name: 'Publish', exact: true }).first().click();
  await page.getByRole('region', { name: /editor publish/i }).getByRole('button', { name: 'Publish', exact: true }).click();
  await page.waitForFunction(() => window.wp.data.select('core/editor').isCurrentPostPublished(), null, { timeout: 15000 }).catch(() => {});
  const link = await page.evaluate(() => window.wp.data.select('core/editor').getPermalink());
  const saved = await page.evaluate(() => window.wp.data.select('core/editor').getEditedPostContent());
  await check('saving stores the block with its attribute', /<!-- wp:pgo-widgets\/vote-button \{"proposal":"[^"]+"\} \/-->/.test(saved), saved.slice(0, 300));

  await page.goto(link);
  const rendered = await page.waitForFunction((id) => {
    const button = document.querySelector(`pgo-vote-button[proposal="${id}"]`);
    return button?.shadowRoot?.querySelector('button') ? true : false;
  }, proposalId, { timeout: 15000 }).then(() => true, () => false);
  await check('the published page shows the configured widget', rendered, await page.evaluate(() => document.querySelector('main')?.innerHTML.slice(0, 300) ?? ''));
}
