// WCAG 1.4.12 (text spacing) inside every element (issue #18): with a reader's user style of 1.4.12's values
// on the page (the documented one: the usual bookmarklet's rules plus the --pgo-* spacing properties), every
// text inside the shadow roots has that spacing in its own font size, paragraphs are followed by twice their
// size, no box that hides its overflow cuts text off, and no two pieces of text overlap.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { memoryBackendFixture } from '../test-utils/fixtures.js';
import { mountInProvider } from '../test-utils/mount.js';
import { actionPlanDocument } from '../test-utils/text-fixture.js';
import { addWorkshops, PAST } from '../test-utils/workshop-fixture.js';
import { waitUntil } from '../test-utils/wait.js';
import { newIdempotencyKey } from '../core/backend.js';

/** The user style of docs/theming.md ("Text spacing"): what a reader's user style sheet or extension applies. */
export const TEXT_SPACING_USER_STYLE = `
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important }
p { margin-bottom: 2em !important }
* { --pgo-line-height: 1.5 !important; --pgo-letter-spacing: 0.12em !important; --pgo-word-spacing: 0.16em !important;
    --pgo-paragraph-spacing: 2em !important }
`;

const C = 'plan-action-2017';

async function everyElement() {
  const { backend, now } = memoryBackendFixture({ proposals: 4, events: 3 });
  backend.documents.seed(actionPlanDocument(C, ['ideation'], true));
  addWorkshops(backend, now);
  for (const body of ['Un premier commentaire, assez long pour passer à la ligne sur un écran étroit.', 'Un second.']) {
    await backend.postComment(C, { target: 'proposal:p1', body }, { idempotencyKey: newIdempotencyKey() });
  }
  const { provider } = await mountInProvider<HTMLElement>(
    backend,
    C,
    html`<div>
      <pgo-phase-countdown></pgo-phase-countdown>
      <pgo-vote-button proposal="p1"></pgo-vote-button>
      <pgo-proposal-list page-size="3"></pgo-proposal-list>
      <pgo-proposal-form></pgo-proposal-form>
      <pgo-event-card event="e0"></pgo-event-card>
      <pgo-event-list page-size="2"></pgo-event-list>
      <pgo-event-form></pgo-event-form>
      <pgo-comments target="proposal:p1"></pgo-comments>
      <pgo-text document="plan-2017"></pgo-text>
      <pgo-workshop-report event=${PAST}></pgo-workshop-report>
    </div>`,
  );
  const elements = [...provider.querySelectorAll<HTMLElement>('div > *')];
  await waitUntil(
    () =>
      elements.every((el) => el.shadowRoot?.textContent?.trim() && !deep(el).some((e) => e.matches('[aria-busy="true"], .pgo-loading'))),
    'the elements did not render',
  );
  return elements;
}

/** Every element inside `host`'s shadow root, nested shadow roots included. */
function deep(host: Element): Element[] {
  const out: Element[] = [];
  const walk = (root: ParentNode) => {
    for (const el of root.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  if (host.shadowRoot) walk(host.shadowRoot);
  return out;
}

const px = (value: string) => parseFloat(value);
/** Shown to everyone: laid out, not in a visually hidden part, not a 1 px box kept off screen on purpose. */
const shown = (el: Element) => {
  if (!el.getClientRects().length || el.closest('.visually-hidden, .honeypot')) return false;
  const r = el.getBoundingClientRect();
  return r.width > 1 && r.height > 1;
};
const label = (el: Element) => `<${el.localName}${el.className && typeof el.className === 'string' ? ` class="${el.className}"` : ''}>`;
const ownText = (el: Element) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());

/** What in `host` does not have the reader's spacing, or hides, or overlaps: one line per problem. */
function problems(host: Element): string[] {
  const found: string[] = [];
  const all = deep(host).filter(shown);
  for (const el of all) {
    const style = getComputedStyle(el);
    const size = px(style.fontSize);
    const where = `${host.localName} ${label(el)}`;
    if (ownText(el) || el.matches('input:not([type=checkbox]):not([type=radio]), textarea, select, button')) {
      const letter = px(style.letterSpacing);
      const word = px(style.wordSpacing);
      if (!(Math.abs(letter - 0.12 * size) <= 0.02 * size)) found.push(`${where}: letter spacing ${style.letterSpacing} at ${size}px`);
      if (!(Math.abs(word - 0.16 * size) <= 0.02 * size)) found.push(`${where}: word spacing ${style.wordSpacing} at ${size}px`);
      // (A closed select is one line, and Chromium forces its line height to normal.)
      if (el.localName !== 'select' && !(px(style.lineHeight) >= 1.5 * size - 0.5))
        found.push(`${where}: line height ${style.lineHeight} at ${size}px`);
    }
    if (el.localName === 'p' && !(px(style.marginBlockEnd) >= 2 * size - 0.5)) {
      found.push(`${where}: paragraph followed by ${style.marginBlockEnd} at ${size}px`);
    }
    const clips = /hidden|clip/.test(style.overflowX + style.overflowY);
    if (clips && el.textContent!.trim()) {
      const html = el as HTMLElement;
      if (html.scrollHeight > html.clientHeight + 1 || html.scrollWidth > html.clientWidth + 1) {
        found.push(
          `${where}: text cut off (scroll ${html.scrollWidth}x${html.scrollHeight}, shown ${html.clientWidth}x${html.clientHeight})`,
        );
      }
    }
  }
  // Text boxes: every line box of every text node; two of different nodes must not overlap.
  const boxes: { rect: DOMRect; node: Text; where: string }[] = [];
  for (const el of all) {
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !node.textContent!.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width > 0.5 && rect.height > 0.5) boxes.push({ rect, node: node as Text, where: `${host.localName} ${label(el)}` });
      }
    }
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const w = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
      const h = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
      if (w > 1 && h > 1)
        found.push(
          `${a.where} “${a.node.textContent!.trim().slice(0, 30)}” overlaps ${b.where} “${b.node.textContent!.trim().slice(0, 30)}”`,
        );
    }
  }
  return found;
}

describe('WCAG 1.4.12 text spacing inside every element', () => {
  let style: HTMLStyleElement | null = null;
  afterEach(() => {
    style?.remove();
    style = null;
  });

  it('a reader’s 1.4.12 user style reaches every text inside: spacing in its own size, paragraphs, nothing cut off or overlapping', async () => {
    style = document.createElement('style');
    style.textContent = TEXT_SPACING_USER_STYLE;
    document.head.append(style);
    const elements = await everyElement();
    expect(elements.length).to.equal(10);
    const all: string[] = [];
    for (const el of elements) {
      // Each element has text to check (a test that checks nothing cannot fail).
      expect(deep(el).filter((e) => shown(e) && ownText(e)).length, el.localName).to.be.greaterThan(0);
      all.push(...problems(el));
    }
    expect(all, all.slice(0, 40).join('\n')).to.deep.equal([]);
  });

  it('the check catches overlapping lines and text cut off (negative control)', async () => {
    style = document.createElement('style');
    style.textContent = TEXT_SPACING_USER_STYLE.replace('--pgo-line-height: 1.5', '--pgo-line-height: 0.6');
    document.head.append(style);
    const elements = await everyElement();
    const list = elements.find((e) => e.localName === 'pgo-proposal-list')!;
    // A theme that squeezes a box: fixed height, overflow hidden.
    const squeeze = new CSSStyleSheet();
    squeeze.replaceSync('.title { block-size: 10px; overflow: hidden }');
    list.shadowRoot!.adoptedStyleSheets = [...list.shadowRoot!.adoptedStyleSheets, squeeze];
    const found = problems(list).join('\n');
    expect(found).to.match(/line height/);
    expect(found).to.match(/overlaps/);
    expect(found).to.match(/text cut off/);
  });

  it('without a user style the elements keep their own look (no paragraph spacing forced, spacing normal)', async () => {
    const elements = await everyElement();
    const vote = elements.find((e) => e.localName === 'pgo-vote-button')!;
    const text = deep(vote).find((e) => shown(e) && ownText(e))!;
    expect(getComputedStyle(text).letterSpacing).to.equal('normal');
    const paragraph = deep(elements.find((e) => e.localName === 'pgo-proposal-list')!).find((e) => e.localName === 'p' && shown(e))!;
    expect(px(getComputedStyle(paragraph).marginBlockEnd)).to.equal(0);
  });
});
