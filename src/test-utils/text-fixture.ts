/**
 * The 2017 action plan's draft for the collaborative writing phase (issue 21): its four axes (from the
 * consultation's own presentation) with a few commitments each, as the Markdown organisers import.
 * Used by the element tests, the stories and the demo.
 */
import type { MemoryDocumentFixture } from '../backends/memory/documents.js';

export const ACTION_PLAN_DRAFT = `# Axe 1 : Ouvrir plus de données pour créer des biens communs numériques

Les données publiques sont une ressource partagée : les ouvrir par défaut permet à chacun d’en faire des biens communs.

## Engagement 1 : Publier les données des marchés publics

Publier en données ouvertes les marchés publics de l’État et des collectivités, dès leur attribution.

## Engagement 2 : Ouvrir les codes sources et les algorithmes publics

Publier le code source des logiciels de l’administration et expliquer les algorithmes utilisés pour les décisions administratives individuelles.

# Axe 2 : Augmenter la participation citoyenne et l’inclusion de nouveaux publics

## Engagement 3 : Associer les citoyens à l’élaboration des politiques publiques

Ouvrir des consultations en ligne et des ateliers-relais sur tout le territoire, et rendre compte des contributions reçues.

## Engagement 4 : Aller vers de nouveaux publics

Organiser des ateliers dans les lieux de vie (quartiers, bibliothèques, tiers-lieux) pour toucher celles et ceux qui ne participent pas en ligne.

# Axe 3 : Accroître la transparence, la redevabilité et l’innovation dans l’action publique

## Engagement 5 : Rendre compte de l’avancement du plan d’action

Publier chaque trimestre l’état d’avancement de chaque engagement, avec ses responsables et ses échéances.

# Axe 4 : Le gouvernement ouvert pour de nouvelles thématiques

## Engagement 6 : Ouvrir la justice et le suivi des engagements climatiques

Étendre les principes du gouvernement ouvert à la justice et au suivi des engagements liés au climat.
`;

/** The draft as a memory backend document, with a few amendments written by other participants. */
export function actionPlanDocument(
  consultationId: string,
  amendmentPhases: string[] = ['redaction'],
  amendments = true,
): MemoryDocumentFixture {
  return {
    id: 'plan-2017',
    consultationId,
    markdown: ACTION_PLAN_DRAFT,
    title: 'Plan d’action national 2017-2019 : projet',
    amendmentPhases,
    amendments: amendments
      ? [
          {
            id: 'a-budget',
            sectionId: 's-2',
            text: 'Publier en données ouvertes les marchés publics de l’État et des collectivités, dès leur attribution, avec leurs avenants.',
            reason: 'Les avenants changent souvent le montant final : sans eux, les données trompent.',
            authorName: 'Claire',
          },
          {
            id: 'a-local',
            sectionId: 's-5',
            kind: 'add-after',
            title: 'Engagement 3 bis : Des budgets participatifs',
            text: 'Accompagner les collectivités qui ouvrent une part de leur budget aux propositions des habitants.',
            reason: 'Les budgets participatifs sont la forme de participation la plus concrète.',
          },
        ]
      : [],
    votes: amendments ? { 'other-1|a-budget': 'for', 'other-2|a-budget': 'for', 'other-3|a-budget': 'mixed' } : {},
  };
}
