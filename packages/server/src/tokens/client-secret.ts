/**
 * @module
 * Client secrets: the browser's proof that it created a token, so it may read the token's status.
 * A secret is an HMAC of the token id under a server key, so nothing needs storing and a check
 * needs no lookup: the answer is the same whether the token exists or not.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Every client secret starts with this, so logs and scanners can recognise one. */
export const CLIENT_SECRET_PREFIX = 'ntcs_';

/** The shortest server key accepted (characters). */
export const MIN_SECRET_KEY_LENGTH = 32;

export interface ClientSecrets {
  /** The client secret for a token id. */
  issue(tokenId: string): string;
  /** True when `presented` is the secret of `tokenId`; compared in constant time. */
  verify(tokenId: string, presented: string | undefined): boolean;
}

/**
 * Derives purpose-bound subkeys from one server key, so the client secrets and, say, the
 * session cookie signatures never share a key.
 */
export function deriveKey(serverKey: string, purpose: string): Buffer {
  return createHmac('sha256', serverKey).update(`smartpay-server:${purpose}:v1`).digest();
}

export function createClientSecrets(serverKey: string): ClientSecrets {
  const key = deriveKey(serverKey, 'client-secret');
  const issue = (tokenId: string) =>
    CLIENT_SECRET_PREFIX + createHmac('sha256', key).update(tokenId).digest('base64url');
  // Hashing both sides gives equal lengths, so timingSafeEqual never throws or leaks a length.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return {
    issue,
    verify: (tokenId, presented) =>
      presented !== undefined && timingSafeEqual(digest(issue(tokenId)), digest(presented)),
  };
}

/** The credentials of `Authorization: Bearer <credentials>`, or undefined. */
export function bearerCredentials(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer +([\x21-\x7e]+) *$/i);
  return match?.[1];
}
