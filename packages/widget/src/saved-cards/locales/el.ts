import type { SavedCardsMessages } from '../i18n.js';

/** Greek: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Αποθηκευμένες κάρτες',
  loading: 'Φόρτωση των αποθηκευμένων καρτών σας…',
  empty: 'Δεν έχετε αποθηκευμένες κάρτες.',
  loadFailed: 'Δεν ήταν δυνατή η φόρτωση των αποθηκευμένων καρτών σας.',
  tryAgain: 'Δοκιμάστε ξανά',
  card: '{brand} που λήγει σε {last4}',
  expires: 'Ισχύει έως {month}/{year}',
  expired: 'Έληξε {month}/{year}',
  remove: 'Αφαίρεση',
  confirm: 'Αφαίρεση της κάρτας {card};',
  confirmRemove: 'Αφαίρεση κάρτας',
  cancel: 'Ακύρωση',
  removing: 'Αφαίρεση…',
  removed: 'Η κάρτα {card} αφαιρέθηκε.',
  removeFailed: 'Δεν ήταν δυνατή η αφαίρεση της κάρτας {card}. Δοκιμάστε ξανά.',
  notFound: 'Η κάρτα {card} δεν είναι πλέον αποθηκευμένη.',
} satisfies SavedCardsMessages;
