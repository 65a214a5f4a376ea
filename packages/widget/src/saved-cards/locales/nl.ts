import type { SavedCardsMessages } from '../i18n.js';

/** Dutch: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Opgeslagen kaarten',
  loading: 'Je opgeslagen kaarten worden geladen…',
  empty: 'Je hebt geen opgeslagen kaarten.',
  loadFailed: 'Je opgeslagen kaarten konden niet worden geladen.',
  tryAgain: 'Opnieuw proberen',
  card: '{brand} eindigend op {last4}',
  expires: 'Geldig tot {month}/{year}',
  expired: 'Verlopen {month}/{year}',
  remove: 'Verwijderen',
  confirm: '{card} verwijderen?',
  confirmRemove: 'Kaart verwijderen',
  cancel: 'Annuleren',
  removing: 'Verwijderen…',
  removed: '{card} is verwijderd.',
  removeFailed: '{card} kon niet worden verwijderd. Probeer het opnieuw.',
  notFound: '{card} is niet meer opgeslagen.',
} satisfies SavedCardsMessages;
