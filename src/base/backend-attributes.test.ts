/**
 * A standalone element configures its backend exactly as `<pgo-consultation>` does: every backend
 * attribute (`client-id`, `identity`, `process`...) reaches the backend factory on both paths.
 */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../test-utils/wait.js';
import { registerBackend, type BackendConfig } from '../core/backend.js';
import { memoryBackendFixture } from '../test-utils/fixtures.js';
import type { PgoConsultation } from '../elements/consultation/consultation.js';
import type { PgoElement } from './pgo-element.js';
import '../define/index.js';

/** The attributes the shipped backends read (rest: identity; decidim: the others). */
const BACKEND_ATTRIBUTES: Record<string, string> = {
  identity: 'jwt-of-the-host-site',
  'client-id': 'oauth-app-1',
  'redirect-uri': 'https://town.example/decidim-callback.html',
  'oauth-scope': 'api:read',
  process: 'budget-2027',
  'proposals-component': '12',
  'meetings-component': '13',
  'time-zone': 'America/Cayenne',
  locale: 'en',
};

let kinds = 0;
/** A backend kind of its own whose factory records every config it is given. */
function spyKind() {
  const kind = `spy-${++kinds}`;
  const configs: BackendConfig[] = [];
  const consultations: string[] = [];
  registerBackend(kind, (config) => {
    configs.push(config);
    const { backend } = memoryBackendFixture();
    const getConsultation = backend.getConsultation.bind(backend);
    backend.getConsultation = (id, options) => {
      consultations.push(id);
      return getConsultation('plan-action-2017', options);
    };
    return backend;
  });
  return { kind, configs, consultations };
}

function place(markup: string): HTMLElement {
  const holder = document.createElement('div');
  holder.innerHTML = markup;
  document.body.append(holder);
  return holder;
}

describe('backend attributes on a standalone element', () => {
  for (const [name, value] of Object.entries(BACKEND_ATTRIBUTES)) {
    it(`passes ${name} to its backend as <pgo-consultation> does`, async () => {
      const alone = spyKind();
      const provided = spyKind();
      const consultation = name === 'process' ? '' : ' consultation="plan-action-2017"';
      const holder = place(
        `<pgo-vote-button backend="${alone.kind}" endpoint="https://consultation.example.fr"${consultation} proposal="p1" ${name}="${value}"></pgo-vote-button>` +
          `<pgo-consultation backend="${provided.kind}" endpoint="https://consultation.example.fr"${consultation} ${name}="${value}"></pgo-consultation>`,
      );
      try {
        await waitUntil(() => alone.configs.length > 0 && provided.configs.length > 0, 'no backend was made');
        const [config] = alone.configs;
        expect(config!.attributes?.[name]).to.equal(value);
        expect(config!.endpoint).to.equal('https://consultation.example.fr');
        expect(config).to.deep.equal(provided.configs[0]);
      } finally {
        holder.remove();
      }
    });
  }

  it('uses `process` as the consultation id when `consultation` is absent', async () => {
    const spy = spyKind();
    const holder = place(`<pgo-phase-countdown backend="${spy.kind}" process="budget-2027"></pgo-phase-countdown>`);
    try {
      const el = holder.firstElementChild as PgoElement;
      await waitUntil(() => el.session?.status === 'ready', 'the consultation did not load');
      expect(spy.consultations).to.deep.equal(['budget-2027']);
      expect(el.session!.consultationId).to.equal('budget-2027');
    } finally {
      holder.remove();
    }
  });

  it('keeps one session for elements that differ only in their own attributes', async () => {
    const spy = spyKind();
    const holder = place(
      `<pgo-vote-button backend="${spy.kind}" consultation="plan-action-2017" client-id="a" proposal="p1"></pgo-vote-button>` +
        `<pgo-vote-button backend="${spy.kind}" consultation="plan-action-2017" client-id="a" proposal="p2" class="big" data-x="1"></pgo-vote-button>` +
        `<pgo-consultation backend="${spy.kind}" consultation="plan-action-2017" client-id="a" id="provider"></pgo-consultation>`,
    );
    try {
      const [first, second] = holder.querySelectorAll<PgoElement>('pgo-vote-button');
      const provider = holder.querySelector<PgoConsultation>('pgo-consultation')!;
      await waitUntil(() => first!.session && second!.session && provider.session);
      expect(second!.session).to.equal(first!.session);
      expect(provider.session).to.equal(first!.session);
      expect(spy.configs).to.have.length(1);
    } finally {
      holder.remove();
    }
  });
});
