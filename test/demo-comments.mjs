// Issue 20 in the town-hall demo (called by test/suites/demo-e2e.mjs): in the ideation phase every proposal of
// the list offers its discussion; a visitor opens one in place by keyboard, writes a comment and sends it, and
// after a reload the proposal's entry counts it and the discussion shows it.

const WAIT = { timeout: 20_000 };

export async function commentSteps({ page, step, open, proposal }) {
  const list = page.locator('pgo-proposal-list');
  const toggle = () => list.locator(`[part~="comments"][aria-controls="d-${proposal}"]`);
  const countOf = async () => {
    const text = (await toggle().textContent()).trim();
    return text === 'Commenter' ? 0 : Number(text.replace(/\D/g, ''));
  };
  const body = `Un banc à l’ombre serait bienvenu aussi (${Date.now().toString(36)}).`;

  await step('ideation: every proposal of the list offers its discussion, one opens in place and takes a comment by keyboard', async () => {
    await open();
    await toggle().waitFor(WAIT);
    const { items, toggles } = await list.evaluate((el) => ({
      items: el.shadowRoot.querySelectorAll('[part~="item"]').length,
      toggles: el.shadowRoot.querySelectorAll('[part~="item"] [part~="comments"]').length,
    }));
    if (!items || toggles !== items) throw new Error(`${toggles} discussion buttons for ${items} proposals shown`);
    const before = await countOf();
    await toggle().focus();
    await page.keyboard.press('Enter');
    const discussion = page.locator(`pgo-comments#d-${proposal}`);
    const field = discussion.getByRole('textbox', { name: /^Votre commentaire/ });
    await field.waitFor(WAIT);
    if ((await toggle().getAttribute('aria-expanded')) !== 'true') throw new Error('the discussion button does not say it is open');
    await field.focus();
    await page.keyboard.type(body);
    await discussion.getByRole('button', { name: 'Publier le commentaire' }).focus();
    await page.keyboard.press('Enter');
    await discussion.getByText(body).waitFor(WAIT);
    await open();
    await toggle().waitFor(WAIT);
    const after = await countOf();
    if (after !== before + 1) throw new Error(`the entry counts ${after} comments after a reload, expected ${before + 1}`);
    await toggle().click();
    await page.locator(`pgo-comments#d-${proposal}`).getByText(body).waitFor(WAIT);
  });
}
