import type { SavedCardsMessages } from '../i18n.js';

/** Simplified Chinese: the texts of <smartpay-saved-cards>. */
export default {
  list: '已保存的卡',
  loading: '正在加载已保存的卡…',
  empty: '您没有已保存的卡。',
  loadFailed: '无法加载已保存的卡。',
  tryAgain: '重试',
  card: '{brand}，尾号 {last4}',
  expires: '有效期至 {month}/{year}',
  expired: '已于 {month}/{year} 过期',
  remove: '移除',
  confirm: '要移除{card}吗？',
  confirmRemove: '移除卡',
  cancel: '取消',
  removing: '正在移除…',
  removed: '已移除{card}。',
  removeFailed: '无法移除{card}，请重试。',
  notFound: '{card}已不再保存。',
} satisfies SavedCardsMessages;
