/**
 * The session key of a host's backend attributes (session-registry.ts) is built without the locale-aware
 * `localeCompare`: its first call builds an ICU collator (44 ms measured in Node on this machine; more with the CPU
 * slowed), paid at start-up by every page whose widgets carry two backend attributes or more (a Decidim page:
 * `client-id`, `time-zone`…). Attribute names are ASCII: a code-unit order is enough to make the key stable.
 */
import { expect } from '@open-wc/testing';
import { sessionFor } from './session-registry.js';

describe('the session key of backend attributes', () => {
  it('orders the attributes without localeCompare, and the same attributes in any order give the same session', () => {
    const original = String.prototype.localeCompare;
    let calls = 0;
    String.prototype.localeCompare = function (this: string, ...args: Parameters<typeof original>) {
      calls++;
      return original.apply(this, args);
    };
    try {
      const a = sessionFor('session-key-test', '', 'c-1', { 'time-zone': 'Europe/Paris', 'client-id': 'app', identity: 'x' });
      const b = sessionFor('session-key-test', '', 'c-1', { identity: 'x', 'client-id': 'app', 'time-zone': 'Europe/Paris' });
      const other = sessionFor('session-key-test', '', 'c-1', { identity: 'y', 'client-id': 'app', 'time-zone': 'Europe/Paris' });
      expect(b).to.equal(a);
      expect(other).not.to.equal(a);
      expect(calls, 'localeCompare calls').to.equal(0);
    } finally {
      String.prototype.localeCompare = original;
    }
  });
});
