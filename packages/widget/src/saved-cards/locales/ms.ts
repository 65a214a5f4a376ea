import type { SavedCardsMessages } from '../i18n.js';

/** Malay: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Kad yang disimpan',
  loading: 'Memuatkan kad yang anda simpan…',
  empty: 'Anda tiada kad yang disimpan.',
  loadFailed: 'Kad yang anda simpan tidak dapat dimuatkan.',
  tryAgain: 'Cuba lagi',
  card: '{brand} berakhir dengan {last4}',
  expires: 'Luput {month}/{year}',
  expired: 'Telah luput {month}/{year}',
  remove: 'Alih keluar',
  confirm: 'Alih keluar {card}?',
  confirmRemove: 'Alih keluar kad',
  cancel: 'Batal',
  removing: 'Mengalih keluar…',
  removed: '{card} telah dialih keluar.',
  removeFailed: '{card} tidak dapat dialih keluar. Cuba lagi.',
  notFound: '{card} tidak lagi disimpan.',
} satisfies SavedCardsMessages;
