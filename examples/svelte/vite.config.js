import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({ base: './', logLevel: 'warn', plugins: [svelte()] });
