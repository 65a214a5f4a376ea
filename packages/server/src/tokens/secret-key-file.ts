import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIN_SECRET_KEY_LENGTH } from './client-secret.js';

/** The file under the data directory that keeps the generated server key. */
export const SECRET_KEY_FILE = 'client-secret.key';

/**
 * The server key from `<dataDir>/client-secret.key`, generated on first use (32 random bytes,
 * file mode 0600, directory 0700). Keeping it means client secrets survive restarts. A file
 * readable by others is tightened to 0600 and reported through `onWarning`.
 */
export function loadOrCreateSecretKey(dataDir: string, onWarning?: (message: string) => void): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, SECRET_KEY_FILE);
  try {
    // 'wx' fails if the file exists, so two processes starting together cannot both write one.
    writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((statSync(path).mode & 0o077) !== 0) {
    chmodSync(path, 0o600);
    onWarning?.(`${path} was readable by other users; its mode is now 0600`);
  }
  const key = readFileSync(path, 'utf8').trim();
  if (key.length < MIN_SECRET_KEY_LENGTH) {
    throw new Error(
      `${path} holds a key shorter than ${MIN_SECRET_KEY_LENGTH} characters; delete it to generate a new one`,
    );
  }
  return key;
}
