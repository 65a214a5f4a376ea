import type { SavedCardsMessages } from '../i18n.js';

/** Estonian: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Salvestatud kaardid',
  loading: 'Salvestatud kaartide laadimine…',
  empty: 'Teil pole salvestatud kaarte.',
  loadFailed: 'Salvestatud kaarte ei õnnestunud laadida.',
  tryAgain: 'Proovi uuesti',
  card: '{brand}, lõpeb numbritega {last4}',
  expires: 'Kehtib kuni {month}/{year}',
  expired: 'Aegus {month}/{year}',
  remove: 'Eemalda',
  confirm: 'Kas eemaldada {card}?',
  confirmRemove: 'Eemalda kaart',
  cancel: 'Tühista',
  removing: 'Eemaldamine…',
  removed: '{card} on eemaldatud.',
  removeFailed: 'Kaarti {card} ei õnnestunud eemaldada. Proovige uuesti.',
  notFound: '{card} pole enam salvestatud.',
} satisfies SavedCardsMessages;
