import type { SavedCardsMessages } from '../i18n.js';

/** German: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Gespeicherte Karten',
  loading: 'Gespeicherte Karten werden geladen…',
  empty: 'Sie haben keine gespeicherten Karten.',
  loadFailed: 'Ihre gespeicherten Karten konnten nicht geladen werden.',
  tryAgain: 'Erneut versuchen',
  card: '{brand} mit Endziffern {last4}',
  expires: 'Gültig bis {month}/{year}',
  expired: 'Abgelaufen {month}/{year}',
  remove: 'Entfernen',
  confirm: '{card} entfernen?',
  confirmRemove: 'Karte entfernen',
  cancel: 'Abbrechen',
  removing: 'Wird entfernt…',
  removed: '{card} wurde entfernt.',
  removeFailed: '{card} konnte nicht entfernt werden. Bitte erneut versuchen.',
  notFound: '{card} ist nicht mehr gespeichert.',
} satisfies SavedCardsMessages;
