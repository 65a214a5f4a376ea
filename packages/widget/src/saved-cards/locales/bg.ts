import type { SavedCardsMessages } from '../i18n.js';

/** Bulgarian: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Запазени карти',
  loading: 'Зареждане на запазените карти…',
  empty: 'Нямате запазени карти.',
  loadFailed: 'Запазените карти не можаха да се заредят.',
  tryAgain: 'Опитайте отново',
  card: '{brand}, завършваща на {last4}',
  expires: 'Валидна до {month}/{year}',
  expired: 'Изтекла на {month}/{year}',
  remove: 'Премахване',
  confirm: 'Да се премахне ли {card}?',
  confirmRemove: 'Премахване на картата',
  cancel: 'Отказ',
  removing: 'Премахване…',
  removed: '{card} е премахната.',
  removeFailed: '{card} не можа да се премахне. Опитайте отново.',
  notFound: '{card} вече не е запазена.',
} satisfies SavedCardsMessages;
