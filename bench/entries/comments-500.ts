// Bench entry (issue 20): `backend="memory"` holding the seed consultation with 200 proposals, and on `proposal:p1`
// a discussion of 40 threads whose first page (20 threads) has 500 replies behind it (25 each), for bench/comments.mjs.
import { registerBackend } from '../../src/core/backend.js';
// The provider first, as src/define/index.ts does (an element defined before it reads its own attributes).
import '../../src/define/consultation.js';
import '../../src/define/comments.js';
import '../../src/define/proposal-list.js';
import { seedComments, type SeedComment } from '../../src/backends/memory/comment-extras.js';
import { memoryBackendFixture } from '../../src/test-utils/fixtures.js';

const { backend, consultation } = memoryBackendFixture({ proposals: 200, events: 0 });
const threads: SeedComment[] = Array.from({ length: 40 }, (_, t) => ({
  body: `Commentaire ${t} : une idée à discuter, avec quelques phrases pour avoir la longueur d’un vrai commentaire de citoyen.`,
  authorName: `Personne ${t}`,
  stance: (['for', 'neutral', 'against'] as const)[t % 3],
  helpfulVotes: t % 7,
  minutesAgo: 10_000 - t * 10,
  replies:
    t < 20
      ? Array.from({ length: 25 }, (_, r) => ({
          body: `Réponse ${r} au commentaire ${t}.`,
          authorName: `Réponse ${r}`,
          minutesAgo: 5_000 - r,
        }))
      : [],
}));
seedComments(backend, consultation.id, 'proposal:p1', threads);
registerBackend('memory', () => backend);
