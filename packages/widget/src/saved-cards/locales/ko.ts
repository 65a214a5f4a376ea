import type { SavedCardsMessages } from '../i18n.js';

/** Korean: the texts of <smartpay-saved-cards>. */
export default {
  list: '저장된 카드',
  loading: '저장된 카드를 불러오는 중…',
  empty: '저장된 카드가 없습니다.',
  loadFailed: '저장된 카드를 불러오지 못했습니다.',
  tryAgain: '다시 시도',
  card: '{brand} 끝자리 {last4}',
  expires: '유효기간 {month}/{year}',
  expired: '만료됨 {month}/{year}',
  remove: '삭제',
  confirm: '{card}을(를) 삭제할까요?',
  confirmRemove: '카드 삭제',
  cancel: '취소',
  removing: '삭제 중…',
  removed: '{card}을(를) 삭제했습니다.',
  removeFailed: '{card}을(를) 삭제하지 못했습니다. 다시 시도하세요.',
  notFound: '{card}은(는) 더 이상 저장되어 있지 않습니다.',
} satisfies SavedCardsMessages;
