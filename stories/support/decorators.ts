import type { Decorator } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { themeNamed } from './themes.js';

/**
 * Wraps every story in a root carrying the toolbar's `lang` and theme (`--pgo-*` custom properties,
 * and the theme's background so contrast is judged against what a host page would show).
 */
export const withLocaleAndTheme: Decorator = (story, context) => {
  const theme = themeNamed(context.globals.theme);
  const style = {
    ...theme.properties,
    display: 'block',
    padding: '16px',
    background: 'var(--pgo-color-background, #ffffff)',
    color: 'var(--pgo-color-text, #1e1e1e)',
  };
  return html`<div class="pgo-story-root" data-theme=${String(context.globals.theme ?? 'default')} lang=${String(context.globals.locale ?? 'fr')} style=${styleMap(style)}>${story()}</div>`;
};
