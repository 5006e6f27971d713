import { defineMessages, translator } from '../../core/i18n.js';

/** Texts of `<pgo-proposal-list>`. */
export const proposalListMessages = defineMessages(
  'proposal-list',
  {
    label: 'Propositions',
    filters: 'Rechercher et trier les propositions',
    search: 'Rechercher',
    category: 'Catégorie',
    allCategories: 'Toutes les catégories',
    sort: 'Trier par',
    'sort.newest': 'Les plus récentes',
    'sort.most-supported': 'Les plus soutenues',
    'sort.most-voted': 'Les plus votées',
    'sort.most-interest': 'Celles qui intéressent le plus',
    'sort.random': 'Ordre aléatoire',
    count: { zero: 'Aucune proposition', one: '{count} proposition', other: '{count} propositions' },
    matches: {
      zero: 'Aucune proposition ne correspond',
      one: '{count} proposition correspond',
      other: '{count} propositions correspondent',
    },
    loading: 'Chargement des propositions…',
    empty: 'Aucune proposition pour l’instant.',
    noMatch: 'Aucune proposition ne correspond à vos critères.',
    reset: 'Effacer les filtres',
    loadError: 'Impossible de charger les propositions.',
    loadMore: 'Charger plus',
    shown: { one: '{shown} sur {count} proposition affichée', other: '{shown} sur {count} propositions affichées' },
    by: 'Par {name}',
    anonymous: 'Anonyme',
    readMore: 'Lire la suite',
    readLess: 'Réduire',
    unsupported: 'La liste des propositions n’est pas disponible ici.',
    fresh: { one: '{count} nouvelle proposition publiée', other: '{count} nouvelles propositions publiées' },
    showFresh: { one: 'Afficher la nouvelle proposition', other: 'Afficher les {count} nouvelles propositions' },
    'origin.workshop': 'Atelier-relais : {place}',
    'origin.filter': 'Origine',
    'origin.all': 'En ligne et en ateliers',
    'origin.online': 'En ligne',
    'origin.workshops': 'Ateliers-relais',
    'origin.roomSupport': { one: '{count} soutien dans la salle, compté à part', other: '{count} soutiens dans la salle, comptés à part' },
    comments: { zero: 'Commenter', one: '{count} commentaire', other: '{count} commentaires' },
  },
  // English is a module of its own, loaded when an element is asked to speak it.
  { en: () => import('./proposal-list.messages.en.js').then((m) => m.en) },
);
export const tProposalList = translator(proposalListMessages);
