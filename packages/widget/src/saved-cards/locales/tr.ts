import type { SavedCardsMessages } from '../i18n.js';

/** Turkish: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Kayıtlı kartlar',
  loading: 'Kayıtlı kartlarınız yükleniyor…',
  empty: 'Kayıtlı kartınız yok.',
  loadFailed: 'Kayıtlı kartlarınız yüklenemedi.',
  tryAgain: 'Tekrar dene',
  card: 'Son dört hanesi {last4} olan {brand}',
  expires: 'Son kullanma {month}/{year}',
  expired: 'Süresi doldu {month}/{year}',
  remove: 'Kaldır',
  confirm: '{card} kaldırılsın mı?',
  confirmRemove: 'Kartı kaldır',
  cancel: 'İptal',
  removing: 'Kaldırılıyor…',
  removed: '{card} kaldırıldı.',
  removeFailed: '{card} kaldırılamadı. Tekrar deneyin.',
  notFound: '{card} artık kayıtlı değil.',
} satisfies SavedCardsMessages;
