// A stand-in for another framework that owns the widgets' parent: a template framework re-renders it
// from a markup string (new elements each time), a keyed one moves the same nodes under a new parent.
import { ATTRIBUTES, tags } from '/hostile/widgets.js';

const app = document.getElementById('app');
const escape = (value) => value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
const markup = () =>
  tags
    .filter((tag) => tag !== 'pgo-consultation')
    .map(
      (tag) =>
        `<div class="widget"><${tag}${Object.entries(ATTRIBUTES[tag] ?? {})
          .map(([n, v]) => ` ${n}="${escape(v)}"`)
          .join('')}></${tag}></div>`,
    )
    .join('');

let renders = 0;
/** Like a template framework: the parent's markup replaced by a fresh copy. */
export function renderFromMarkup() {
  renders += 1;
  app.innerHTML = `<section class="view" data-render="${renders}"><pgo-consultation backend="memory" consultation="plan-action-2017">${markup()}</pgo-consultation></section>`;
}

/** Like a keyed framework: the same element nodes moved under a new parent. */
export function moveUnderNewParent() {
  const view = document.createElement('section');
  view.className = 'view';
  view.replaceChildren(...app.querySelector('.view').childNodes);
  app.replaceChildren(view);
}

Object.assign(window, { renderFromMarkup, moveUnderNewParent });
renderFromMarkup();
document.documentElement.dataset.widgetsReady = 'true';
