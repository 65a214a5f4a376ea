import type { SavedCardsMessages } from '../i18n.js';

/** Italian: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Carte salvate',
  loading: 'Caricamento delle carte salvate…',
  empty: 'Non hai carte salvate.',
  loadFailed: 'Impossibile caricare le carte salvate.',
  tryAgain: 'Riprova',
  card: '{brand} che termina con {last4}',
  expires: 'Scade il {month}/{year}',
  expired: 'Scaduta il {month}/{year}',
  remove: 'Rimuovi',
  confirm: 'Rimuovere {card}?',
  confirmRemove: 'Rimuovi carta',
  cancel: 'Annulla',
  removing: 'Rimozione…',
  removed: '{card} rimossa.',
  removeFailed: 'Impossibile rimuovere {card}. Riprova.',
  notFound: '{card} non è più salvata.',
} satisfies SavedCardsMessages;
