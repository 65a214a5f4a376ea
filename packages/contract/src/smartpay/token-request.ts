import type { z } from 'zod';
import { TOKEN_REQUEST_SPEC } from '../specs.js';
import { bodyOf } from '../zod/build.js';

/** SmartPay's POST /network-tokens body, with every limit of the API page. */
export const tokenRequestSchema = bodyOf(TOKEN_REQUEST_SPEC);

/** A valid POST /network-tokens body. */
export type TokenRequest = z.infer<typeof tokenRequestSchema>;
export type Address = NonNullable<TokenRequest['billingAddress']>;
export type Consumer = NonNullable<TokenRequest['consumer']>;
export type BusinessConsumer = NonNullable<TokenRequest['businessConsumer']>;
export type CardDetails = NonNullable<TokenRequest['cardDetails']>;
