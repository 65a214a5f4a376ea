/** The plain-HTML example: the element comes from the CDN file; this only listens to it. */
import './example.css';

const result = document.querySelector('#result')!;
const widget = document.querySelector('smartpay-network-token')!;
widget.addEventListener('smartpay-token-active', (event) => {
  const { card } = (event as CustomEvent).detail;
  result.textContent = `Saved: ${card?.brand} ending in ${card?.last4}`;
});
widget.addEventListener('smartpay-error', (event) => {
  result.textContent = `Not saved: ${(event as CustomEvent).detail.code}`;
});
