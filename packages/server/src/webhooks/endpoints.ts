/**
 * @module
 * Where webhooks go: each endpoint's URL and its signing secrets (`whsec_` and base64, as Standard
 * Webhooks gives them). During a rotation an endpoint has two secrets and every delivery carries
 * both signatures.
 */

export interface WebhookEndpoint {
  readonly url: string;
  /** One, or several during a rotation: each signs every delivery. */
  readonly secrets: readonly string[];
}

/** `whsec_` and the base64 of 24 to 64 random bytes. */
const SECRET = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;

/** Whether `secret` is a signing secret this server accepts. */
export const isWebhookSecret = (secret: string) => SECRET.test(secret);

/**
 * Pairs `WEBHOOK_URL` (comma-separated) with `WEBHOOK_SECRET` (comma-separated in the same order;
 * within one endpoint, secrets separated by spaces during a rotation). Returns the problems.
 */
export function pairWebhookEndpoints(
  urls: readonly string[],
  secretList: string,
): { endpoints: WebhookEndpoint[]; problems: string[] } {
  const groups = secretList.split(',').map((group) => group.trim().split(/\s+/).filter(Boolean));
  const problems: string[] = [];
  if (groups.length !== urls.length) {
    problems.push(
      `WEBHOOK_SECRET must give one secret (or several, space-separated) per WEBHOOK_URL: ${urls.length} URL(s), ${groups.length} group(s)`,
    );
  }
  if (groups.some((group) => group.length === 0 || !group.every(isWebhookSecret))) {
    problems.push(
      'WEBHOOK_SECRET must hold whsec_ secrets: "whsec_" and the base64 of 24 to 64 random bytes (openssl rand -base64 32)',
    );
  }
  if (new Set(urls).size !== urls.length) problems.push('WEBHOOK_URL lists a URL twice');
  if (problems.length > 0) return { endpoints: [], problems };
  return { endpoints: urls.map((url, i) => ({ url, secrets: groups[i] ?? [] })), problems };
}
