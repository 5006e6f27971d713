// Register the elements first: Vue then sets customBackend and data as properties.
import 'pgo-widgets/define';
// Template types for every <pgo-…> element (GlobalComponents), generated from the manifest.
import type {} from 'pgo-widgets/types/vue';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
