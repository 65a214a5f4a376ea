import type { SavedCardsMessages } from '../i18n.js';

/** Arabic, right to left: the texts of <smartpay-saved-cards>. */
export default {
  list: 'البطاقات المحفوظة',
  loading: 'جارٍ تحميل بطاقاتك المحفوظة…',
  empty: 'لا توجد لديك بطاقات محفوظة.',
  loadFailed: 'تعذّر تحميل بطاقاتك المحفوظة.',
  tryAgain: 'إعادة المحاولة',
  card: '{brand} المنتهية بالرقم {last4}',
  expires: 'تنتهي صلاحيتها في {month}/{year}',
  expired: 'انتهت صلاحيتها في {month}/{year}',
  remove: 'إزالة',
  confirm: 'هل تريد إزالة {card}؟',
  confirmRemove: 'إزالة البطاقة',
  cancel: 'إلغاء',
  removing: 'جارٍ الإزالة…',
  removed: 'تمت إزالة {card}.',
  removeFailed: 'تعذّرت إزالة {card}. أعد المحاولة.',
  notFound: 'لم تعد {card} محفوظة.',
} satisfies SavedCardsMessages;
