/**
 * @module
 * Encryption at rest of the network token number: AES-256-GCM with a random 96-bit IV per value,
 * the token id as associated data (a value cannot be moved to another row), and the key id stored
 * beside each value, so a key can be rotated: the first key encrypts, every key listed decrypts.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file under the data directory that keeps a generated key (`id:base64`, mode 0600). */
export const TOKEN_KEY_FILE = 'token-encryption.key';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** A value as stored: which key, the IV, and the ciphertext with the GCM tag at its end. */
export interface SealedValue {
  readonly keyId: string;
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
}

export interface TokenCipher {
  /** The id of the key new values are encrypted with. */
  readonly currentKeyId: string;
  seal(plaintext: string, boundTo: string): SealedValue;
  /** Throws when the key id is unknown here or the value was changed or moved. */
  open(value: SealedValue, boundTo: string): string;
}

/** A bad key list; the message never holds key material. */
export class TokenKeyError extends Error {
  override readonly name = 'TokenKeyError';
}

/**
 * Parses `TOKEN_ENCRYPTION_KEYS`: comma-separated keys, each `id:base64` or a bare base64 key
 * (its id is then derived from it), each 32 bytes. The first one encrypts.
 */
export function parseTokenKeys(text: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const [index, part] of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .entries()) {
    const colon = part.indexOf(':');
    const material = Buffer.from(colon < 0 ? part : part.slice(colon + 1), 'base64');
    if (material.length !== KEY_BYTES) {
      throw new TokenKeyError(
        `key ${index + 1} must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`,
      );
    }
    const id = colon < 0 ? derivedKeyId(material) : part.slice(0, colon);
    if (!KEY_ID.test(id)) throw new TokenKeyError(`key ${index + 1}: the id must match ${KEY_ID}`);
    if (keys.has(id)) throw new TokenKeyError(`key id ${id} is listed twice`);
    keys.set(id, material);
  }
  if (keys.size === 0) throw new TokenKeyError('no key given');
  return keys;
}

/** A short public name for a key: not the key, and not enough to guess it. */
function derivedKeyId(key: Buffer): string {
  return `k${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}

/**
 * The keys from `<dataDir>/token-encryption.key`, generated on first use (mode 0600, written so
 * that two processes starting together cannot both create one).
 */
export function loadOrCreateTokenKeys(
  dataDir: string,
  onWarning?: (message: string) => void,
): Map<string, Buffer> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, TOKEN_KEY_FILE);
  const key = randomBytes(KEY_BYTES);
  try {
    writeFileSync(path, `${derivedKeyId(key)}:${key.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((statSync(path).mode & 0o077) !== 0) {
    chmodSync(path, 0o600);
    onWarning?.(`${path} was readable by other users; its mode is now 0600`);
  }
  try {
    return parseTokenKeys(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TokenKeyError(`${path}: ${(error as Error).message}`);
  }
}

export function createTokenCipher(keys: ReadonlyMap<string, Buffer>): TokenCipher {
  const [current] = keys.keys();
  if (current === undefined) throw new TokenKeyError('no key given');
  return {
    currentKeyId: current,
    seal(plaintext, boundTo) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keys.get(current) as Buffer, iv);
      cipher.setAAD(Buffer.from(boundTo, 'utf8'));
      const ciphertext = Buffer.concat([
        cipher.update(plaintext, 'utf8'),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return { keyId: current, iv, ciphertext };
    },
    open(value, boundTo) {
      const key = keys.get(value.keyId);
      if (!key) {
        throw new TokenKeyError(
          `a stored network token is encrypted with key id "${value.keyId}", which this instance was not given (TOKEN_ENCRYPTION_KEYS)`,
        );
      }
      const sealed = Buffer.from(value.ciphertext);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(value.iv));
      decipher.setAAD(Buffer.from(boundTo, 'utf8'));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}
