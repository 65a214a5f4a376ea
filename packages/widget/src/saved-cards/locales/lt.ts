import type { SavedCardsMessages } from '../i18n.js';

/** Lithuanian: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Išsaugotos kortelės',
  loading: 'Įkeliamos išsaugotos kortelės…',
  empty: 'Neturite išsaugotų kortelių.',
  loadFailed: 'Nepavyko įkelti išsaugotų kortelių.',
  tryAgain: 'Bandyti dar kartą',
  card: '{brand}, baigiasi {last4}',
  expires: 'Galioja iki {month}/{year}',
  expired: 'Nebegalioja nuo {month}/{year}',
  remove: 'Pašalinti',
  confirm: 'Pašalinti {card}?',
  confirmRemove: 'Pašalinti kortelę',
  cancel: 'Atšaukti',
  removing: 'Šalinama…',
  removed: '{card} pašalinta.',
  removeFailed: 'Nepavyko pašalinti {card}. Bandykite dar kartą.',
  notFound: '{card} nebėra išsaugota.',
} satisfies SavedCardsMessages;
