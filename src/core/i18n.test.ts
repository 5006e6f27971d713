import { expect } from '@open-wc/testing';
import { addMessages, defineMessages, languageReady, normalizeLocale, translate } from './i18n.js';
import { describeError, describeFieldError } from './messages/common.js';
import { backendError } from './errors.js';

const catalogue = defineMessages(
  'test-left',
  { left: { one: 'Il vous reste {count} soutien', other: 'Il vous reste {count} soutiens', zero: 'Plus aucun soutien' } },
  { en: { left: { one: '{count} support left', other: '{count} supports left', zero: 'No supports left' } } },
);

describe('i18n', () => {
  // English is a module of its own: loaded here as an element asking for it would.
  before(() => languageReady('en'));

  it('chooses plural forms by locale (French counts 0 and 1 as singular)', () => {
    expect(translate(catalogue, 'fr', 'left', { count: 1 })).to.equal('Il vous reste 1 soutien');
    expect(translate(catalogue, 'fr', 'left', { count: 3 })).to.equal('Il vous reste 3 soutiens');
    expect(translate(catalogue, 'fr', 'left', { count: 0 })).to.equal('Plus aucun soutien');
    expect(translate(catalogue, 'en', 'left', { count: 1 })).to.equal('1 support left');
    expect(translate(catalogue, 'en', 'left', { count: 1200 })).to.equal('1,200 supports left');
    expect(translate(catalogue, 'fr', 'left', { count: 1200 })).to.match(/^Il vous reste 1\s200 soutiens$/);
  });

  it('falls back to French until a language module adds its texts', () => {
    const later = defineMessages('test-later', { hello: 'Bonjour {name}' });
    expect(translate(later, 'en', 'hello', { name: 'Ada' })).to.equal('Bonjour Ada');
    addMessages(later, 'en', { hello: 'Hello {name}' });
    expect(translate(later, 'en', 'hello', { name: 'Ada' })).to.equal('Hello Ada');
    expect(translate(later, 'fr', 'hello', { name: 'Ada' })).to.equal('Bonjour Ada');
  });

  it('takes a language module shipped as values in the French keys’ order (the CDN build), a missing one left to French', async () => {
    // What scripts/texts-plugin.mjs makes of `export const xx = { b: 'Bee', a: 'Ay' }` (key c left out).
    const shipped = defineMessages(
      'test-values',
      { a: 'A fr', b: 'B fr', c: 'C fr' },
      { xx: async () => ['Ay', 'Bee', undefined] as never },
    );
    await languageReady('xx');
    expect(['a', 'b', 'c'].map((key) => translate(shipped, 'xx', key as 'a'))).to.deep.equal(['Ay', 'Bee', 'C fr']);
  });

  it('normalises tags and defaults to French', () => {
    expect(normalizeLocale('en-GB')).to.equal('en');
    expect(normalizeLocale('FR_fr')).to.equal('fr');
    expect(normalizeLocale('de')).to.equal('fr');
    expect(normalizeLocale(undefined)).to.equal('fr');
  });

  it('describes errors and field errors in the citizen’s language', () => {
    expect(describeError('fr', backendError('rate-limited', 'x', { retryAfter: 30 }))).to.equal(
      'Trop de demandes. Réessayez dans 30 secondes.',
    );
    expect(describeError('en', backendError('offline', 'x'))).to.contain('You are offline');
    expect(describeFieldError('fr', { field: 'title', code: 'too_short', message: 'x', params: { min: 10 } })).to.equal(
      'Saisissez au moins 10 caractères.',
    );
    expect(describeFieldError('en', { field: 'title', code: 'weird', message: 'Server says no' })).to.equal('Server says no');
  });
});
