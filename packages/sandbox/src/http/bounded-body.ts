import { type FieldIssue, issueAt } from '@smartpay/contract/core';

/**
 * The largest body the sandbox reads (JSON or form). A valid create request is a few kilobytes. SmartPay's
 * API page lists no 413, so a larger body is a 400 like any other body problem.
 */
export const SANDBOX_BODY_LIMIT_BYTES = 64 * 1024;

/** The parsed JSON, or the field issue (path `''`: the body) that goes into a 400 `{message: [...]}`. */
export type JsonOrFieldIssue = { ok: true; value: unknown } | { ok: false; issue: FieldIssue };

/**
 * Reads a request body as JSON, refusing bodies over SANDBOX_BODY_LIMIT_BYTES without reading them whole.
 * It never throws: a problem comes back as a field issue on the body, so it joins the other problems
 * of one 400 (unlike the merchant server's reader, which throws 413/415/400 errors).
 */
export async function readJsonOrFieldIssue(request: Request): Promise<JsonOrFieldIssue> {
  const tooLarge = issueAt('', {
    code: 'too_long',
    rule: `must be at most ${SANDBOX_BODY_LIMIT_BYTES} bytes`,
  });
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > SANDBOX_BODY_LIMIT_BYTES) return { ok: false, issue: tooLarge };
  const text = await readTextUpTo(request, SANDBOX_BODY_LIMIT_BYTES);
  if (text === undefined) return { ok: false, issue: tooLarge };
  if (text.trim() === '') return { ok: false, issue: issueAt('', { code: 'required' }) };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, issue: issueAt('', { code: 'invalid_format', rule: 'must be valid JSON' }) };
  }
}

/** The body as text, or undefined as soon as it passes `limit` bytes. */
export async function readTextUpTo(request: Request, limit: number): Promise<string | undefined> {
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
