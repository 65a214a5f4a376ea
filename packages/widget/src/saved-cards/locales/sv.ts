import type { SavedCardsMessages } from '../i18n.js';

/** Swedish: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Sparade kort',
  loading: 'Hämtar dina sparade kort…',
  empty: 'Du har inga sparade kort.',
  loadFailed: 'Det gick inte att hämta dina sparade kort.',
  tryAgain: 'Försök igen',
  card: '{brand} som slutar på {last4}',
  expires: 'Giltigt till {month}/{year}',
  expired: 'Gick ut {month}/{year}',
  remove: 'Ta bort',
  confirm: 'Vill du ta bort {card}?',
  confirmRemove: 'Ta bort kortet',
  cancel: 'Avbryt',
  removing: 'Tar bort…',
  removed: '{card} har tagits bort.',
  removeFailed: 'Det gick inte att ta bort {card}. Försök igen.',
  notFound: '{card} är inte längre sparat.',
} satisfies SavedCardsMessages;
