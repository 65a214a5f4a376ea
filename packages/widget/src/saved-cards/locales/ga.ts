import type { SavedCardsMessages } from '../i18n.js';

/** Irish: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Cártaí sábháilte',
  loading: 'Do chártaí sábháilte á lódáil…',
  empty: 'Níl aon chártaí sábháilte agat.',
  loadFailed: 'Níorbh fhéidir do chártaí sábháilte a lódáil.',
  tryAgain: 'Bain triail eile as',
  card: '{brand} a chríochnaíonn le {last4}',
  expires: 'In éag {month}/{year}',
  expired: 'Imithe in éag {month}/{year}',
  remove: 'Bain',
  confirm: 'An bhfuil tú ag iarraidh {card} a bhaint?',
  confirmRemove: 'Bain an cárta',
  cancel: 'Cealaigh',
  removing: 'Á bhaint…',
  removed: 'Baineadh {card}.',
  removeFailed: 'Níorbh fhéidir {card} a bhaint. Bain triail eile as.',
  notFound: 'Níl {card} sábháilte a thuilleadh.',
} satisfies SavedCardsMessages;
