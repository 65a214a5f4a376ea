import type { SavedCardsMessages } from '../i18n.js';

/** European Portuguese: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Cartões guardados',
  loading: 'A carregar os seus cartões guardados…',
  empty: 'Não tem cartões guardados.',
  loadFailed: 'Não foi possível carregar os seus cartões guardados.',
  tryAgain: 'Tentar novamente',
  card: '{brand} terminado em {last4}',
  expires: 'Válido até {month}/{year}',
  expired: 'Expirou em {month}/{year}',
  remove: 'Remover',
  confirm: 'Remover {card}?',
  confirmRemove: 'Remover cartão',
  cancel: 'Cancelar',
  removing: 'A remover…',
  removed: '{card} removido.',
  removeFailed: 'Não foi possível remover {card}. Tente novamente.',
  notFound: '{card} já não está guardado.',
} satisfies SavedCardsMessages;
