import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import { createDemoBackend } from 'pgo-widgets/backends/demo.js';
import type { VotedDetail } from 'pgo-widgets';

@Component({
  selector: 'app-root',
  // <pgo-…> are custom elements: Angular binds [property] and (event) on them as on any DOM element.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <p>
        <button id="lang" type="button" (click)="lang.set(lang() === 'fr' ? 'en' : 'fr')">English / français</button>
        <button id="toggle" type="button" (click)="shown.set(!shown())">Remove / add the widgets</button>
        Votes seen by Angular: <output id="voted">{{ voted()?.proposalId ?? 'none' }}</output>
      </p>
      @if (shown()) {
        <pgo-consultation [lang]="lang()" consultation="plan-action-2017" [customBackend]="backend">
          <pgo-phase-countdown></pgo-phase-countdown>
          <pgo-vote-button id="data-button" [data]="proposal" (pgo-voted)="onVoted($event)"></pgo-vote-button>
          <pgo-proposal-list></pgo-proposal-list>
        </pgo-consultation>
      }
    </main>
  `,
})
export class App {
  readonly backend = createDemoBackend();
  readonly proposal = this.backend.proposals.get('p0')!;
  readonly lang = signal<'fr' | 'en'>('fr');
  readonly shown = signal(true);
  readonly voted = signal<VotedDetail | null>(null);

  // Typed: with strictTemplates, $event must be CustomEvent<VotedDetail> (an untyped Event does not compile here).
  onVoted(event: CustomEvent<VotedDetail>): void {
    this.voted.set(event.detail);
  }
}

// The types are real: the event map knows pgo-voted's detail.
// @ts-expect-error pgo-voted's detail has no such field
export const wrongEvent = (event: HTMLElementEventMap['pgo-voted']) => event.detail.nothing;
