import type { SavedCardsMessages } from '../i18n.js';

/** Slovak: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Uložené karty',
  loading: 'Načítavajú sa uložené karty…',
  empty: 'Nemáte žiadne uložené karty.',
  loadFailed: 'Uložené karty sa nepodarilo načítať.',
  tryAgain: 'Skúsiť znova',
  card: '{brand} končiaca {last4}',
  expires: 'Platnosť do {month}/{year}',
  expired: 'Platnosť uplynula {month}/{year}',
  remove: 'Odstrániť',
  confirm: 'Odstrániť kartu {card}?',
  confirmRemove: 'Odstrániť kartu',
  cancel: 'Zrušiť',
  removing: 'Odstraňuje sa…',
  removed: 'Karta {card} bola odstránená.',
  removeFailed: 'Kartu {card} sa nepodarilo odstrániť. Skúste to znova.',
  notFound: 'Karta {card} už nie je uložená.',
} satisfies SavedCardsMessages;
