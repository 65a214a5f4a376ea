import type { SavedCardsMessages } from '../i18n.js';

/** Danish: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Gemte kort',
  loading: 'Henter dine gemte kort…',
  empty: 'Du har ingen gemte kort.',
  loadFailed: 'Dine gemte kort kunne ikke hentes.',
  tryAgain: 'Prøv igen',
  card: '{brand} der slutter på {last4}',
  expires: 'Udløber {month}/{year}',
  expired: 'Udløbet {month}/{year}',
  remove: 'Fjern',
  confirm: 'Vil du fjerne {card}?',
  confirmRemove: 'Fjern kort',
  cancel: 'Annuller',
  removing: 'Fjerner…',
  removed: '{card} er fjernet.',
  removeFailed: '{card} kunne ikke fjernes. Prøv igen.',
  notFound: '{card} er ikke længere gemt.',
} satisfies SavedCardsMessages;
