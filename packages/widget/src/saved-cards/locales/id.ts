import type { SavedCardsMessages } from '../i18n.js';

/** Indonesian: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Kartu tersimpan',
  loading: 'Memuat kartu tersimpan Anda…',
  empty: 'Anda tidak memiliki kartu tersimpan.',
  loadFailed: 'Kartu tersimpan Anda tidak dapat dimuat.',
  tryAgain: 'Coba lagi',
  card: '{brand} berakhiran {last4}',
  expires: 'Berlaku hingga {month}/{year}',
  expired: 'Kedaluwarsa {month}/{year}',
  remove: 'Hapus',
  confirm: 'Hapus {card}?',
  confirmRemove: 'Hapus kartu',
  cancel: 'Batal',
  removing: 'Menghapus…',
  removed: '{card} dihapus.',
  removeFailed: '{card} tidak dapat dihapus. Coba lagi.',
  notFound: '{card} tidak lagi tersimpan.',
} satisfies SavedCardsMessages;
