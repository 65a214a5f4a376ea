import type { SavedCardsMessages } from '../i18n.js';

/** Ukrainian: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Збережені картки',
  loading: 'Завантаження збережених карток…',
  empty: 'У вас немає збережених карток.',
  loadFailed: 'Не вдалося завантажити збережені картки.',
  tryAgain: 'Спробувати ще раз',
  card: '{brand}, закінчується на {last4}',
  expires: 'Дійсна до {month}/{year}',
  expired: 'Термін дії минув {month}/{year}',
  remove: 'Видалити',
  confirm: 'Видалити картку {card}?',
  confirmRemove: 'Видалити картку',
  cancel: 'Скасувати',
  removing: 'Видалення…',
  removed: 'Картку {card} видалено.',
  removeFailed: 'Не вдалося видалити картку {card}. Спробуйте ще раз.',
  notFound: 'Картка {card} більше не збережена.',
} satisfies SavedCardsMessages;
