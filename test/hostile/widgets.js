// Puts every pgo element on the page, the way a webmaster would paste them, inside each
// `[data-pgo-widgets]` container: a <pgo-consultation> (memory backend, the seed consultation) around one
// of each element. Built with DOM calls only, so it runs under a strict CSP with Trusted Types.
// The list of tags comes from the test server (/tags.json, read from src/define/).
export const ATTRIBUTES = {
  'pgo-event-card': { event: 'e0' },
  'pgo-vote-button': { proposal: 'p0' },
  'pgo-proposal-list': { 'page-size': '3' },
  'pgo-event-list': { 'page-size': '2' },
};

export const tags = await (await fetch('/tags.json')).json();

export function widgets(attributes = {}) {
  const provider = document.createElement('pgo-consultation');
  provider.setAttribute('backend', 'memory');
  provider.setAttribute('consultation', 'plan-action-2017');
  for (const [name, value] of Object.entries(attributes)) provider.setAttribute(name, value);
  for (const tag of tags.filter((t) => t !== 'pgo-consultation')) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(ATTRIBUTES[tag] ?? {})) element.setAttribute(name, value);
    const box = document.createElement('div');
    box.className = 'widget';
    box.append(element);
    provider.append(box);
  }
  return provider;
}

for (const container of document.querySelectorAll('[data-pgo-widgets]')) container.append(widgets());
// A page may announce that its own script will place the widgets (framework.html).
if (!document.querySelector('[data-own-render]')) document.documentElement.dataset.widgetsReady = 'true';
