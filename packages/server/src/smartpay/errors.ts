/**
 * @module
 * Typed SmartPay failures, made by one factory from an HTTP answer (`SmartPayError.from`) or by
 * the transport for failures without one. Raw upstream bodies are never kept: only the trace id,
 * the first error code and the messages, which never reach a browser.
 */
import { traceErrorBodySchema, validationErrorBodySchema } from '@smartpay/contract';

/** The two calls of the SmartPay network-token API. */
export type SmartPayOperation = 'createToken' | 'getToken';

export interface SmartPayErrorDetails {
  operation: SmartPayOperation;
  /** The create's integration flow, when the failure answers a create. */
  integrationFlow?: string;
  statusCode?: number;
  traceId?: string;
  upstreamCode?: string;
  messages?: readonly string[];
  /** The request fields SmartPay named (`cardDetails.brand`), from its messages or `property`. */
  fields?: readonly string[];
  /** From `Retry-After`, in milliseconds. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** An HTTP answer from SmartPay, as the factory needs it. */
export interface SmartPayAnswer {
  status: number;
  bodyText: string;
  retryAfterMs?: number | undefined;
}

/** Base of every SmartPay failure. */
export class SmartPayError extends Error {
  override readonly name: string = 'SmartPayError';
  readonly operation: SmartPayOperation;
  readonly integrationFlow: string | undefined;
  readonly statusCode: number | undefined;
  readonly traceId: string | undefined;
  readonly upstreamCode: string | undefined;
  /** SmartPay's own sentences; for the merchant's debugging, never for a browser or a log. */
  readonly messages: readonly string[];
  /** The request fields SmartPay named in a 400, e.g. `cardDetails.brand` (dotted paths, deduplicated). */
  readonly fields: readonly string[];
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: SmartPayErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.operation = details.operation;
    this.integrationFlow = details.integrationFlow;
    this.fields = details.fields ?? [];
    this.statusCode = details.statusCode;
    this.traceId = details.traceId;
    this.upstreamCode = details.upstreamCode;
    this.messages = details.messages ?? [];
    this.retryAfterMs = details.retryAfterMs;
  }

  /**
   * The one factory: a non-2xx answer (either error body shape, or none) to its typed error.
   * `integrationFlow` is the create's flow, so a refusal can be told apart from our own bug.
   */
  static from(answer: SmartPayAnswer, operation: SmartPayOperation, integrationFlow?: string): SmartPayError {
    const details: SmartPayErrorDetails = {
      operation,
      ...(integrationFlow === undefined ? {} : { integrationFlow }),
      statusCode: answer.status,
      ...readErrorBody(answer.bodyText),
      ...(answer.retryAfterMs === undefined ? {} : { retryAfterMs: answer.retryAfterMs }),
    };
    const status = answer.status;
    if (status === 400) return new SmartPayInvalidRequestError('SmartPay refused the request body', details);
    if (status === 401) return new SmartPayAuthenticationError('SmartPay refused the merchant keys', details);
    if (status === 403) return new SmartPayPermissionError('SmartPay refused the merchant access', details);
    if (status === 404) return new SmartPayNotFoundError('SmartPay does not know this token', details);
    if (status === 429) return new SmartPayRateLimitError('SmartPay is rate limiting requests', details);
    if (status === 502 || status === 503 || status === 504) {
      return new SmartPayUnavailableError(`SmartPay is unavailable (HTTP ${status})`, details);
    }
    return new SmartPayApiError(`SmartPay answered HTTP ${status}`, details);
  }
}

/** SmartPayInvalidRequestError: SmartPay answered 400 to a body it considers invalid. */
export class SmartPayInvalidRequestError extends SmartPayError {
  override readonly name = 'SmartPayInvalidRequestError';
}
/** SmartPayAuthenticationError: SmartPay answered 401; the merchant or authentication key is wrong. */
export class SmartPayAuthenticationError extends SmartPayError {
  override readonly name = 'SmartPayAuthenticationError';
}
/** SmartPayPermissionError: SmartPay answered 403; the keys may not do this (or the Origin is not registered). */
export class SmartPayPermissionError extends SmartPayError {
  override readonly name = 'SmartPayPermissionError';
}
/** SmartPayNotFoundError: SmartPay answered 404 for a token id. */
export class SmartPayNotFoundError extends SmartPayError {
  override readonly name = 'SmartPayNotFoundError';
}
/** SmartPayRateLimitError: SmartPay answered 429; `retryAfterMs` says when to try again. */
export class SmartPayRateLimitError extends SmartPayError {
  override readonly name = 'SmartPayRateLimitError';
}
/** SmartPayUnavailableError: SmartPay answered 502, 503 or 504. */
export class SmartPayUnavailableError extends SmartPayError {
  override readonly name = 'SmartPayUnavailableError';
}
/** SmartPayApiError: any other non-2xx answer, 500 included (the fallback of the factory). */
export class SmartPayApiError extends SmartPayError {
  override readonly name = 'SmartPayApiError';
}
/** SmartPayMalformedResponseError: a 2xx answer whose body is not a token (truncated, not JSON, wrong shape). */
export class SmartPayMalformedResponseError extends SmartPayError {
  override readonly name = 'SmartPayMalformedResponseError';
}
/**
 * SmartPayConnectionError: no HTTP answer. `requestSent` is false only when the request provably
 * never left (connection refused, name not resolved): only then is a create safe to repeat.
 */
export class SmartPayConnectionError extends SmartPayError {
  override readonly name = 'SmartPayConnectionError';
  readonly requestSent: boolean;
  constructor(message: string, details: SmartPayErrorDetails & { requestSent: boolean }) {
    super(message, details);
    this.requestSent = details.requestSent;
  }
}
/**
 * SmartPayOAuthError: no access token from SmartPay's token endpoint, so the API call itself was
 * never sent (a create can be repeated). `retryable` for network trouble, 429 and 5xx; not for
 * refused client credentials (`upstreamCode` then holds the OAuth error, e.g. `invalid_client`).
 */
export class SmartPayOAuthError extends SmartPayError {
  override readonly name = 'SmartPayOAuthError';
  readonly retryable: boolean;
  constructor(message: string, details: SmartPayErrorDetails & { retryable: boolean }) {
    super(message, details);
    this.retryable = details.retryable;
  }
}
/** SmartPayTimeoutError: no complete answer within the client's timeout; the request may have been handled. */
export class SmartPayTimeoutError extends SmartPayError {
  override readonly name = 'SmartPayTimeoutError';
}

/**
 * What a message is about: class-validator (and the sandbox) start every sentence with the property
 * path (`cardDetails.expiryYear must be …`) or the header name (`Origin is required`). Prose gives
 * its first word, which the caller ignores when it is no field it knows.
 */
const LEADING_PATH = /^([A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$]*|\.\d+)*) /;

function fieldsNamed(texts: readonly string[]): string[] {
  const fields = texts.map((text) => LEADING_PATH.exec(text)?.[1]).filter((f): f is string => !!f);
  return [...new Set(fields)];
}

/** What an error body tells, whichever of SmartPay's shapes it has; nothing for anything else. */
function readErrorBody(
  text: string,
): Pick<SmartPayErrorDetails, 'traceId' | 'upstreamCode' | 'messages' | 'fields'> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  const trace = traceErrorBodySchema.safeParse(body);
  if (trace.success) {
    const code = trace.data.errors.find((e) => e.code)?.code;
    const properties = trace.data.errors.map((e) => e.property).filter((p): p is string => !!p);
    return {
      traceId: trace.data.traceId,
      ...(code ? { upstreamCode: code } : {}),
      messages: trace.data.errors.map((e) => e.message),
      fields: [...new Set(properties)],
    };
  }
  const validation = validationErrorBodySchema.safeParse(body);
  if (validation.success) {
    // Entries are sentences, or {rule: allowed values} objects whose rule starts with the path.
    const rules = validation.data.message.flatMap((m) => (typeof m === 'string' ? [m] : Object.keys(m)));
    return {
      messages: validation.data.message.map((m) =>
        typeof m === 'string'
          ? m
          : Object.entries(m)
              .map(([rule, values]) => `${rule}: ${values}`)
              .join('; '),
      ),
      fields: fieldsNamed(rules),
    };
  }
  // The API page's other documented shape: {error, errorDetails, message}.
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const { message, error } = body as { message: unknown; error?: unknown };
    const messages = (Array.isArray(message) ? message : [message]).filter(
      (m): m is string => typeof m === 'string',
    );
    return { ...(typeof error === 'string' ? { upstreamCode: error } : {}), messages };
  }
  return {};
}
