/**
 * Themes switchable from the toolbar: each is a set of public `--pgo-*` custom properties set on the
 * story root, exactly as a host page would theme the widgets. No font is downloaded.
 */
export interface Theme {
  title: string;
  properties: Record<`--pgo-${string}`, string>;
}

export const THEMES: Record<'default' | 'dark' | 'dsfr', Theme> = {
  default: { title: 'Défaut / Default', properties: {} },
  dark: {
    title: 'Sombre / Dark',
    properties: {
      '--pgo-color-text': '#f1f1f1',
      '--pgo-color-text-muted': '#c8c8c8',
      '--pgo-color-background': '#161616',
      '--pgo-color-surface': '#262626',
      '--pgo-color-border': '#8d8d8d',
      '--pgo-color-primary': '#8ab4ff',
      '--pgo-color-on-primary': '#0b1633',
      '--pgo-color-danger': '#ff8f8f',
      '--pgo-color-success': '#74d68f',
      '--pgo-color-focus': '#ffd24d',
    },
  },
  // Close to the French state design system (DSFR): blue France, red Marianne, its greys and square
  // corners; the Marianne typeface is used only if the host page already provides it.
  dsfr: {
    title: 'DSFR (État)',
    properties: {
      '--pgo-font-family': "Marianne, arial, 'Helvetica Neue', sans-serif",
      '--pgo-color-text': '#3a3a3a',
      '--pgo-color-text-muted': '#666666',
      '--pgo-color-background': '#ffffff',
      '--pgo-color-surface': '#f6f6f6',
      '--pgo-color-border': '#929292',
      '--pgo-color-primary': '#000091',
      '--pgo-color-on-primary': '#f5f5fe',
      '--pgo-color-danger': '#e1000f',
      '--pgo-color-success': '#18753c',
      '--pgo-color-focus': '#0a76f6',
      '--pgo-radius': '0px',
    },
  },
};

export const themeNamed = (name: unknown): Theme => THEMES[name as keyof typeof THEMES] ?? THEMES.default;
