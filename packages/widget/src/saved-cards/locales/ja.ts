import type { SavedCardsMessages } from '../i18n.js';

/** Japanese: the texts of <smartpay-saved-cards>. */
export default {
  list: '保存済みのカード',
  loading: '保存済みのカードを読み込んでいます…',
  empty: '保存済みのカードはありません。',
  loadFailed: '保存済みのカードを読み込めませんでした。',
  tryAgain: 'もう一度試す',
  card: '{brand} 末尾 {last4}',
  expires: '有効期限 {month}/{year}',
  expired: '期限切れ {month}/{year}',
  remove: '削除',
  confirm: '{card} を削除しますか？',
  confirmRemove: 'カードを削除',
  cancel: 'キャンセル',
  removing: '削除しています…',
  removed: '{card} を削除しました。',
  removeFailed: '{card} を削除できませんでした。もう一度お試しください。',
  notFound: '{card} はもう保存されていません。',
} satisfies SavedCardsMessages;
