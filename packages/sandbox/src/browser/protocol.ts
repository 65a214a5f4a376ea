/**
 * What the SDK (on the merchant's page), the hosted card form (in the iframe) and the sandbox say to
 * each other. Shared by both bundles and the sandbox, so the three cannot drift apart.
 */

/** Every postMessage between SDK and frame carries this `source`. */
export const MESSAGE_SOURCE = 'smartpay-sandbox';

/** The codes renderWidget rejects with and passes to errorHandler. */
export const SDK_ERROR_CODES = {
  /** renderWidget was called with bad options. */
  invalidInput: 'ERROR_INVALID_INPUT',
  /** Unknown token, missing container, token no longer waiting for a card, or the form did not load. */
  config: 'ERR_CONFIG',
  /** The token's payment form expired (30 minutes after it was created). */
  timeout: 'ERROR_CHECKOUT_TIMEOUT',
  /** The 3-D Secure challenge failed; the token is ERROR. */
  authenticationFailed: 'ERROR_AUTHENTICATION_FAILED',
} as const;
export type SdkErrorCode = (typeof SDK_ERROR_CODES)[keyof typeof SDK_ERROR_CODES];

/** The `style` option: each key becomes a CSS custom property of the hosted form. */
export const STYLE_KEYS = [
  'colorPrimary',
  'colorText',
  'colorBackground',
  'colorDanger',
  'fontFamily',
  'borderRadius',
  'spacing',
] as const;
export type StyleKey = (typeof STYLE_KEYS)[number];
export type FormStyle = Partial<Record<StyleKey, string>>;

/** Frame → SDK. */
export type FrameMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'resize'; readonly height: number }
  | { readonly type: 'success'; readonly status: 'PROVISIONING' }
  | { readonly type: 'error'; readonly code: SdkErrorCode; readonly message: string };

/** SDK → frame: the options of the latest renderWidget call for the frame's token. */
export type SdkMessage = { readonly type: 'init'; readonly locale: string; readonly style: FormStyle };

/** The envelope both directions use. */
export type Envelope<M> = M & { readonly source: typeof MESSAGE_SOURCE; readonly tokenId: string };

/** How the frame page tells its script where it stands (data-state on <html>). */
export type FrameState = 'open' | 'unknown' | 'closed' | 'expired';

/** Why the form cannot take a card, as the SDK reports it. */
export const FORM_REFUSALS: Record<Exclude<FrameState, 'open'>, { code: SdkErrorCode; message: string }> = {
  unknown: { code: 'ERR_CONFIG', message: 'No token has this tokenId.' },
  closed: { code: 'ERR_CONFIG', message: 'This token no longer waits for a card.' },
  expired: { code: 'ERROR_CHECKOUT_TIMEOUT', message: 'The payment form for this token has expired.' },
};

/** The sandbox's answer to the frame's card and challenge requests. */
export type FormReply =
  | { readonly next: 'provisioning' }
  | { readonly next: 'challenge' }
  | { readonly next: 'failed'; readonly code: SdkErrorCode; readonly message: string };

/** Paths of the hosted form, relative to /sdk/. */
export const FRAME_PATHS = {
  page: 'card-form',
  script: 'card-form.js',
  styles: 'card-form.css',
  card: (tokenId: string) => `card-form/${encodeURIComponent(tokenId)}/card`,
  challenge: (tokenId: string) => `card-form/${encodeURIComponent(tokenId)}/challenge`,
} as const;
