import type { SavedCardsMessages } from '../i18n.js';

/** French: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Cartes enregistrées',
  loading: 'Chargement de vos cartes enregistrées…',
  empty: 'Vous n’avez aucune carte enregistrée.',
  loadFailed: 'Impossible de charger vos cartes enregistrées.',
  tryAgain: 'Réessayer',
  card: '{brand} se terminant par {last4}',
  expires: 'Expire le {month}/{year}',
  expired: 'Expirée le {month}/{year}',
  remove: 'Supprimer',
  confirm: 'Supprimer la carte {card} ?',
  confirmRemove: 'Supprimer la carte',
  cancel: 'Annuler',
  removing: 'Suppression…',
  removed: 'La carte {card} a été supprimée.',
  removeFailed: 'Impossible de supprimer la carte {card}. Réessayez.',
  notFound: 'La carte {card} n’est plus enregistrée.',
} satisfies SavedCardsMessages;
