/**
 * A bundled page in plain TypeScript: importing `/define` alone registers the tag and types it,
 * its properties and its events (`tsc` checks this file in strict mode).
 */
import '@smartpay/widget/define';

const widget = document.querySelector('smartpay-network-token');
const result = document.querySelector('#result');
if (!widget || !result) throw new Error('the page lost its markup');

widget.integrationFlow =
  new URLSearchParams(location.search).get('flow') === 'direct' ? 'direct' : 'payment-form';
widget.addEventListener('smartpay-token-active', (event) => {
  const { tokenId, card } = event.detail;
  const last4: string | undefined = card?.last4;
  result.textContent = `Saved: ${card?.brand} ending in ${last4}`;
  result.setAttribute('data-token-id', tokenId);
});
widget.addEventListener('smartpay-error', (event) => {
  const { code, retryable } = event.detail;
  result.textContent = `Not saved: ${code}${retryable ? ' (try again)' : ''}`;
});
