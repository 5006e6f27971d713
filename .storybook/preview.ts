import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import type { ArgTypesEnhancer } from 'storybook/internal/types';
import manifest from '../custom-elements.json';
import { forDocs } from '../stories/support/manifest.js';
import { withLocaleAndTheme } from '../stories/support/decorators.js';
import { THEMES } from '../stories/support/themes.js';
import '../src/define/index.js';

// Attributes, properties, events, slots, parts and custom properties of every element come from
// custom-elements.json (`npm run analyze`, generated from the elements' JSDoc).
setCustomElementsManifest(forDocs(manifest));

/**
 * Controls that make sense for a web component: a colour picker or a text box per custom property
 * (applied to the element's style), none for slots, objects and read-only properties.
 */
const controlsForElements: ArgTypesEnhancer = ({ argTypes }) =>
  Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => {
      const category = argType.table?.category;
      const type = String(argType.table?.type?.summary ?? '');
      if (category === 'css custom properties') return [name, { ...argType, control: { type: /color/.test(name) ? 'color' : 'text' } }];
      if (category === 'slots' || (category === 'properties' && !/^(boolean|string|number)$/.test(type)))
        return [name, { ...argType, control: false }];
      return [name, argType];
    }),
  );

const preview: Preview = {
  argTypesEnhancers: [controlsForElements],
  tags: ['autodocs'],
  decorators: [withLocaleAndTheme],
  globalTypes: {
    locale: {
      description: 'Language of the widgets (lang on the story root)',
      toolbar: {
        title: 'Langue / Language',
        icon: 'globe',
        items: [
          { value: 'fr', title: 'Français' },
          { value: 'en', title: 'English' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Theme: --pgo-* custom properties set on the story root',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: Object.entries(THEMES).map(([value, theme]) => ({ value, title: theme.title })),
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'fr', theme: 'default' },
  parameters: {
    controls: { expanded: true },
    a11y: { test: 'error', options: { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } } },
    options: {
      storySort: {
        order: ['Documentation', ['Getting started', 'Theming', 'Backend and HTTP API', 'Accessibility', 'WordPress'], 'Elements'],
      },
    },
  },
};

export default preview;
