import type card from './english-card-texts.js';
import type en from './locales/en.js';

/**
 * One language's texts, by key: what the `messages` property overrides. In a file of its own, with
 * no import from the contract, because the published type declarations reach it (the contract is
 * bundled into the widget, not a dependency of it). English comes in two parts, the card step's
 * apart: every language has both.
 */
export type Messages = { readonly [K in keyof typeof en | keyof typeof card]: string };
export type MessageKey = keyof Messages;
