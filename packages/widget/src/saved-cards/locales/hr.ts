import type { SavedCardsMessages } from '../i18n.js';

/** Croatian: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Spremljene kartice',
  loading: 'Učitavanje spremljenih kartica…',
  empty: 'Nemate spremljenih kartica.',
  loadFailed: 'Spremljene kartice nije moguće učitati.',
  tryAgain: 'Pokušaj ponovno',
  card: '{brand} koja završava s {last4}',
  expires: 'Vrijedi do {month}/{year}',
  expired: 'Istekla {month}/{year}',
  remove: 'Ukloni',
  confirm: 'Ukloniti karticu {card}?',
  confirmRemove: 'Ukloni karticu',
  cancel: 'Odustani',
  removing: 'Uklanjanje…',
  removed: 'Kartica {card} je uklonjena.',
  removeFailed: 'Karticu {card} nije moguće ukloniti. Pokušajte ponovno.',
  notFound: 'Kartica {card} više nije spremljena.',
} satisfies SavedCardsMessages;
