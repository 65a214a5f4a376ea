/**
 * English texts of `<smartpay-saved-cards>`: the ones every other language translates
 * (locales/<language>.ts, one lazy chunk each) and the only ones in its file. `{name}`
 * placeholders are filled in at run time; `{card}` is the `card` text.
 */
export default {
  list: 'Saved cards',
  loading: 'Loading your saved cards…',
  empty: 'You have no saved cards.',
  loadFailed: 'Your saved cards could not be loaded.',
  tryAgain: 'Try again',
  card: '{brand} ending in {last4}',
  expires: 'Expires {month}/{year}',
  expired: 'Expired {month}/{year}',
  remove: 'Remove',
  confirm: 'Remove {card}?',
  confirmRemove: 'Remove card',
  cancel: 'Cancel',
  removing: 'Removing…',
  removed: '{card} removed.',
  removeFailed: '{card} could not be removed. Try again.',
  notFound: '{card} is no longer saved.',
};
