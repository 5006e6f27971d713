/**
 * Message catalogues, French by default. Each area (common, form, each element) defines its own
 * catalogue beside its code so an element only ships the texts it uses. Plurals go through
 * Intl.PluralRules. The French texts fix a catalogue's keys; other languages are given to
 * `defineMessages` (`{ en }`) or added later with `addMessages`, so a language can come from a separate
 * module loaded on demand; until it arrives, its texts fall back to French.
 */
export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];
export const DEFAULT_LOCALE: Locale = 'fr';

/** A text with `{name}` placeholders, or plural forms chosen by the `count` parameter. */
export type Message = string | { one?: string; other: string; zero?: string };
export type Params = Record<string, string | number>;
/** The texts of one language: every key of the catalogue. */
export type Texts<K extends string> = Record<K, Message>;
/** French always; other languages once their module is loaded. */
export type Catalogue<K extends string> = { readonly fr: Texts<K> } & { [L in Locale]?: Texts<K> };
/** The keys of a catalogue, for typing a language module: `Texts<KeysOf<typeof voteMessages>>`. */
export type KeysOf<C> = C extends Catalogue<infer K> ? K : never;

/** Declares a catalogue: the French texts fix the keys, other languages (if given now) must match them. */
export function defineMessages<K extends string>(fr: Texts<K>, others: { [L in Exclude<Locale, 'fr'>]?: Texts<NoInfer<K>> } = {}): Catalogue<K> {
  return { ...others, fr };
}

/** Adds (or replaces) one language of a catalogue: how a language loaded on demand joins. */
export function addMessages<K extends string>(catalogue: Catalogue<K>, locale: Locale, texts: Texts<NoInfer<K>>): void {
  (catalogue as { [L in Locale]?: Texts<K> })[locale] = texts;
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
  const message = catalogue[locale]?.[key] ?? catalogue.fr[key] ?? key;
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
