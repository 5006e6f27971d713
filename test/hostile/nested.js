// A design system's components with open shadow roots: <host-panel> renders a <host-card> a moment
// later, whose shadow root then receives the widgets (a provider around every element). The loader must
// find them there, two shadow roots deep, though both arrive after its first look at the page.
// (Components defined before the loader runs, as a design system loaded first is: the loader sees
// their shadow roots when it starts and watches them.)
class HostCard extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    import('/hostile/widgets.js').then(({ widgets }) => {
      root.append(widgets());
      document.documentElement.dataset.widgetsReady = 'true';
    });
  }
}
class HostPanel extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    setTimeout(() => root.append(document.createElement('host-card')), 50);
  }
}
customElements.define('host-card', HostCard);
customElements.define('host-panel', HostPanel);
