// A size peer of <pgo-phase-countdown>: the same visible job made of Shoelace 2's components (relative time that
// updates itself, formatted dates, a progress bar) and a plain-DOM script that reads the consultation from the
// reference API and picks the phase open now. Built by bench/size.mjs with the CDN build's rollup settings.
// It does less than ours (no server clock, no announcements at thresholds, no phase-change event, no session shared
// with other widgets, French only, no states for loading/error/offline): a floor for the peer.
import '@shoelace-style/shoelace/dist/components/relative-time/relative-time.js';
import '@shoelace-style/shoelace/dist/components/format-date/format-date.js';
import '@shoelace-style/shoelace/dist/components/progress-bar/progress-bar.js';

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

const date = (iso) => element('sl-format-date', { date: iso, lang: 'fr', day: 'numeric', month: 'long', year: 'numeric' });

/** Renders the countdown of the consultation's phases into `host`. */
export async function countdown(host, endpoint, consultationId) {
  const answer = await fetch(`${endpoint}/api/v1/consultations/${encodeURIComponent(consultationId)}`);
  const { phases } = await answer.json();
  const now = Date.now();
  const open = phases.find((p) => Date.parse(p.startsAt) <= now && now < Date.parse(p.endsAt));
  const next = phases.find((p) => Date.parse(p.startsAt) > now);
  const summary = open
    ? [
        element('p', {}, ['Phase en cours ', element('strong', {}, [open.title])]),
        element('p', {}, ['Fin ', element('sl-relative-time', { date: open.endsAt, lang: 'fr', sync: '' })]),
        element('p', {}, ['Jusqu’au ', date(open.endsAt)]),
        element('sl-progress-bar', {
          value: Math.round((100 * (now - Date.parse(open.startsAt))) / (Date.parse(open.endsAt) - Date.parse(open.startsAt))),
          label: `Avancement de la phase « ${open.title} »`,
        }),
      ]
    : next
      ? [element('p', {}, ['Ouverture ', element('sl-relative-time', { date: next.startsAt, lang: 'fr', sync: '' })])]
      : [element('p', {}, ['La consultation est terminée.'])];
  const timeline = element(
    'ol',
    {},
    phases.map((p) => element('li', {}, [p.title, ' : du ', date(p.startsAt), ' au ', date(p.endsAt)])),
  );
  host.replaceChildren(...summary, timeline);
}

for (const host of document.querySelectorAll('[data-countdown]')) {
  void countdown(host, host.dataset.endpoint ?? '', host.dataset.consultation);
}
