import type { SavedCardsMessages } from '../i18n.js';

/** Thai: the texts of <smartpay-saved-cards>. */
export default {
  list: 'บัตรที่บันทึกไว้',
  loading: 'กำลังโหลดบัตรที่บันทึกไว้…',
  empty: 'คุณไม่มีบัตรที่บันทึกไว้',
  loadFailed: 'โหลดบัตรที่บันทึกไว้ไม่ได้',
  tryAgain: 'ลองอีกครั้ง',
  card: '{brand} ลงท้ายด้วย {last4}',
  expires: 'หมดอายุ {month}/{year}',
  expired: 'หมดอายุแล้วเมื่อ {month}/{year}',
  remove: 'ลบ',
  confirm: 'ลบ {card} ใช่ไหม',
  confirmRemove: 'ลบบัตร',
  cancel: 'ยกเลิก',
  removing: 'กำลังลบ…',
  removed: 'ลบ {card} แล้ว',
  removeFailed: 'ลบ {card} ไม่ได้ โปรดลองอีกครั้ง',
  notFound: '{card} ไม่ได้บันทึกไว้แล้ว',
} satisfies SavedCardsMessages;
