import type { SavedCardsMessages } from '../i18n.js';

/** Russian: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Сохранённые карты',
  loading: 'Загрузка сохранённых карт…',
  empty: 'У вас нет сохранённых карт.',
  loadFailed: 'Не удалось загрузить сохранённые карты.',
  tryAgain: 'Повторить',
  card: '{brand}, оканчивается на {last4}',
  expires: 'Действует до {month}/{year}',
  expired: 'Срок истёк {month}/{year}',
  remove: 'Удалить',
  confirm: 'Удалить карту {card}?',
  confirmRemove: 'Удалить карту',
  cancel: 'Отмена',
  removing: 'Удаление…',
  removed: 'Карта {card} удалена.',
  removeFailed: 'Не удалось удалить карту {card}. Повторите попытку.',
  notFound: 'Карта {card} больше не сохранена.',
} satisfies SavedCardsMessages;
