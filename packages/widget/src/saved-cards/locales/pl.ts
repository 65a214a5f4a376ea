import type { SavedCardsMessages } from '../i18n.js';

/** Polish: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Zapisane karty',
  loading: 'Wczytywanie zapisanych kart…',
  empty: 'Nie masz zapisanych kart.',
  loadFailed: 'Nie udało się wczytać zapisanych kart.',
  tryAgain: 'Spróbuj ponownie',
  card: '{brand} z końcówką {last4}',
  expires: 'Ważna do {month}/{year}',
  expired: 'Wygasła {month}/{year}',
  remove: 'Usuń',
  confirm: 'Usunąć kartę {card}?',
  confirmRemove: 'Usuń kartę',
  cancel: 'Anuluj',
  removing: 'Usuwanie…',
  removed: 'Karta {card} została usunięta.',
  removeFailed: 'Nie udało się usunąć karty {card}. Spróbuj ponownie.',
  notFound: 'Karta {card} nie jest już zapisana.',
} satisfies SavedCardsMessages;
