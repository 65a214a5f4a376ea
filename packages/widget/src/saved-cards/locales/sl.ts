import type { SavedCardsMessages } from '../i18n.js';

/** Slovenian: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Shranjene kartice',
  loading: 'Nalaganje shranjenih kartic…',
  empty: 'Nimate shranjenih kartic.',
  loadFailed: 'Shranjenih kartic ni bilo mogoče naložiti.',
  tryAgain: 'Poskusi znova',
  card: '{brand}, ki se konča s {last4}',
  expires: 'Velja do {month}/{year}',
  expired: 'Potekla {month}/{year}',
  remove: 'Odstrani',
  confirm: 'Želite odstraniti kartico {card}?',
  confirmRemove: 'Odstrani kartico',
  cancel: 'Prekliči',
  removing: 'Odstranjevanje…',
  removed: 'Kartica {card} je odstranjena.',
  removeFailed: 'Kartice {card} ni bilo mogoče odstraniti. Poskusite znova.',
  notFound: 'Kartica {card} ni več shranjena.',
} satisfies SavedCardsMessages;
