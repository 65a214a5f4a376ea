import type { SavedCardsMessages } from '../i18n.js';

/** Hungarian: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Mentett kártyák',
  loading: 'A mentett kártyák betöltése…',
  empty: 'Nincs mentett kártyája.',
  loadFailed: 'A mentett kártyákat nem sikerült betölteni.',
  tryAgain: 'Újra',
  card: '{brand}, végződése {last4}',
  expires: 'Lejárat: {month}/{year}',
  expired: 'Lejárt: {month}/{year}',
  remove: 'Eltávolítás',
  confirm: 'Eltávolítja ezt a kártyát: {card}?',
  confirmRemove: 'Kártya eltávolítása',
  cancel: 'Mégse',
  removing: 'Eltávolítás folyamatban…',
  removed: 'Eltávolítva: {card}.',
  removeFailed: 'Nem sikerült eltávolítani: {card}. Próbálja újra.',
  notFound: 'Ez a kártya már nincs mentve: {card}.',
} satisfies SavedCardsMessages;
