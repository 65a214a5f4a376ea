import type { SavedCardsMessages } from '../i18n.js';

/** Hindi: the texts of <smartpay-saved-cards>. */
export default {
  list: 'सहेजे गए कार्ड',
  loading: 'आपके सहेजे गए कार्ड लोड हो रहे हैं…',
  empty: 'आपके पास कोई सहेजा गया कार्ड नहीं है।',
  loadFailed: 'आपके सहेजे गए कार्ड लोड नहीं हो सके।',
  tryAgain: 'फिर से कोशिश करें',
  card: '{brand}, अंतिम अंक {last4}',
  expires: 'समाप्ति {month}/{year}',
  expired: 'समाप्त {month}/{year}',
  remove: 'हटाएँ',
  confirm: '{card} हटाएँ?',
  confirmRemove: 'कार्ड हटाएँ',
  cancel: 'रद्द करें',
  removing: 'हटाया जा रहा है…',
  removed: '{card} हटा दिया गया।',
  removeFailed: '{card} हटाया नहीं जा सका। फिर से कोशिश करें।',
  notFound: '{card} अब सहेजा हुआ नहीं है।',
} satisfies SavedCardsMessages;
