// Storybook for pgo-widgets: every element in every state, documented from custom-elements.json.
// Works offline: no telemetry, no "what's new" or version check, no remote fonts.
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/docs/*.mdx', '../stories/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  docs: { defaultName: 'Documentation' },
  async viteFinal(viteConfig) {
    // The sources use legacy decorators (tsconfig: experimentalDecorators, useDefineForClassFields
    // false). Vite's esbuild reads tsconfig.json, but say it here too so a story never renders blank
    // because a transform left `@property` in the output or turned fields into own properties that
    // shadow Lit's accessors.
    viteConfig.esbuild = {
      ...(typeof viteConfig.esbuild === 'object' ? viteConfig.esbuild : {}),
      target: 'es2022',
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    };
    // One lit-html in `storybook dev`: the renderer imports lit/directive-helpers.js, which the dev
    // server would otherwise serve unbundled, next to the pre-bundled lit, as a second copy.
    viteConfig.optimizeDeps = {
      ...viteConfig.optimizeDeps,
      include: [...(viteConfig.optimizeDeps?.include ?? []), 'lit/directive-helpers.js'],
    };
    // The docs pages read the API's route list (server/openapi/routes.ts), gathered from the route files,
    // which also import Node built-ins for their handlers: those run only on the server, so a missing
    // browser export becomes undefined rather than failing the build.
    viteConfig.build = { ...viteConfig.build, rollupOptions: { ...viteConfig.build?.rollupOptions, shimMissingExports: true } };
    // package.json's `sideEffects` names the built files (dist/define/*.js...); Storybook bundles
    // the sources, so say that registering tags and backends in src/ is a side effect too, or the
    // production build drops `import '../src/define/index.js'` and no element is ever defined.
    viteConfig.plugins = [
      ...(viteConfig.plugins ?? []),
      {
        name: 'pgo-source-side-effects',
        transform(code: string, id: string) {
          return /\/src\/(define|backends)\//.test(id) ? { code, map: null, moduleSideEffects: true } : null;
        },
      },
    ];
    return viteConfig;
  },
};

export default config;
