import { randomBytes } from 'node:crypto';
import {
  type FieldIssue,
  TRACE_ERROR_CODES,
  type TraceErrorBody,
  type ValidationErrorBody,
} from '@smartpay/contract';

/** One entry of a 400's `message` list: a sentence, or `{rule: allowed values}` (the API page's example). */
export type ValidationMessage = ValidationErrorBody['message'][number];

/** A W3C traceparent-style id, as in the API page's examples: 00-<32 hex>-<16 hex>-00. */
export function traceId(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
}

/** The API page's sentences for its error statuses; the others are the sandbox's own. */
const MESSAGES: Record<number, string> = {
  401: 'You are not authenticated to perform this request.',
  403: 'You do not have permissions to perform this request.',
  404: 'Resource not found.',
  429: 'Too many requests.',
  500: 'Internal server error.',
  503: 'Service unavailable.',
};

/** The `{traceId, errors}` body of a non-400 error. `code` only where the API page gives one. */
export function traceErrorBody(status: number, message = MESSAGES[status]): TraceErrorBody {
  const code = (TRACE_ERROR_CODES as Record<number, string | undefined>)[status];
  const text = message ?? `The request failed with status ${status}.`;
  return { traceId: traceId(), errors: [code ? { message: text, code } : { message: text }] };
}

/**
 * A field problem as SmartPay words it: class-validator's `@IsEnum` gives `{"<path> must be one of
 * the following values": "A, B"}` (the API page's example mixes these with sentences); every other
 * problem is the contract's sentence.
 */
export function validationMessage(issue: FieldIssue): ValidationMessage {
  const values = issue.params?.values;
  if (issue.code === 'invalid_value' && Array.isArray(values)) {
    return { [`${issue.path} must be one of the following values`]: values.join(', ') };
  }
  return issue.message;
}

/** The `{message: [...]}` body of a 400. */
export function validationErrorBody(messages: readonly ValidationMessage[]): ValidationErrorBody {
  return { message: [...messages] };
}

/** A JSON response with SmartPay's error body for `status`: `{message}` for 400, `{traceId, errors}` otherwise. */
export function smartPayErrorResponse(status: number, messages?: readonly ValidationMessage[]): Response {
  const first = messages?.[0];
  const body =
    status === 400
      ? validationErrorBody(messages ?? ['The request is invalid.'])
      : traceErrorBody(status, typeof first === 'string' ? first : undefined);
  return Response.json(body, { status });
}
