import type { SavedCardsMessages } from '../i18n.js';

/** Vietnamese: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Thẻ đã lưu',
  loading: 'Đang tải các thẻ đã lưu…',
  empty: 'Bạn chưa có thẻ nào được lưu.',
  loadFailed: 'Không thể tải các thẻ đã lưu.',
  tryAgain: 'Thử lại',
  card: '{brand} có số cuối {last4}',
  expires: 'Hết hạn {month}/{year}',
  expired: 'Đã hết hạn {month}/{year}',
  remove: 'Xóa',
  confirm: 'Xóa {card}?',
  confirmRemove: 'Xóa thẻ',
  cancel: 'Hủy',
  removing: 'Đang xóa…',
  removed: 'Đã xóa {card}.',
  removeFailed: 'Không thể xóa {card}. Hãy thử lại.',
  notFound: '{card} không còn được lưu.',
} satisfies SavedCardsMessages;
