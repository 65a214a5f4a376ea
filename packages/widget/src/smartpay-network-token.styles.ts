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
    /* Theme values used more than once or read back by #sdkStyle: primary, danger, radius, spacing. */
    --_p: var(--smartpay-color-primary, light-dark(#2f4fd8, #93a8ff));
    --_d: var(--smartpay-color-danger, light-dark(#c22a32, #ff9494));
    --_r: var(--smartpay-radius, 8px);
    --_s: var(--smartpay-spacing, 16px);
    color-scheme: light dark;
    display: block;
    font: var(--smartpay-font-size, 1rem) / 1.5 var(--smartpay-font-family, system-ui, sans-serif);
    color: var(--smartpay-color-text, light-dark(#1d2129, #eceef3));
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
    gap: var(--_s);
    margin: 0;
  }
  :host [part~='base'] {
    padding: calc(var(--_s) * 1.25);
    background: var(--smartpay-color-background, light-dark(#fff, #1a1c22));
    /* Read back for SmartPay's form (see #sdkStyle); the caret colour also reaches the fields. */
    caret-color: var(--_p);
    outline-color: var(--_d);
    border: 1px solid light-dark(#dfe2e8, #363a44);
    border-radius: calc(var(--_r) * 1.5);
  }
  :host ol {
    display: flex;
    gap: 6px;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.8125em;
    color: var(--smartpay-color-muted, light-dark(#596070, #a6adba));
  }
  :host li {
    flex: 1;
    padding-top: 6px;
    border-top: 4px solid light-dark(#dfe2e8, #363a44);
  }
  :host [part~='step-done'],
  :host [part~='step-current'] {
    border-color: var(--_p);
    color: var(--smartpay-color-text, light-dark(#1d2129, #eceef3));
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
    padding: var(--_s);
    border-inline-start: 4px solid var(--smartpay-color-success, light-dark(#18794e, #62d69f));
    border-radius: var(--_r);
  }
  :host [part~='step-failed'],
  :host [part~='error'] {
    border-color: var(--_d);
  }
  :host .spinner {
    width: 1.2em;
    height: 1.2em;
    box-sizing: border-box;
    border: 3px solid var(--_p);
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
    font: 600 1em var(--smartpay-font-family, system-ui, sans-serif);
    color: var(--smartpay-color-on-primary, light-dark(#fff, #0d1330));
    background: var(--_p);
    border: 1px solid var(--_p);
    border-radius: var(--_r);
    cursor: pointer;
    justify-self: start;
  }
  :host :focus-visible,
  .sp-root :focus-visible {
    outline: 2px solid var(--smartpay-color-focus, var(--_p));
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
    gap: 12px var(--_s);
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
    flex: 100%;
    /* A field beside a taller one (with an error under it) keeps its own height. */
    align-content: start;
    gap: 4px;
  }
  /* Two short fields share a row when both fit, and stack when they do not. */
  .sp-root .sp-short {
    flex-basis: 12rem;
  }
  .sp-root .sp-note {
    color: var(--smartpay-color-muted, light-dark(#596070, #a6adba));
  }
  .sp-root .sp-input {
    box-sizing: border-box;
    width: 100%;
    min-height: 44px;
    margin: 0;
    padding: 8px 12px;
    font: inherit;
    color: inherit;
    background: var(--smartpay-color-background, light-dark(#fff, #1a1c22));
    border: 1px solid var(--smartpay-color-border, light-dark(#868d9a, #737a88));
    border-radius: var(--_r);
  }
  .sp-root[dir='rtl'] [dir='ltr'] {
    text-align: right;
  }
  .sp-root [aria-invalid='true'] {
    border: 2px solid var(--_d);
  }
  .sp-root .sp-error {
    margin: 0;
    font-size: 0.875em;
    color: var(--_d);
  }
  .sp-root .sp-check {
    min-height: 44px;
  }
  .sp-root [type='checkbox'] {
    width: 20px;
    height: 20px;
    margin: 0;
    accent-color: var(--_p);
  }
  .sp-root .sp-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 12px;
  }
  :host .sp-secondary,
  .sp-root .sp-secondary {
    color: var(--_p);
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
