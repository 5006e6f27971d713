/**
 * Data for the docs pages, generated from the sources rather than copied: the elements' API from
 * custom-elements.json, the custom properties' defaults from src/styles/tokens.ts, the HTTP routes
 * from server/openapi/routes.ts and the themes from the WordPress plugin's stylesheets.
 */
import { getCustomElements } from '@storybook/web-components-vite';
import { ROUTES } from '../../server/openapi/routes.js';
import tokensSource from '../../src/styles/tokens.ts?raw';
import type { Declaration, Manifest } from './manifest.js';
import { THEMES } from './themes.js';

export interface ElementDoc {
  tag: string;
  summary: string;
  declaration: Declaration & { summary?: string };
}

/** Every element in custom-elements.json, the provider first. */
export function elementDocs(): ElementDoc[] {
  const manifest = getCustomElements() as Manifest | undefined;
  const declarations = (manifest?.modules ?? []).flatMap((m) => m.declarations ?? []).filter((d) => d.tagName) as (Declaration & {
    summary?: string;
  })[];
  return declarations
    .map((declaration) => ({ tag: declaration.tagName!, summary: declaration.summary ?? '', declaration }))
    .sort((a, b) => (a.tag === 'pgo-consultation' ? -1 : b.tag === 'pgo-consultation' ? 1 : a.tag.localeCompare(b.tag)));
}

/** `--pgo-x` -> its default, read from `var(--pgo-x, default)` in the shared base styles. */
export function tokenDefaults(): Record<string, string> {
  const defaults: Record<string, string> = {};
  for (const [, name, value] of tokensSource.matchAll(/var\((--pgo-[\w-]+),\s*((?:[^()]|\([^()]*\))+)\)/g))
    defaults[name!] ??= value!.trim();
  return defaults;
}

export interface CustomPropertyRow {
  name: string;
  defaultValue: string;
  themes: Record<string, string>;
  elements: string[];
  descriptions: string[];
}

/** Every public custom property: its default, its value in each theme, the elements that document it. */
export function customPropertyRows(): CustomPropertyRow[] {
  const defaults = tokenDefaults();
  const rows = new Map<string, CustomPropertyRow>();
  const row = (name: string) => {
    let found = rows.get(name);
    if (!found) {
      found = {
        name,
        defaultValue: defaults[name] ?? '',
        elements: [],
        descriptions: [],
        themes: Object.fromEntries(Object.entries(THEMES).map(([key, theme]) => [key, theme.properties[name] ?? ''])),
      };
      rows.set(name, found);
    }
    return found;
  };
  for (const name of Object.keys(defaults)) row(name);
  for (const { tag, declaration } of elementDocs()) {
    for (const property of declaration.cssProperties ?? []) {
      const r = row(property.name);
      r.elements.push(tag);
      if (property.description && !r.descriptions.includes(property.description)) r.descriptions.push(property.description);
    }
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export interface RouteRow {
  method: string;
  path: string;
  operation: string;
  summary: string;
  auth: string;
  write: boolean;
}

/** The public HTTP API (moderation routes left out), as the reference server declares it. */
export function httpRoutes(): RouteRow[] {
  return ROUTES.filter((r) => r.tag !== 'Moderation').map((r) => ({
    method: r.method.toUpperCase(),
    path: `/api/v1${r.path}`,
    operation: r.id,
    summary: r.summary,
    auth: r.auth,
    write: Boolean(r.write),
  }));
}

export const themes = THEMES;
