import { type FieldIssue, issueAt } from '@smartpay/contract/core';

/** The largest JSON body the sandbox reads. A valid create request is a few kilobytes. */
export const MAX_BODY_BYTES = 64 * 1024;

export type JsonBody = { ok: true; value: unknown } | { ok: false; issue: FieldIssue };

/**
 * Reads a request body as JSON, refusing bodies over MAX_BODY_BYTES without reading them whole.
 * Problems come back as a field issue on the body, so they join the other problems of a 400.
 */
export async function readJsonBody(request: Request): Promise<JsonBody> {
  const tooLarge = issueAt('', { code: 'too_long', rule: `must be at most ${MAX_BODY_BYTES} bytes` });
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > MAX_BODY_BYTES) return { ok: false, issue: tooLarge };
  const text = await readText(request, MAX_BODY_BYTES);
  if (text === undefined) return { ok: false, issue: tooLarge };
  if (text.trim() === '') return { ok: false, issue: issueAt('', { code: 'required' }) };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, issue: issueAt('', { code: 'invalid_format', rule: 'must be valid JSON' }) };
  }
}

/** The body as text, or undefined as soon as it passes `limit` bytes. */
export async function readText(request: Request, limit: number): Promise<string | undefined> {
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
