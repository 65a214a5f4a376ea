import type { SavedCardsMessages } from '../i18n.js';

/** Norwegian Bokmål: the texts of <smartpay-saved-cards>. */
export default {
  list: 'Lagrede kort',
  loading: 'Henter de lagrede kortene dine…',
  empty: 'Du har ingen lagrede kort.',
  loadFailed: 'Kunne ikke hente de lagrede kortene dine.',
  tryAgain: 'Prøv igjen',
  card: '{brand} som slutter på {last4}',
  expires: 'Utløper {month}/{year}',
  expired: 'Utløpt {month}/{year}',
  remove: 'Fjern',
  confirm: 'Vil du fjerne {card}?',
  confirmRemove: 'Fjern kortet',
  cancel: 'Avbryt',
  removing: 'Fjerner…',
  removed: '{card} er fjernet.',
  removeFailed: 'Kunne ikke fjerne {card}. Prøv igjen.',
  notFound: '{card} er ikke lenger lagret.',
} satisfies SavedCardsMessages;
