import type { SavedCardsMessages } from '../i18n.js';

/** Brazilian Portuguese: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Cartões salvos',
  loading: 'Carregando seus cartões salvos…',
  empty: 'Você não tem cartões salvos.',
  loadFailed: 'Não foi possível carregar seus cartões salvos.',
  tryAgain: 'Tentar novamente',
  card: '{brand} com final {last4}',
  expires: 'Válido até {month}/{year}',
  expired: 'Vencido em {month}/{year}',
  remove: 'Remover',
  confirm: 'Remover {card}?',
  confirmRemove: 'Remover cartão',
  cancel: 'Cancelar',
  removing: 'Removendo…',
  removed: '{card} removido.',
  removeFailed: 'Não foi possível remover {card}. Tente novamente.',
  notFound: '{card} não está mais salvo.',
} satisfies SavedCardsMessages;
