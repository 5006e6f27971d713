import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Two pages: index.html (React 19 JSX on the elements) and hydrate.html (the @lit/react wrappers,
// server-rendered by prerender.js, then hydrated).
export default defineConfig({
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: { rollupOptions: { input: ['index.html', 'hydrate.html'] } },
});
