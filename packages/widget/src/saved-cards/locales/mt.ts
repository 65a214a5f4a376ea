import type { SavedCardsMessages } from '../i18n.js';

/** Maltese: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Karti ssejvjati',
  loading: 'Qed jillowdja l-karti ssejvjati tiegħek…',
  empty: 'M’għandek l-ebda karta ssejvjata.',
  loadFailed: 'Il-karti ssejvjati tiegħek ma setgħux jillowdjaw.',
  tryAgain: 'Erġa’ pprova',
  card: '{brand} li tispiċċa b’{last4}',
  expires: 'Tiskadi {month}/{year}',
  expired: 'Skadiet {month}/{year}',
  remove: 'Neħħi',
  confirm: 'Tneħħi {card}?',
  confirmRemove: 'Neħħi l-karta',
  cancel: 'Ikkanċella',
  removing: 'Qed titneħħa…',
  removed: '{card} tneħħiet.',
  removeFailed: '{card} ma setgħetx titneħħa. Erġa’ pprova.',
  notFound: '{card} m’għadhiex issejvjata.',
} satisfies SavedCardsMessages;
