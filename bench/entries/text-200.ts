// Bench entry (issue 21): the whole package (every element registered) with `backend="memory"` holding a
// document of 200 sections (40 axes of 4 commitments) and 2,000 amendments (10 per commitment), with votes.
import '../../src/define/index.js';
import { registerBackend } from '../../src/core/backend.js';
import { memoryBackendFixture } from '../../src/test-utils/fixtures.js';

const { backend, consultation } = memoryBackendFixture({ position: 'redaction', proposals: 0, events: 0 });
const lines: string[] = [];
for (let axis = 1; axis <= 40; axis++) {
  lines.push(
    `# Axe ${axis} : Ouvrir les données publiques, numéro ${axis}`,
    '',
    `Présentation de l’axe ${axis}, assez longue pour faire un paragraphe entier.`,
    '',
  );
  for (let c = 1; c <= 4; c++)
    lines.push(
      `## Engagement ${axis}.${c}`,
      '',
      `Publier en données ouvertes les informations ${axis}.${c} des administrations, chaque année, avec leur documentation.`,
      '',
    );
}
const amendments = [];
for (let s = 1; s <= 200; s++) {
  if (s % 5 === 1) continue; // the axes themselves
  for (let k = 0; k < 12 && amendments.length < 2000; k++) {
    amendments.push({
      id: `a-${s}-${k}`,
      sectionId: `s-${s}`,
      text: `Publier en données ouvertes et réutilisables les informations des administrations, chaque trimestre (${k}).`,
      reason: 'Une raison assez longue pour être valable.',
      authorName: `Participant ${k}`,
    });
  }
}
backend.documents.seed({
  id: 'big',
  consultationId: consultation.id,
  markdown: lines.join('\n'),
  amendmentPhases: ['redaction'],
  amendments,
});
registerBackend('memory', () => backend);
