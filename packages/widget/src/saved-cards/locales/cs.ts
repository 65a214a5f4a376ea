import type { SavedCardsMessages } from '../i18n.js';

/** Czech: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Uložené karty',
  loading: 'Načítání uložených karet…',
  empty: 'Nemáte žádné uložené karty.',
  loadFailed: 'Uložené karty se nepodařilo načíst.',
  tryAgain: 'Zkusit znovu',
  card: '{brand} končící {last4}',
  expires: 'Platnost do {month}/{year}',
  expired: 'Platnost vypršela {month}/{year}',
  remove: 'Odebrat',
  confirm: 'Odebrat kartu {card}?',
  confirmRemove: 'Odebrat kartu',
  cancel: 'Zrušit',
  removing: 'Odebírání…',
  removed: 'Karta {card} byla odebrána.',
  removeFailed: 'Kartu {card} se nepodařilo odebrat. Zkuste to znovu.',
  notFound: 'Karta {card} už není uložena.',
} satisfies SavedCardsMessages;
