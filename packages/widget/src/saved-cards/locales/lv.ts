import type { SavedCardsMessages } from '../i18n.js';

/** Latvian: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Saglabātās kartes',
  loading: 'Ielādē saglabātās kartes…',
  empty: 'Jums nav saglabātu karšu.',
  loadFailed: 'Saglabātās kartes neizdevās ielādēt.',
  tryAgain: 'Mēģināt vēlreiz',
  card: '{brand}, beidzas ar {last4}',
  expires: 'Derīga līdz {month}/{year}',
  expired: 'Beigusies {month}/{year}',
  remove: 'Noņemt',
  confirm: 'Vai noņemt {card}?',
  confirmRemove: 'Noņemt karti',
  cancel: 'Atcelt',
  removing: 'Noņem…',
  removed: '{card} ir noņemta.',
  removeFailed: '{card} neizdevās noņemt. Mēģiniet vēlreiz.',
  notFound: '{card} vairs nav saglabāta.',
} satisfies SavedCardsMessages;
