/**
 * Message catalogues, French by default. Each area (common, form, each element) defines its own
 * catalogue beside its code, named, so an element only ships the texts it uses. The French texts fix a
 * catalogue's keys and ship with it; every other language is a module of its own
 * (`<name>.messages.en.ts`), loaded when an element is asked to speak it (`languageReady`), or texts a
 * host registers without rebuilding (`registerLanguage`), which may also override any French text.
 * Plurals follow the CLDR categories of the language (Intl.PluralRules: zero, one, two, few, many, other).
 */
/** A language: the primary subtag of a BCP 47 tag (`fr`, `en`, `es`, `ar`…). */
export type Locale = string;
export const DEFAULT_LOCALE: Locale = 'fr';

export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
/**
 * A text with `{name}` placeholders, or plural forms chosen by the `count` parameter (or the first
 * number): the language's CLDR category, else `other`. `zero`, when given, is also used for 0 in
 * languages whose category for 0 is another (French says "aucun" rather than "0 … ").
 */
export type Message = string | ({ other: string } & { [C in PluralCategory]?: string });
export type Params = Record<string, string | number>;
/** The texts of one language: every key of the catalogue. */
export type Texts<K extends string> = Record<K, Message>;
/** A language module's or a host's texts for one catalogue: a loader of the module's texts. */
type TextsModule<K extends string> = () => Promise<Texts<K>>;

export interface Catalogue<K extends string> {
  /** The name hosts use to give texts for it (`'vote-button'`, `'common'`…). */
  readonly name: string;
  readonly fr: Texts<K>;
  /** Texts by language (for `fr`, a host's overrides), complete or partial: missing keys fall back to French. */
  readonly texts: Record<Locale, Partial<Texts<K>>>;
}
/** The keys of a catalogue, for typing a language module: `Texts<KeysOf<typeof voteMessages>>`. */
export type KeysOf<C> = C extends Catalogue<infer K> ? K : never;

/** Every catalogue of the page (shared by two copies of the library through globalThis). */
interface Registry {
  catalogues: Catalogue<string>[];
  /** Language -> language modules not loaded yet, per catalogue. */
  modules: Map<Locale, Map<Catalogue<string>, TextsModule<string>>>;
  /** Language -> the loading of its modules, while it lasts. */
  loading: Map<Locale, Promise<void>>;
  /** Texts hosts registered: language -> catalogue name -> texts (applied to catalogues defined later too). */
  hosts: Map<Locale, Record<string, Partial<Texts<string>>>>;
}
const REGISTRY = Symbol.for('pgo-widgets.i18n');
const registry: Registry = ((globalThis as unknown as Record<symbol, Registry>)[REGISTRY] ??= {
  catalogues: [],
  modules: new Map(),
  loading: new Map(),
  hosts: new Map(),
});

/**
 * Declares a catalogue: the French texts fix the keys; other languages are given as texts or as
 * modules to load on demand (`{ en: () => import('./x.messages.en.js').then((m) => m.en) }`).
 */
export function defineMessages<K extends string>(
  name: string,
  fr: Texts<K>,
  others: Record<Locale, Texts<NoInfer<K>> | TextsModule<NoInfer<K>>> = {},
): Catalogue<K> {
  const catalogue: Catalogue<K> = { name, fr, texts: {} };
  for (const [locale, texts] of Object.entries(others)) {
    if (typeof texts === 'function') {
      let pending = registry.modules.get(locale);
      if (!pending) registry.modules.set(locale, (pending = new Map()));
      // The CDN build ships a language module as its values in the order of the French keys (scripts/texts-plugin.mjs).
      const load = async () => {
        const loaded: Texts<K> | Message[] = await texts();
        return Array.isArray(loaded) ? (Object.fromEntries(Object.keys(fr).map((key, i) => [key, loaded[i]])) as Texts<K>) : loaded;
      };
      pending.set(catalogue as Catalogue<string>, load as TextsModule<string>);
    } else {
      catalogue.texts[locale] = texts;
    }
  }
  for (const [locale, byName] of registry.hosts) if (byName[name]) addMessages(catalogue, locale, byName[name] as Partial<Texts<K>>);
  registry.catalogues.push(catalogue as Catalogue<string>);
  return catalogue;
}

/** Adds texts of one language to a catalogue (over what it has: a host's override wins over a module's). */
export function addMessages<K extends string>(catalogue: Catalogue<K>, locale: Locale, texts: Partial<Texts<NoInfer<K>>>): void {
  catalogue.texts[locale] =
    locale in catalogue.texts && texts !== catalogue.texts[locale] ? { ...texts, ...catalogue.texts[locale] } : texts;
}

/**
 * Registers a language, or overrides texts of one (French included), without rebuilding: texts per
 * catalogue name. Keys left out fall back to French. Plural forms use the language's CLDR categories.
 * `registerLanguage('es', { common: { retry: 'Reintentar' }, 'vote-button': { 'count.support': { one: '{count} apoyo', other: '{count} apoyos' } } })`
 */
export function registerLanguage(locale: Locale, texts: Record<string, Partial<Texts<string>>>): void {
  const lang = primary(locale);
  const known = registry.hosts.get(lang) ?? {};
  for (const [name, byKey] of Object.entries(texts)) known[name] = { ...known[name], ...byKey };
  registry.hosts.set(lang, known);
  for (const catalogue of registry.catalogues) {
    const own = texts[catalogue.name];
    // Host texts win over a module's, now and when the module arrives later.
    if (own) catalogue.texts[lang] = { ...catalogue.texts[lang], ...own };
  }
}

const primary = (tag: string | null | undefined) => (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';

/** Whether texts exist for a language: French, a language module, or a host's registration. */
function isKnown(lang: string): boolean {
  return (
    lang === DEFAULT_LOCALE || registry.modules.has(lang) || registry.hosts.has(lang) || registry.catalogues.some((c) => lang in c.texts)
  );
}

/** Maps any BCP 47 tag (`fr-FR`, `en-GB`, `EN`) to a language the page has texts for, French otherwise. */
export function normalizeLocale(tag: string | null | undefined): Locale {
  const lang = primary(tag);
  return isKnown(lang) ? lang : DEFAULT_LOCALE;
}

/**
 * Loads the modules of a language that catalogues of the page still miss: null when there are none
 * (render now), else a promise settled once they are in (a module that cannot load leaves French).
 */
export function languageReady(locale: Locale): Promise<void> | null {
  const pending = registry.modules.get(locale);
  if (!pending?.size) return registry.loading.get(locale) ?? null;
  const loads = [...pending].map(async ([catalogue, load]) => {
    pending.delete(catalogue);
    try {
      addMessages(catalogue, locale, await load());
    } catch {
      // Offline or blocked: the element speaks French rather than nothing.
    }
  });
  const previous = registry.loading.get(locale);
  const all = Promise.all([previous, ...loads]).then(() => {
    if (registry.loading.get(locale) === all) registry.loading.delete(locale);
  });
  registry.loading.set(locale, all);
  return all;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

export function formatNumber(locale: Locale, value: number): string {
  // Whole numbers under 1000 read the same in fr and en without Intl: the first NumberFormat loads
  // locale data (about 50 ms of the vote button's start, 190 ms with the CPU slowed 4x).
  // Larger whole numbers too, grouped as Intl groups them (fr: narrow no-break space, en: comma; tested against Intl).
  const group = locale === 'fr' ? '\u202f' : locale === 'en' ? ',' : null;
  if (group !== null && Number.isSafeInteger(value) && value >= 0) return String(value).replace(/\B(?=(\d{3})+$)/g, group);
  let nf = numberFormats.get(locale);
  if (!nf) numberFormats.set(locale, (nf = new Intl.NumberFormat(locale)));
  return nf.format(value);
}

export function translate<K extends string>(catalogue: Catalogue<K>, locale: Locale, key: K, params: Params = {}): string {
  const message = catalogue.texts[locale]?.[key] ?? catalogue.texts[DEFAULT_LOCALE]?.[key] ?? catalogue.fr[key] ?? key;
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    // The count decides the plural form; messages without one use their first number (`{min}`).
    const count = Number(params.count ?? Object.values(params).find((v) => typeof v === 'number') ?? 0);
    let rules = pluralRules.get(locale);
    if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
    text = (count === 0 && message.zero) || message[rules.select(count)] || message.other;
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

/**
 * Texts hosts queue before the library is there (a CDN page): `(window.pgoWidgetsLanguages ??= []).push({ lang: 'es', texts: {…} })`;
 * once it is, `push` registers at once.
 */
type Queued = { lang: string; texts: Record<string, Partial<Texts<string>>> };
const host = globalThis as unknown as { pgoWidgetsLanguages?: Queued[] | { push(entry: Queued): void } };
if (typeof window !== 'undefined') {
  const queued = Array.isArray(host.pgoWidgetsLanguages) ? host.pgoWidgetsLanguages : [];
  for (const entry of queued) registerLanguage(entry.lang, entry.texts);
  host.pgoWidgetsLanguages = { push: (entry: Queued) => registerLanguage(entry.lang, entry.texts) };
}
