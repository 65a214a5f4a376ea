import type { SavedCardsMessages } from '../i18n.js';

/** Finnish: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Tallennetut kortit',
  loading: 'Ladataan tallennettuja kortteja…',
  empty: 'Sinulla ei ole tallennettuja kortteja.',
  loadFailed: 'Tallennettuja kortteja ei voitu ladata.',
  tryAgain: 'Yritä uudelleen',
  card: '{brand}, päättyy {last4}',
  expires: 'Voimassa {month}/{year}',
  expired: 'Vanhentunut {month}/{year}',
  remove: 'Poista',
  confirm: 'Poistetaanko {card}?',
  confirmRemove: 'Poista kortti',
  cancel: 'Peruuta',
  removing: 'Poistetaan…',
  removed: '{card} poistettiin.',
  removeFailed: 'Kortin {card} poistaminen epäonnistui. Yritä uudelleen.',
  notFound: '{card} ei ole enää tallennettu.',
} satisfies SavedCardsMessages;
