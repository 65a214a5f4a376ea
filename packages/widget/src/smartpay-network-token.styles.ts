import { css } from './internal/widget-element.js';

/**
 * One stylesheet for both places the widget renders: its shadow root (the frame, the stepper, the
 * status panels: rules under `:host`) and the page or shadow root it sits in, which holds the form
 * in light DOM so autofill and password managers reach it (rules under `.sp-root`; the element
 * adopts the same sheet there). Rules under `:host` never match in a page, so nothing leaks.
 *
 * Every default colour has a dark twin (light-dark), picked by `color-scheme`: the user's
 * preference, unless the page sets `color-scheme` on the element.
 *
 * The host resets what a page's stylesheet would otherwise pass down by inheritance (a centred
 * `#root`, uppercase headings around it, wide letter spacing): the form inherits from the host.
 * Right-to-left languages flip the layout (logical properties); the card number, expiry, CVC,
 * email and phone stay left-to-right, aligned to the right edge like the text around them.
 */
export default css`
  :host {
    /* The theme's values used more than once (or read back by #sdkStyle); the others are written where they are used. */
    --_primary: var(--smartpay-color-primary, light-dark(#2f4fd8, #93a8ff));
    --_text: var(--smartpay-color-text, light-dark(#1d2129, #eceef3));
    --_muted: var(--smartpay-color-muted, light-dark(#596070, #a6adba));
    --_bg: var(--smartpay-color-background, light-dark(#fff, #1a1c22));
    --_danger: var(--smartpay-color-danger, light-dark(#c22a32, #ff9494));
    --_line: light-dark(#dfe2e8, #363a44);
    --_radius: var(--smartpay-radius, 8px);
    --_space: var(--smartpay-spacing, 16px);
    --_font: var(--smartpay-font-family, system-ui, sans-serif);
    color-scheme: light dark;
    display: block;
    font: var(--smartpay-font-size, 1rem) / 1.5 var(--_font);
    color: var(--_text);
    text-align: start;
    text-indent: 0;
    text-transform: none;
    text-shadow: none;
    letter-spacing: normal;
    word-spacing: normal;
    white-space: normal;
  }
  :host([hidden]),
  .sp-root:empty {
    display: none;
  }
  :host [part~='base'],
  .sp-root form {
    display: grid;
    gap: var(--_space);
    margin: 0;
  }
  :host [part~='base'] {
    padding: calc(var(--_space) * 1.25);
    background: var(--_bg);
    /* Read back for SmartPay's form (see #sdkStyle); the caret colour also reaches the fields. */
    caret-color: var(--_primary);
    column-rule-color: var(--_danger);
    border: 1px solid var(--_line);
    border-radius: calc(var(--_radius) * 1.5);
  }
  :host ol {
    display: flex;
    gap: 6px;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.8125em;
    color: var(--_muted);
  }
  :host li {
    flex: 1;
    padding-top: 6px;
    border-top: 4px solid var(--_line);
  }
  :host [part~='step-done'],
  :host [part~='step-current'] {
    border-color: var(--_primary);
    color: var(--_text);
  }
  :host [part~='step-current'],
  :host .title,
  .sp-root legend {
    font-weight: 600;
  }
  :host p {
    margin: 0;
  }
  :host .row,
  .sp-root .sp-check {
    display: flex;
    gap: 10px;
    align-items: center;
  }
  :host [part~='success'],
  :host [part~='error'] {
    display: grid;
    gap: 8px;
    justify-items: start;
    padding: var(--_space);
    border-inline-start: 4px solid var(--smartpay-color-success, light-dark(#18794e, #62d69f));
    border-radius: var(--_radius);
  }
  :host [part~='step-failed'],
  :host [part~='error'] {
    border-color: var(--_danger);
  }
  :host .spinner {
    width: 1.2em;
    height: 1.2em;
    box-sizing: border-box;
    border: 3px solid var(--_primary);
    border-right-color: transparent;
    border-radius: 50%;
    animation: sp-spin 0.8s linear infinite;
  }
  @keyframes sp-spin {
    to {
      transform: rotate(1turn);
    }
  }
  :host button,
  .sp-root button {
    min-height: 44px;
    padding: 0 20px;
    font: 600 1em var(--_font);
    color: var(--smartpay-color-on-primary, light-dark(#fff, #0d1330));
    background: var(--_primary);
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    cursor: pointer;
    justify-self: start;
  }
  :host :focus-visible,
  .sp-root :focus-visible {
    outline: 2px solid var(--smartpay-color-focus, var(--_primary));
    outline-offset: 2px;
  }
  :host .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  [slot='card-form'][aria-busy='true'] {
    height: 0;
    overflow: hidden;
  }
  .sp-root fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: 12px var(--_space);
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .sp-root legend {
    padding: 0 0 12px;
  }
  .sp-root .sp-field {
    display: grid;
    flex: 1 1 100%;
    /* A field beside a taller one (with an error under it) keeps its own height. */
    align-content: start;
    gap: 4px;
  }
  /* Two short fields share a row when both fit, and stack when they do not. */
  .sp-root .sp-short {
    flex-basis: 12rem;
  }
  .sp-root .sp-note {
    color: var(--_muted);
  }
  .sp-root .sp-input {
    box-sizing: border-box;
    width: 100%;
    min-height: 44px;
    margin: 0;
    padding: 8px 12px;
    font: inherit;
    color: inherit;
    background: var(--_bg);
    border: 1px solid var(--smartpay-color-border, light-dark(#868d9a, #737a88));
    border-radius: var(--_radius);
  }
  .sp-root[dir='rtl'] [dir='ltr'] {
    text-align: right;
  }
  .sp-root [aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }
  .sp-root .sp-error {
    margin: 0;
    font-size: 0.875em;
    color: var(--_danger);
  }
  .sp-root .sp-check {
    min-height: 44px;
  }
  .sp-root [type='checkbox'] {
    width: 20px;
    height: 20px;
    margin: 0;
    accent-color: var(--_primary);
  }
  .sp-root .sp-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 12px;
  }
  :host .sp-secondary,
  .sp-root .sp-secondary {
    color: var(--_primary);
    background: none;
  }
  .sp-root [aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  @media (prefers-reduced-motion: reduce) {
    :host .spinner {
      animation: none;
      border-style: dotted;
    }
  }
`;
