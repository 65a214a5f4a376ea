import type { SavedCardsMessages } from '../i18n.js';

/** Traditional Chinese: the texts of <smartpay-saved-cards>. */
export default {
  list: '已儲存的卡片',
  loading: '正在載入已儲存的卡片…',
  empty: '您沒有已儲存的卡片。',
  loadFailed: '無法載入已儲存的卡片。',
  tryAgain: '再試一次',
  card: '{brand}，末四碼 {last4}',
  expires: '有效期限 {month}/{year}',
  expired: '已於 {month}/{year} 過期',
  remove: '移除',
  confirm: '要移除{card}嗎？',
  confirmRemove: '移除卡片',
  cancel: '取消',
  removing: '正在移除…',
  removed: '已移除{card}。',
  removeFailed: '無法移除{card}，請再試一次。',
  notFound: '{card}已不再儲存。',
} satisfies SavedCardsMessages;
