import type { SavedCardsMessages } from '../i18n.js';

/** Latin American Spanish: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Tarjetas guardadas',
  loading: 'Cargando tus tarjetas guardadas…',
  empty: 'No tienes tarjetas guardadas.',
  loadFailed: 'No se pudieron cargar tus tarjetas guardadas.',
  tryAgain: 'Intentar de nuevo',
  card: '{brand} terminada en {last4}',
  expires: 'Vence el {month}/{year}',
  expired: 'Venció el {month}/{year}',
  remove: 'Eliminar',
  confirm: '¿Eliminar {card}?',
  confirmRemove: 'Eliminar tarjeta',
  cancel: 'Cancelar',
  removing: 'Eliminando…',
  removed: 'Se eliminó {card}.',
  removeFailed: 'No se pudo eliminar {card}. Intenta de nuevo.',
  notFound: '{card} ya no está guardada.',
} satisfies SavedCardsMessages;
