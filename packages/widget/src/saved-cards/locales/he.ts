import type { SavedCardsMessages } from '../i18n.js';

/** Hebrew, right to left: the texts of <smartpay-saved-cards>. */
export default {
  list: 'כרטיסים שמורים',
  loading: 'הכרטיסים השמורים נטענים…',
  empty: 'אין לך כרטיסים שמורים.',
  loadFailed: 'לא ניתן לטעון את הכרטיסים השמורים.',
  tryAgain: 'ניסיון חוזר',
  card: '{brand} המסתיים ב-{last4}',
  expires: 'בתוקף עד {month}/{year}',
  expired: 'פג תוקף ב-{month}/{year}',
  remove: 'הסרה',
  confirm: 'להסיר את {card}?',
  confirmRemove: 'הסרת הכרטיס',
  cancel: 'ביטול',
  removing: 'מסיר…',
  removed: '{card} הוסר.',
  removeFailed: 'לא ניתן להסיר את {card}. יש לנסות שוב.',
  notFound: '{card} כבר אינו שמור.',
} satisfies SavedCardsMessages;
