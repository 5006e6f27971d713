// What both React pages share: the demo data, and the page's state with its controls (language, remount,
// the last vote React saw).
import { useState, type ReactNode } from 'react';
import { createDemoBackend } from 'pgo-widgets/backends/demo.js';
import type { VotedDetail } from 'pgo-widgets';

export const backend = createDemoBackend();
export const proposal = backend.proposals.get('p0')!;

export function usePage(): { lang: 'fr' | 'en'; shown: boolean; setVoted: (detail: VotedDetail) => void; controls: ReactNode } {
  const [lang, setLang] = useState<'fr' | 'en'>('fr');
  const [shown, setShown] = useState(true);
  const [voted, setVoted] = useState<VotedDetail | null>(null);
  const controls = (
    <p>
      <button id="lang" type="button" onClick={() => setLang(lang === 'fr' ? 'en' : 'fr')}>
        English / français
      </button>
      <button id="toggle" type="button" onClick={() => setShown(!shown)}>
        Remove / add the widgets
      </button>
      Votes seen by React: <output id="voted">{voted ? voted.proposalId : 'none'}</output>
    </p>
  );
  return { lang, shown, setVoted, controls };
}
