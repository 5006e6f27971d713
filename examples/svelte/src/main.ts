// Register the elements first: Svelte then sets customBackend and data as properties.
import 'pgo-widgets/define';
// Markup types for every <pgo-…> element (SvelteHTMLElements), generated from the manifest.
import type {} from 'pgo-widgets/types/svelte';
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
