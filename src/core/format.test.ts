import { expect } from '@open-wc/testing';
import { formatInstant, localTimeZone } from './format.js';
import { formatNumber } from './i18n.js';

/** Counts the Intl.DateTimeFormat objects built while `run` runs. */
function countDateFormats(run: () => void): number {
  const original = Intl.DateTimeFormat;
  let built = 0;
  Intl.DateTimeFormat = new Proxy(original, {
    construct(target, args) {
      built++;
      return Reflect.construct(target, args);
    },
    apply(target, self, args) {
      built++;
      return Reflect.apply(target, self, args);
    },
  });
  try {
    run();
  } finally {
    Intl.DateTimeFormat = original;
  }
  return built;
}

describe('date formatting', () => {
  it('builds no Intl object per date: one per locale, zone and style', () => {
    formatInstant('fr', Date.UTC(2027, 2, 15, 9), 'America/New_York', 'date-time');
    const built = countDateFormats(() => {
      for (let day = 0; day < 200; day++) {
        formatInstant('fr', Date.UTC(2027, 2, 15 + day, 9), 'America/New_York', 'date-time');
        formatInstant('fr', Date.UTC(2027, 2, 15 + day, 9), 'America/New_York', 'date');
        localTimeZone();
      }
    });
    // At most the one 'date' format not built before; no local-zone lookup per date.
    expect(built).to.be.at.most(1);
  });

  it('names the zone when it is not the visitor’s own', () => {
    const other = localTimeZone() === 'Asia/Tokyo' ? 'Europe/Paris' : 'Asia/Tokyo';
    expect(formatInstant('en', Date.UTC(2027, 2, 15, 9), other, 'time')).to.match(/GMT|JST|CET/);
    expect(formatInstant('en', Date.UTC(2027, 2, 15, 9), other, 'date')).not.to.match(/GMT|JST|CET/);
  });
});

describe('number formatting', () => {
  it('shows small whole numbers without building an Intl.NumberFormat (the first one costs ~50 ms of start-up)', () => {
    const original = Intl.NumberFormat;
    let built = 0;
    Intl.NumberFormat = new Proxy(original, { construct: (target, args) => (built++, Reflect.construct(target, args)) });
    try {
      expect([0, 7, 42, 999].map((n) => formatNumber('fr', n))).to.deep.equal(['0', '7', '42', '999']);
      expect(formatNumber('en', 12)).to.equal('12');
      expect(built).to.equal(0);
    } finally {
      Intl.NumberFormat = original;
    }
    expect(formatNumber('fr', 10000)).to.equal(new original('fr').format(10000));
    expect(formatNumber('en', 1.5)).to.equal('1.5');
    expect(formatNumber('fr', 1.5)).to.equal('1,5');
  });

  it('groups larger whole numbers in French and English as Intl does, still without Intl (a comment form says "1 000 caractères")', () => {
    const values = [1000, 1234, 20000, 999999, 1000000, 123456789, 2 ** 40];
    const [fr, en] = ['fr', 'en'].map((locale) => values.map((n) => new Intl.NumberFormat(locale).format(n)));
    // Counts every use of a NumberFormat, cached ones included (`format` is a getter of the prototype).
    const descriptor = Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, 'format')!;
    let used = 0;
    Object.defineProperty(Intl.NumberFormat.prototype, 'format', {
      ...descriptor,
      get: function (this: Intl.NumberFormat) {
        used++;
        return descriptor.get!.call(this);
      },
    });
    try {
      expect(values.map((n) => formatNumber('fr', n))).to.deep.equal(fr);
      expect(values.map((n) => formatNumber('en', n))).to.deep.equal(en);
      expect(used).to.equal(0, 'Intl.NumberFormat was used');
    } finally {
      Object.defineProperty(Intl.NumberFormat.prototype, 'format', descriptor);
    }
  });
});
