/**
 * The demo checkout: a merchant page that uses <smartpay-network-token> only through the widget's
 * public entry, logs every smartpay-* event, and lets a visitor switch flow and language. Under the
 * checkout, <smartpay-saved-cards> lists the session's saved cards, refreshed when one is saved.
 */
import '@smartpay/widget/define';
import '@smartpay/widget/saved-cards/define';
import './styles.css';
import { TEST_CARDS } from './test-cards.ts';

const EVENTS = [
  'smartpay-ready',
  'smartpay-token-created',
  'smartpay-status-change',
  'smartpay-token-active',
  'smartpay-error',
] as const;

const widget = document.querySelector('smartpay-network-token')!;
const savedCards = document.querySelector('smartpay-saved-cards')!;
const log = document.querySelector<HTMLOListElement>('#event-log')!;
const outcome = document.querySelector<HTMLParagraphElement>('#outcome')!;

function renderTestCards() {
  const body = document.querySelector('#test-cards')!;
  for (const card of TEST_CARDS) {
    const row = document.createElement('tr');
    const number = document.createElement('td');
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.className = 'card-number';
    copy.textContent = card.number;
    copy.title = 'Copy to the clipboard';
    copy.addEventListener('click', () => {
      void navigator.clipboard?.writeText(card.number.replaceAll(' ', '')).then(() => {
        copy.dataset.copied = 'true';
        setTimeout(() => delete copy.dataset.copied, 1200);
      });
    });
    number.append(copy);
    const what = document.createElement('td');
    what.textContent = card.outcome;
    row.append(number, what);
    body.append(row);
  }
}

function logEvent(event: Event) {
  const entry = document.createElement('li');
  const name = document.createElement('strong');
  name.textContent = event.type;
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString();
  const detail = document.createElement('pre');
  detail.textContent = JSON.stringify((event as CustomEvent).detail, null, 2);
  entry.append(time, ' ', name, detail);
  log.prepend(entry);
}

const BRAND_NAMES: Record<string, string> = { VISA: 'Visa', MASTERCARD: 'Mastercard' };

function showOutcome(event: Event) {
  const detail = (event as CustomEvent).detail;
  outcome.hidden = false;
  outcome.dataset.kind = event.type === 'smartpay-token-active' ? 'success' : 'error';
  outcome.textContent =
    event.type === 'smartpay-token-active'
      ? `Card saved: ${BRAND_NAMES[detail.card?.brand] ?? 'Card'} ending in ${detail.card?.last4 ?? '····'}. Your service plan is set up.`
      : `The card was not saved (${detail.code}). The form explains what to do next.`;
}

for (const type of EVENTS) widget.addEventListener(type, logEvent);
widget.addEventListener('smartpay-token-active', showOutcome);
widget.addEventListener('smartpay-error', showOutcome);
widget.addEventListener('smartpay-token-created', () => {
  outcome.hidden = true;
});
widget.addEventListener('smartpay-token-active', () => void savedCards.refresh());
savedCards.addEventListener('smartpay-card-removed', logEvent);

for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="flow"]')) {
  radio.addEventListener('change', () => widget.setAttribute('integration-flow', radio.value));
}
document.querySelector<HTMLSelectElement>('#locale')!.addEventListener('change', (event) => {
  const locale = (event.target as HTMLSelectElement).value;
  widget.setAttribute('locale', locale);
  savedCards.setAttribute('locale', locale);
  document.documentElement.lang = locale;
});
document.querySelector('#clear-log')!.addEventListener('click', () => log.replaceChildren());

renderTestCards();
