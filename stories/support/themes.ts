/**
 * Themes switchable from the toolbar: the very stylesheets the WordPress plugin ships
 * (wordpress/pgo-widgets/assets/themes/*.css), read as their `--pgo-*` custom properties and set on
 * the story root, exactly as a host page themes the widgets. No font is downloaded.
 */
import darkCss from '../../wordpress/pgo-widgets/assets/themes/dark.css?raw';
import dsfrCss from '../../wordpress/pgo-widgets/assets/themes/dsfr.css?raw';

export interface Theme {
  title: string;
  /** Where the values come from, for the docs. */
  source: string | null;
  properties: Record<string, string>;
}

/** The `--pgo-*: value;` declarations of a stylesheet. */
export function customProperties(css: string): Record<string, string> {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return Object.fromEntries(
    [...withoutComments.matchAll(/(--pgo-[\w-]+)\s*:\s*([^;}]+)/g)].map(([, name, value]) => [name!, value!.trim()]),
  );
}

export const THEMES: Record<'default' | 'dark' | 'dsfr', Theme> = {
  default: { title: 'Défaut / Default', source: null, properties: {} },
  dark: { title: 'Sombre / Dark', source: 'wordpress/pgo-widgets/assets/themes/dark.css', properties: customProperties(darkCss) },
  // Close to the French state design system (DSFR): blue France, its greys and error red, square
  // corners; the Marianne typeface is used only if the host page already provides it.
  dsfr: { title: 'DSFR (État)', source: 'wordpress/pgo-widgets/assets/themes/dsfr.css', properties: customProperties(dsfrCss) },
};

export const themeNamed = (name: unknown): Theme => THEMES[name as keyof typeof THEMES] ?? THEMES.default;
