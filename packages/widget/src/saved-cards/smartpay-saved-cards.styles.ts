import { css } from '../internal/widget-element.js';

/**
 * What `<smartpay-saved-cards>` adds to the stylesheet it shares with `<smartpay-network-token>`
 * (the theme's custom properties, the frame, buttons, focus rings, the error panel, the spinner):
 * the list of cards, the expired mark and the inline confirmation.
 */
export default css`
  :host ul {
    display: grid;
    gap: 8px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  /* The card's text beside its button; the text wraps first, the confirmation takes the whole row. */
  :host li {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 8px var(--_space);
    align-items: center;
    padding: 12px var(--_space);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
  }
  :host .card {
    display: grid;
  }
  :host .card span:first-child {
    font-weight: 600;
  }
  :host .expiry {
    color: var(--_muted);
  }
  :host [part~='card-expired'] {
    border-inline-start: 4px solid var(--_danger);
  }
  :host [part~='card-expired'] .expiry,
  :host [part~='card-error'] {
    color: var(--_danger);
  }
  :host [part~='card-error'] {
    font-size: 0.875em;
  }
  :host [part~='card-error'],
  :host [part~='confirm'] {
    grid-column: 1 / -1;
  }
  :host [part~='confirm'] {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 12px;
    align-items: center;
  }
  :host [part~='confirm'] p {
    flex-basis: 100%;
  }
  :host [part~='confirm-button'] {
    color: var(--_bg);
    background: var(--_danger);
    border-color: var(--_danger);
  }
  :host [aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  :host [dir='rtl'] .card [dir='ltr'] {
    text-align: right;
  }
`;
