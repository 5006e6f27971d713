/**
 * Message catalogues, French by default. Each area (common, countdown, form...) defines its own
 * catalogue so an element only ships the texts it uses. Plurals go through Intl.PluralRules.
 */
export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];
export const DEFAULT_LOCALE: Locale = 'fr';

/** A text with `{name}` placeholders, or plural forms chosen by the `count` parameter. */
export type Message = string | { one?: string; other: string; zero?: string };
export type Params = Record<string, string | number>;
export interface Catalogue<K extends string> { fr: Record<K, Message>; en: Record<K, Message> }

/** Declares a catalogue: the French texts fix the keys, the English ones must match them. */
export function defineMessages<K extends string>(fr: Record<K, Message>, en: Record<NoInfer<K>, Message>): Catalogue<K> {
  return { fr, en };
}

/** Maps any BCP 47 tag (`fr-FR`, `en-GB`, `EN`) to a supported locale, French otherwise. */
export function normalizeLocale(tag: string | null | undefined): Locale {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as Locale) : DEFAULT_LOCALE;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

export function formatNumber(locale: Locale, value: number): string {
  // Whole numbers under 1000 read the same in fr and en without Intl: the first NumberFormat loads
  // locale data (about 50 ms of the vote button's start, 190 ms with the CPU slowed 4x).
  if (Number.isInteger(value) && value >= 0 && value < 1000 && /^(fr|en)$/.test(locale)) return String(value);
  let nf = numberFormats.get(locale);
  if (!nf) numberFormats.set(locale, (nf = new Intl.NumberFormat(locale)));
  return nf.format(value);
}

export function translate<K extends string>(catalogue: Catalogue<K>, locale: Locale, key: K, params: Params = {}): string {
  const message = catalogue[locale][key] ?? catalogue[DEFAULT_LOCALE][key] ?? key;
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    // The count decides the plural form; messages without one use their first number (`{min}`).
    const count = Number(params.count ?? Object.values(params).find((v) => typeof v === 'number') ?? 0);
    let rules = pluralRules.get(locale);
    if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
    const category = rules.select(count);
    text = (count === 0 && message.zero) || (category === 'one' && message.one) || message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

/** Binds a catalogue: `const t = translator(messages); t('fr', 'key', {count: 2})`. */
export function translator<K extends string>(catalogue: Catalogue<K>) {
  return (locale: Locale, key: K, params?: Params) => translate(catalogue, locale, key, params);
}
