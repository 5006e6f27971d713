import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// Vue must know <pgo-…> are custom elements, not Vue components it failed to resolve.
export default defineConfig({
  base: './',
  logLevel: 'warn',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('pgo-') } } })],
});
