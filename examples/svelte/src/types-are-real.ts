// The types are real: a wrong property type or an unknown event detail does not compile.
import type { SvelteHTMLElements } from 'svelte/elements';
import type {} from 'pgo-widgets/types/svelte';

// @ts-expect-error proposal is a string
export const wrong: SvelteHTMLElements['pgo-vote-button'] = { proposal: 42 };
// @ts-expect-error pgo-voted's detail has no such field
export const wrongEvent: SvelteHTMLElements['pgo-vote-button'] = { 'onpgo-voted': (event) => event.detail.nothing };
