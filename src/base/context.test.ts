import { expect, fixture, html as testHtml } from '@open-wc/testing';
import * as lit from '@lit/context';
import { LitElement, html } from 'lit';
import { attachContextRoot, ContextConsumer, type Context } from './context.js';
import { ContextProvider } from './context-provider.js';

const key = 'pgo-test-context' as Context<string>;

class Provider extends LitElement {
  readonly provider = new ContextProvider<string>(this, key);
  override render() {
    return html`<slot></slot>`;
  }
}
/** A consumer that keeps every value it was given. */
class Consumer extends LitElement {
  readonly seen: (string | undefined)[] = [];
  constructor() {
    super();
    new ContextConsumer<string>(this, key, (value) => this.seen.push(value));
  }
  get last() {
    return this.seen.at(-1);
  }
}
/** Puts a consumer in its shadow root: requests cross shadow boundaries. */
class Wrapper extends LitElement {
  override render() {
    return html`<test-ctx-consumer></test-ctx-consumer>`;
  }
  get inner() {
    return this.renderRoot.querySelector('test-ctx-consumer') as Consumer;
  }
}
/** The same protocol from @lit/context 1.x: what a copy of the library built with it does. */
class LitProvider extends LitElement {
  readonly provider = new lit.ContextProvider(this, { context: lit.createContext<string>(key) });
  override render() {
    return html`<slot></slot>`;
  }
}
class LitConsumer extends LitElement {
  readonly consumer = new lit.ContextConsumer(this, { context: lit.createContext<string>(key), subscribe: true });
}
customElements.define('test-ctx-provider', Provider);
customElements.define('test-ctx-consumer', Consumer);
customElements.define('test-ctx-wrapper', Wrapper);
customElements.define('test-ctx-lit-provider', LitProvider);
customElements.define('test-ctx-lit-consumer', LitConsumer);

describe('context (the community protocol)', () => {
  before(() => attachContextRoot());

  it('gives the provider’s value to a consumer in a shadow root below it, and each change after', async () => {
    const el = await fixture<Provider>(testHtml`<test-ctx-provider><test-ctx-wrapper></test-ctx-wrapper></test-ctx-provider>`);
    const consumer = (el.querySelector('test-ctx-wrapper') as Wrapper).inner;
    el.provider.setValue('a');
    expect(consumer.last).to.equal('a');
    el.provider.setValue('b');
    el.provider.setValue('b');
    expect(consumer.seen).to.deep.equal([undefined, 'a', 'b']);
  });

  it('reaches consumers that were connected before the provider existed (the root keeps their requests)', async () => {
    const el = await fixture<HTMLElement>(testHtml`<test-late><test-ctx-consumer></test-ctx-consumer></test-late>`);
    const consumer = el.querySelector('test-ctx-consumer') as Consumer;
    expect(consumer.seen).to.deep.equal([]);
    class Late extends Provider {}
    customElements.define('test-late', Late);
    (el as Late).provider.setValue('late');
    expect(consumer.seen).to.deep.equal([undefined, 'late']);
  });

  it('stops telling a consumer once it is disconnected, and finds the provider again when it comes back', async () => {
    const el = await fixture<Provider>(testHtml`<test-ctx-provider><test-ctx-consumer></test-ctx-consumer></test-ctx-provider>`);
    const consumer = el.querySelector('test-ctx-consumer') as Consumer;
    el.provider.setValue('a');
    consumer.remove();
    el.provider.setValue('b');
    expect(consumer.seen).to.deep.equal([undefined, 'a']);
    el.append(consumer);
    expect(consumer.last).to.equal('b');
  });

  it('a provider upgraded between a consumer and its provider takes the consumer over', async () => {
    const outer = await fixture<Provider>(
      testHtml`<test-ctx-provider><test-inner><test-ctx-consumer></test-ctx-consumer></test-inner></test-ctx-provider>`,
    );
    outer.provider.setValue('outer');
    const consumer = outer.querySelector('test-ctx-consumer') as Consumer;
    expect(consumer.last).to.equal('outer');
    class Inner extends Provider {}
    customElements.define('test-inner', Inner);
    const inner = outer.querySelector('test-inner') as Inner;
    inner.provider.setValue('inner');
    expect(consumer.last).to.equal('inner');
    outer.provider.setValue('outer again');
    expect(consumer.last).to.equal('inner');
  });

  it('meets @lit/context both ways (another copy of the library on the page)', async () => {
    const ours = await fixture<Provider>(testHtml`<test-ctx-provider><test-ctx-lit-consumer></test-ctx-lit-consumer></test-ctx-provider>`);
    ours.provider.setValue('from ours');
    expect((ours.querySelector('test-ctx-lit-consumer') as LitConsumer).consumer.value).to.equal('from ours');

    const theirs = await fixture<LitProvider>(
      testHtml`<test-ctx-lit-provider><test-ctx-wrapper></test-ctx-wrapper></test-ctx-lit-provider>`,
    );
    const consumer = (theirs.querySelector('test-ctx-wrapper') as Wrapper).inner;
    theirs.provider.setValue('from lit');
    expect(consumer.last).to.equal('from lit');
    theirs.provider.setValue('again');
    expect(consumer.last).to.equal('again');
  });

  it('a Lit provider arriving late reaches our consumers through our root', async () => {
    const el = await fixture<HTMLElement>(testHtml`<test-lit-late><test-ctx-consumer></test-ctx-consumer></test-lit-late>`);
    const consumer = el.querySelector('test-ctx-consumer') as Consumer;
    class LitLate extends LitProvider {}
    customElements.define('test-lit-late', LitLate);
    (el as LitLate).provider.setValue('late lit');
    expect(consumer.last).to.equal('late lit');
  });
});
