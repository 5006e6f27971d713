import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { PgoElement } from '../base/pgo-element.js';
import { defineElement } from '../base/define.js';
import { memoryBackendFixture } from '../test-utils/fixtures.js';
import { mountInProvider, shadowText } from '../test-utils/mount.js';
import type { PgoVoteButton } from '../elements/vote-button/vote-button.js';
import { defineMessages, languageReady, registerLanguage, translator } from './i18n.js';

// A language loaded slowly, for an element of this test only: it must wait, not show French first.
let release: () => void = () => {};
const slow = defineMessages(
  'test-slow',
  { hello: 'Bonjour' },
  {
    de: () => new Promise((resolve) => (release = () => resolve({ hello: 'Hallo' }))),
  },
);
const t = translator(slow);
class SlowGreeting extends PgoElement {
  override render() {
    return html`<p>${t(this.locale, 'hello')}</p>`;
  }
}
defineElement('pgo-test-slow-greeting', SlowGreeting);

describe('languages on demand', () => {
  it('an element waits for its language rather than flashing French', async () => {
    const seen: string[] = [];
    const el = document.createElement('pgo-test-slow-greeting') as SlowGreeting;
    el.lang = 'de';
    document.body.append(el);
    const watch = new MutationObserver(() => seen.push(el.shadowRoot!.textContent!.trim()));
    watch.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
    seen.push(el.shadowRoot!.textContent!.trim());
    const done = el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect(el.shadowRoot!.textContent!.trim()).to.equal('');
    release();
    await done;
    watch.disconnect();
    expect(shadowText(el, 'p')).to.equal('Hallo');
    expect(seen.join('|')).not.to.contain('Bonjour');
    el.remove();
  });

  it('a host registers a third language without rebuilding, with its CLDR plural categories (Arabic: zero, one, two, few, many, other)', async () => {
    registerLanguage('ar', {
      'vote-button': {
        'action.support': 'دعم',
        'count.support': {
          zero: 'لا دعم',
          one: 'دعم واحد',
          two: 'دعمان',
          few: '{count} دعمات',
          many: '{count} دعمًا',
          other: '{count} دعم',
        },
      },
      common: { loading: 'جارٍ التحميل…' },
    });
    const counts: Record<number, string> = {};
    for (const total of [0, 1, 2, 3, 11, 100]) {
      const votes = Array.from({ length: total }, (_, i) => ({
        participantId: `someone-${i}`,
        proposalId: 'p0',
        choice: 'support' as const,
      }));
      const { backend, consultation } = memoryBackendFixture({ proposals: 1, votes });
      const { el } = await mountInProvider<PgoVoteButton>(
        backend,
        consultation.id,
        html`<pgo-vote-button proposal="p0"></pgo-vote-button>`,
        { lang: 'ar' },
      );
      await el.updateComplete;
      expect(el.locale).to.equal('ar');
      counts[total] = shadowText(el, '[part~="count"]');
      expect(shadowText(el, 'button.vote')).to.contain('دعم');
    }
    // The button shows the number, then the sentence in the language's plural form.
    expect(counts[0]).to.contain('(لا دعم)');
    expect(counts[1]).to.contain('(دعم واحد)');
    expect(counts[2]).to.contain('(دعمان)');
    expect(counts[3]).to.match(/\((3|٣) دعمات\)$/);
    expect(counts[11]).to.match(/\((11|١١) دعمًا\)$/);
    expect(counts[100]).to.match(/\((100|١٠٠) دعم\)$/);
  });

  it('a host overrides a French text, and a language it has not given falls back to French', async () => {
    registerLanguage('fr', { 'vote-button': { 'action.support': 'Je soutiens' } });
    registerLanguage('es', { common: { retry: 'Reintentar' } });
    await languageReady('es');
    const { backend, consultation } = memoryBackendFixture({ proposals: 1 });
    const { el } = await mountInProvider<PgoVoteButton>(backend, consultation.id, html`<pgo-vote-button proposal="p0"></pgo-vote-button>`, {
      lang: 'fr',
    });
    expect(shadowText(el, 'button.vote')).to.match(/^Je soutiens/);
    el.lang = 'es';
    await el.updateComplete;
    expect(el.locale).to.equal('es');
    expect(shadowText(el, 'button.vote')).to.match(/^Je soutiens/);
    registerLanguage('fr', { 'vote-button': { 'action.support': 'Soutenir' } });
  });
});
