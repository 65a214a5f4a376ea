import { type FormStyle, STYLE_KEYS, type StyleKey } from '../protocol.js';

/** What the merchant passes to renderWidget. */
export interface RenderOptions {
  /** The id of the element the card form goes into. */
  readonly containerId: string;
  /** The tokenId of a PENDING_PAYMENT_FORM token, from POST /network-tokens. */
  readonly tokenId: string;
  /** A language tag such as en-US or de-DE; the form speaks English or German. */
  readonly locale?: string;
  readonly style?: FormStyle;
  readonly successHandler?: (result: RenderResult) => void;
  readonly errorHandler?: (code: string, message: string) => void;
}

/** What the promise resolves with, and successHandler gets. */
export interface RenderResult {
  readonly tokenId: string;
  readonly status: 'PROVISIONING';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/** Long enough for any font stack, short enough that nothing odd hides in it. */
const MAX_STYLE_VALUE = 200;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first thing wrong with renderWidget's options, as a sentence, or undefined. */
export function optionsProblem(options: unknown): string | undefined {
  if (!isObject(options)) return 'renderWidget needs an options object.';
  const { containerId, tokenId, locale, style, successHandler, errorHandler } = options;
  if (typeof containerId !== 'string' || containerId === '') return 'containerId must be a non-empty string.';
  if (typeof tokenId !== 'string' || !UUID.test(tokenId)) return 'tokenId must be the UUID of a token.';
  if (locale !== undefined && (typeof locale !== 'string' || !LOCALE.test(locale))) {
    return 'locale must be a language tag such as en-US.';
  }
  if (successHandler !== undefined && typeof successHandler !== 'function') {
    return 'successHandler must be a function.';
  }
  if (errorHandler !== undefined && typeof errorHandler !== 'function')
    return 'errorHandler must be a function.';
  if (style === undefined) return undefined;
  if (!isObject(style)) return 'style must be an object.';
  for (const [key, value] of Object.entries(style)) {
    if (!STYLE_KEYS.includes(key as StyleKey))
      return `style.${key} is not a style option (${STYLE_KEYS.join(', ')}).`;
    if (typeof value !== 'string' || value.length > MAX_STYLE_VALUE) {
      return `style.${key} must be a string of at most ${MAX_STYLE_VALUE} characters.`;
    }
  }
  return undefined;
}

/** The errorHandler of options that may be invalid, so even bad options get their error callback. */
export function errorHandlerOf(options: unknown): RenderOptions['errorHandler'] {
  return isObject(options) && typeof options.errorHandler === 'function'
    ? (options.errorHandler as RenderOptions['errorHandler'])
    : undefined;
}
