// The reader's own text settings reach the widgets (issue #18), and a hostile host page still cannot
// shrink them: computed styles of text inside the shadow roots.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../test-utils/wait.js';
import { html } from 'lit';
import type { PgoProposalForm } from '../elements/proposal-form/proposal-form.js';
import type { PgoVoteButton } from '../elements/vote-button/vote-button.js';
import { setDefaultFontSize } from '../test-utils/a11y-tree.js';
import { memoryBackendFixture } from '../test-utils/fixtures.js';
import { mountInProvider } from '../test-utils/mount.js';

const CONSULTATION = 'plan-action-2017';
/** What a hostile theme does to the root and every element. */
const HOSTILE = 'html { font-size: 5px } body, body * { font-size: 1rem !important; line-height: 0.8 !important }';
/** WCAG 1.4.12's user style, as the usual bookmarklet injects it. */
const SPACING =
  '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important } p { margin-bottom: 2em !important }';

let styles: HTMLStyleElement[] = [];
function pageStyle(css: string) {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  styles.push(style);
}

async function widgets() {
  const { backend } = memoryBackendFixture();
  const { provider } = await mountInProvider<HTMLElement>(
    backend,
    CONSULTATION,
    html`<div>
    <pgo-vote-button proposal="p1"></pgo-vote-button><pgo-proposal-form></pgo-proposal-form></div>`,
  );
  const vote = provider.querySelector<PgoVoteButton>('pgo-vote-button')!;
  const form = provider.querySelector<PgoProposalForm>('pgo-proposal-form')!;
  await waitUntil(
    () => vote.shadowRoot?.querySelector('button.vote') && form.shadowRoot?.querySelector('label'),
    'the widgets did not render',
  );
  return {
    provider,
    /** Computed style of the vote button's label and of the form's first label. */
    texts: () =>
      [vote.shadowRoot!.querySelector('button.vote span:not(.check)')!, form.shadowRoot!.querySelector('label')!].map((e) =>
        getComputedStyle(e),
      ),
  };
}
const px = (value: string) => parseFloat(value);
/** The reader's default size (what `font-size: medium` is here): 16 px unless the browser was set otherwise. */
function readerDefault(): number {
  const probe = document.createElement('span');
  probe.style.setProperty('font-size', 'medium', 'important');
  document.body.append(probe);
  const size = px(getComputedStyle(probe).fontSize);
  probe.remove();
  return size;
}

describe('text size and spacing inside the widgets', () => {
  afterEach(async () => {
    for (const s of styles) s.remove();
    styles = [];
    await setDefaultFontSize(16);
  });

  it('a host that shrinks the root (html 5px, 1rem !important) leaves the text at 16 px (or the reader’s larger default)', async () => {
    pageStyle(HOSTILE);
    const { texts } = await widgets();
    for (const style of texts()) {
      expect(px(style.fontSize)).to.equal(Math.max(16, readerDefault()));
      expect(px(style.lineHeight) / px(style.fontSize)).to.be.at.least(1.5);
    }
  });

  it('follows the reader’s raised default size (24 px), even under that hostile host', async function () {
    if (!(await setDefaultFontSize(24))) this.skip();
    // The engine's own `medium` (the setting took), then the widgets inside a hostile host.
    expect(readerDefault()).to.equal(24);
    pageStyle(HOSTILE);
    const { texts } = await widgets();
    for (const style of texts()) expect(px(style.fontSize)).to.equal(24);
  });

  it('--pgo-font-size sets a larger base, never one below the reader’s default', async () => {
    const { provider, texts } = await widgets();
    const reader = readerDefault();
    provider.style.setProperty('--pgo-font-size', '20px');
    for (const style of texts()) expect(px(style.fontSize)).to.equal(Math.max(20, reader));
    provider.style.setProperty('--pgo-font-size', '12px');
    for (const style of texts()) expect(px(style.fontSize)).to.equal(Math.max(16, reader));
  });

  it('a WCAG 1.4.12 user style’s letter, word and line spacing reach the text inside', async () => {
    pageStyle(SPACING);
    const { texts } = await widgets();
    for (const style of texts()) {
      const size = px(style.fontSize);
      expect(px(style.letterSpacing)).to.be.closeTo(0.12 * size, 0.05);
      expect(px(style.wordSpacing)).to.be.closeTo(0.16 * size, 0.05);
      expect(px(style.lineHeight) / size).to.be.at.least(1.5);
    }
  });
});
