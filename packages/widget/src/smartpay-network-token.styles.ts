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
 *
 * The order of rules and declarations is the one that gzips smallest (measured on the CDN file);
 * only rules that set the same property depend on their order, and those keep it.
 */
export default css`
  :host {
    color-scheme: light dark;
    text-align: start;
    color: var(--smartpay-color-text, light-dark(#1d2129, #eceef3));
    font: var(--smartpay-font-size, 1rem) / 1.5 var(--smartpay-font-family, system-ui, sans-serif);
    /* Theme values used more than once or read back by #sdkStyle: danger, primary, radius, spacing. */
    --_d: var(--smartpay-color-danger, light-dark(#c22a32, #ff9494));
    --_p: var(--smartpay-color-primary, light-dark(#2f4fd8, #93a8ff));
    --_r: var(--smartpay-radius, 8px);
    --_s: var(--smartpay-spacing, 16px);
    white-space: normal;
    text-indent: 0;
    word-spacing: normal;
    text-transform: none;
    display: block;
    letter-spacing: normal;
    text-shadow: none;
  }
  .sp-root:empty,
  :host([hidden]) {
    display: none;
  }
  .sp-root form,
  :host [part~='base'] {
    margin: 0;
    display: grid;
    gap: var(--_s);
  }
  :host [part~='base'] {
    caret-color: var(--_p);
    background: var(--smartpay-color-background, light-dark(#fff, #1a1c22));
    border: 1px solid light-dark(#dfe2e8, #363a44);
    padding: calc(var(--_s) * 1.25);
    border-radius: calc(var(--_r) * 1.5);
    /* Read back for SmartPay's form (see #sdkStyle); the caret colour also reaches the fields. */
    outline-color: var(--_d);
  }
  :host ol {
    list-style: none;
    display: flex;
    gap: 6px;
    padding: 0;
    margin: 0;
    font-size: 0.8125em;
    color: var(--smartpay-color-muted, light-dark(#596070, #a6adba));
  }
  :host li {
    border-top: 4px solid light-dark(#dfe2e8, #363a44);
    padding-top: 6px;
    flex: 1;
  }
  :host [part~='step-current'],
  :host [part~='step-done'] {
    border-color: var(--_p);
    color: var(--smartpay-color-text, light-dark(#1d2129, #eceef3));
  }
  :host [part~='step-current'],
  :host .title,
  .sp-root legend {
    font-weight: 600;
  }
  .sp-root .sp-check,
  :host .row {
    align-items: center;
    display: flex;
    gap: 10px;
  }
  :host [part~='success'],
  :host [part~='error'] {
    border-inline-start: 4px solid var(--smartpay-color-success, light-dark(#18794e, #62d69f));
    display: grid;
    gap: 8px;
    border-radius: var(--_r);
    padding: var(--_s);
  }
  :host p {
    margin: 0;
  }
  :host :focus-visible,
  .sp-root :focus-visible {
    outline: 2px solid var(--smartpay-color-focus, var(--_p));
    outline-offset: 2px;
  }
  :host [part~='step-failed'],
  :host [part~='error'] {
    border-color: var(--_d);
  }
  :host .spinner {
    animation: sp-spin 0.8s linear infinite;
    border-radius: 50%;
    border: 3px solid var(--_p);
    height: 1.2em;
    border-right-color: transparent;
    width: 1.2em;
    box-sizing: border-box;
  }
  :host button,
  .sp-root button {
    min-height: 44px;
    padding: 0 20px;
    border-radius: var(--_r);
    border: 1px solid var(--_p);
    background: var(--_p);
    color: var(--smartpay-color-on-primary, light-dark(#fff, #0d1330));
    font: 600 1em var(--smartpay-font-family, system-ui, sans-serif);
    justify-self: start;
    cursor: pointer;
  }
  @keyframes sp-spin {
    to {
      transform: rotate(1turn);
    }
  }
  .sp-root fieldset {
    flex-wrap: wrap;
    display: flex;
    gap: 12px var(--_s);
    border: 0;
    padding: 0;
    margin: 0;
    min-width: 0;
  }
  .sp-root .sp-field {
    /* A field beside a taller one (with an error under it) keeps its own height. */
    align-content: start;
    display: grid;
    gap: 4px;
    flex: 100%;
  }
  .sp-root .sp-actions {
    flex-wrap: wrap;
    display: flex;
    gap: 12px;
  }
  .sp-root .sp-note {
    color: var(--smartpay-color-muted, light-dark(#596070, #a6adba));
  }
  .sp-root legend {
    padding: 0 0 12px;
  }
  /* Two short fields share a row when both fit, and stack when they do not. */
  .sp-root .sp-short {
    flex-basis: 12rem;
  }
  :host .sr {
    clip-path: inset(50%);
    white-space: nowrap;
    overflow: hidden;
    height: 1px;
    position: absolute;
    width: 1px;
  }
  .sp-root .sp-input {
    min-height: 44px;
    padding: 8px 12px;
    box-sizing: border-box;
    background: var(--smartpay-color-background, light-dark(#fff, #1a1c22));
    border-radius: var(--_r);
    border: 1px solid var(--smartpay-color-border, light-dark(#868d9a, #737a88));
    font: inherit;
    color: inherit;
    margin: 0;
    width: 100%;
  }
  .sp-root .sp-error {
    margin: 0;
    font-size: 0.875em;
    color: var(--_d);
  }
  .sp-root [aria-invalid='true'] {
    border: 2px solid var(--_d);
  }
  .sp-root [aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }
  [slot='card-form'][aria-busy='true'] {
    overflow: hidden;
    height: 0;
  }
  .sp-root .sp-check {
    min-height: 44px;
  }
  .sp-root [type='checkbox'] {
    height: 20px;
    accent-color: var(--_p);
    margin: 0;
    width: 20px;
  }
  @media (prefers-reduced-motion: reduce) {
    :host .spinner {
      animation: none;
      border-style: dotted;
    }
  }
  .sp-root .sp-secondary,
  :host .sp-secondary {
    color: var(--_p);
    background: none;
  }
  .sp-root[dir='rtl'] [dir='ltr'] {
    text-align: right;
  }
`;
