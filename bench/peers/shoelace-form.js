// The size peer: the proposal form's fields made of Shoelace 2's controls (input, textarea, select with
// options, checkbox, button), importing only those components' modules, and a plain-DOM form around
// them. Built by bench/size.mjs with the same rollup settings as our CDN files. It does less than
// <pgo-proposal-form> (no consultation, backend, draft, error summary or i18n): a floor for the peer.
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/checkbox/checkbox.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';

const CATEGORIES = [
  ['donnees', 'Ouvrir plus de données'],
  ['participation', 'Augmenter la participation citoyenne'],
  ['transparence', 'Accroître la transparence'],
  ['nouveaux-themes', 'Nouveaux thèmes'],
];

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  node.append(...children);
  return node;
}

/** Renders the form into `host` and calls `onSubmit(values)` with the fields once they are valid. */
export function proposalForm(host, onSubmit) {
  const form = element('form', { novalidate: true }, [
    element('sl-input', {
      name: 'title',
      label: 'Titre',
      'help-text': '10 à 120 caractères',
      minlength: 10,
      maxlength: 120,
      required: true,
    }),
    element('sl-textarea', { name: 'body', label: 'Votre proposition', minlength: 30, maxlength: 3000, required: true, resize: 'auto' }),
    element(
      'sl-select',
      { name: 'categoryId', label: 'Thème', required: true },
      CATEGORIES.map(([value, label]) => element('sl-option', { value }, [label])),
    ),
    element('sl-input', { name: 'authorName', label: 'Votre nom (facultatif)', maxlength: 80 }),
    element('sl-input', { name: 'email', type: 'email', label: 'Adresse e-mail (facultatif)', 'help-text': 'Jamais publiée' }),
    element('sl-checkbox', { name: 'consent', value: 'yes', required: true }, [
      'J’accepte que ma contribution soit publiée sous licence ouverte.',
    ]),
    element('sl-button', { type: 'submit', variant: 'primary' }, ['Envoyer ma proposition']),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    onSubmit({
      title: String(data.get('title') ?? '').trim(),
      body: String(data.get('body') ?? '').trim(),
      categoryId: String(data.get('categoryId') ?? ''),
      authorName: String(data.get('authorName') ?? '').trim() || null,
      email: String(data.get('email') ?? '').trim() || null,
      consent: data.get('consent') === 'yes',
    });
  });
  host.append(form);
  return form;
}

for (const host of document.querySelectorAll('[data-proposal-form]')) {
  proposalForm(host, (values) => host.dispatchEvent(new CustomEvent('proposal-submit', { detail: values, bubbles: true })));
}
