/**
 * custom-elements.json for Storybook: the docs tables and controls read it, and stories create
 * elements from their args with it (an arg named like an attribute sets the attribute, `--pgo-*`
 * sets the custom property, any other sets the property; event args become listeners so the Actions
 * panel logs `pgo-*` events).
 */
import { getCustomElements } from '@storybook/web-components-vite';

interface Item {
  name: string;
  description?: string;
  privacy?: string;
  static?: boolean;
  kind?: string;
}
export interface Declaration extends Item {
  tagName?: string;
  attributes?: Item[];
  members?: Item[];
  events?: Item[];
  slots?: Item[];
  cssParts?: Item[];
  cssProperties?: Item[];
}
export interface Manifest {
  modules: { declarations?: Declaration[] }[];
}

/** What Storybook shows: public instance members only, and the default slot under a visible name. */
export function forDocs<T>(manifest: T): T {
  const copy = structuredClone(manifest) as unknown as Manifest;
  for (const declaration of copy.modules.flatMap((m) => m.declarations ?? [])) {
    if (declaration.members) declaration.members = declaration.members.filter((m) => !m.static && !m.privacy);
    // Storybook drops items without a name, and the default slot's name is "".
    for (const slot of declaration.slots ?? []) if (!slot.name) slot.name = '(default)';
  }
  return copy as unknown as T;
}

export function declarationOf(tag: string): Declaration | undefined {
  const manifest = getCustomElements() as Manifest | undefined;
  return manifest?.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === tag);
}

/** `pgo-phase-change` -> `onPgoPhaseChange`, the arg name Storybook gives an event's action. */
export const eventArgName = (event: string) => `on${event.replace(/(^|-)(\w)/g, (_, _sep, chr: string) => chr.toUpperCase())}`;

/** Creates `<tag>` with the story's args applied. */
export function elementFromArgs<T extends HTMLElement>(tag: string, args: Record<string, unknown>): T {
  const el = document.createElement(tag) as T;
  const declaration = declarationOf(tag);
  const attributes = new Set((declaration?.attributes ?? []).map((a) => a.name));
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || typeof value === 'function') continue;
    if (key.startsWith('--')) {
      // A custom property from the docs table's controls: set through CSSOM, as a host page could.
      if (value === '' || value === null) el.style.removeProperty(key);
      else el.style.setProperty(key, String(value));
    } else if (attributes.has(key)) {
      if (value === false || value === null) el.removeAttribute(key);
      else el.setAttribute(key, value === true ? '' : String(value));
    } else {
      (el as unknown as Record<string, unknown>)[key] = value;
    }
  }
  for (const event of declaration?.events ?? []) {
    const handler = args[eventArgName(event.name)];
    if (typeof handler === 'function') el.addEventListener(event.name, handler as EventListener);
  }
  return el;
}
