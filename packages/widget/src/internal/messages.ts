import type en from './locales/en.js';

/**
 * One language's texts, by key: what the `messages` property overrides. In a file of its own, with
 * no import from the contract, because the published type declarations reach it (the contract is
 * bundled into the widget, not a dependency of it).
 */
export type Messages = { readonly [K in keyof typeof en]: string };
export type MessageKey = keyof Messages;
