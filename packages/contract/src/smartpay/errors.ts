import { z } from 'zod';

/**
 * SmartPay's 400 body: a list of messages. The API page's own example mixes sentences with
 * `{rule: allowed values}` objects, so both are accepted.
 */
export const validationErrorBodySchema = z.object({
  message: z.array(z.union([z.string(), z.record(z.string(), z.string())])),
});

/** SmartPay's 401, 403, 404 and 500 body: a W3C trace id and a list of errors. */
export const traceErrorBodySchema = z.object({
  traceId: z.string(),
  errors: z.array(
    z.object({
      message: z.string(),
      code: z.string().optional(),
      property: z.string().optional(),
    }),
  ),
});

export type ValidationErrorBody = z.infer<typeof validationErrorBodySchema>;
export type TraceErrorBody = z.infer<typeof traceErrorBodySchema>;

/** The error codes of the API page's examples, by HTTP status. The 500 example has none. */
export const TRACE_ERROR_CODES = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
} as const;
