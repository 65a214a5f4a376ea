// The page's own script: it only listens to the element the CDN file defined.
const result = document.querySelector('#result');
const widget = document.querySelector('smartpay-network-token');
widget.addEventListener('smartpay-token-active', (event) => {
  result.textContent = `Saved: ${event.detail.card?.brand} ending in ${event.detail.card?.last4}`;
});
widget.addEventListener('smartpay-error', (event) => {
  result.textContent = `Not saved: ${event.detail.code}`;
});
