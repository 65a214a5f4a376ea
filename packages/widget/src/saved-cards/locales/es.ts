import type { SavedCardsMessages } from '../i18n.js';

/** Spanish (Spain): the texts of <smartpay-saved-cards>. */
export default {
  list: 'Tarjetas guardadas',
  loading: 'Cargando tus tarjetas guardadas…',
  empty: 'No tienes tarjetas guardadas.',
  loadFailed: 'No se han podido cargar tus tarjetas guardadas.',
  tryAgain: 'Reintentar',
  card: '{brand} terminada en {last4}',
  expires: 'Caduca el {month}/{year}',
  expired: 'Caducó el {month}/{year}',
  remove: 'Eliminar',
  confirm: '¿Eliminar {card}?',
  confirmRemove: 'Eliminar tarjeta',
  cancel: 'Cancelar',
  removing: 'Eliminando…',
  removed: 'Se ha eliminado {card}.',
  removeFailed: 'No se ha podido eliminar {card}. Inténtalo de nuevo.',
  notFound: '{card} ya no está guardada.',
} satisfies SavedCardsMessages;
