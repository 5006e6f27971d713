// The start-up peer: a vote button with no framework. It does the same visible job as
// <pgo-vote-button> at start (reads the proposal's tally from the page's memory backend and renders an
// enabled button with its count in a shadow root) and nothing else: no session, phases, limits,
// i18n or styles. The floor a framework-free element could reach.
const CONSULTATION = 'plan-action-2017';

class PlainVoteButton extends HTMLElement {
  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const backend = globalThis.pgoMemoryBackend;
    backend.getProposal(CONSULTATION, this.getAttribute('proposal')).then((proposal) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'vote';
      button.setAttribute('aria-pressed', 'false');
      const count = document.createElement('span');
      count.setAttribute('part', 'count');
      count.textContent = String(proposal.tally.total ?? 0);
      button.append('Soutenir ', count);
      button.addEventListener('click', () => backend.vote(CONSULTATION, proposal.id, 'support', { idempotencyKey: String(Math.random()) }));
      root.replaceChildren(button);
    });
  }
}
customElements.define('plain-vote-button', PlainVoteButton);
