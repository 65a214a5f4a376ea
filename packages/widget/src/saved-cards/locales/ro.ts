import type { SavedCardsMessages } from '../i18n.js';

/** Romanian: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Carduri salvate',
  loading: 'Se încarcă cardurile salvate…',
  empty: 'Nu aveți carduri salvate.',
  loadFailed: 'Cardurile salvate nu au putut fi încărcate.',
  tryAgain: 'Încercați din nou',
  card: '{brand} care se termină în {last4}',
  expires: 'Expiră la {month}/{year}',
  expired: 'A expirat la {month}/{year}',
  remove: 'Eliminați',
  confirm: 'Eliminați {card}?',
  confirmRemove: 'Eliminați cardul',
  cancel: 'Anulați',
  removing: 'Se elimină…',
  removed: '{card} a fost eliminat.',
  removeFailed: '{card} nu a putut fi eliminat. Încercați din nou.',
  notFound: '{card} nu mai este salvat.',
} satisfies SavedCardsMessages;
