/**
 * @module
 * The embedded engine: PGlite (PostgreSQL compiled to WebAssembly) in this process, its files under
 * one directory. One connection, so statements run one at a time; a transaction holds it.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { quoteIdentifier, type SqlExecutor } from './executor.js';

/** Another live process has the data directory open. */
export class DataDirectoryBusyError extends Error {
  override readonly name = 'DataDirectoryBusyError';
}

/**
 * Opens (creating on first use) the PGlite database in `directory` (mode 0700). A lock file with
 * this process's id keeps a second process out: two writers would corrupt it. A lock left by a
 * process that died (kill -9) is taken over.
 */
export async function openPgliteExecutor(directory: string): Promise<SqlExecutor> {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const releaseLock = lockDirectory(directory);
  let db: PGlite;
  try {
    db = await PGlite.create(join(directory, 'pgdata'));
  } catch (error) {
    releaseLock();
    throw error;
  }
  return {
    engine: 'pglite',
    async query(sql, params = []) {
      return (await db.query(sql, [...params])).rows as never[];
    },
    transaction(work) {
      return db.transaction((tx) =>
        work({ query: async (sql, params = []) => (await tx.query(sql, [...params])).rows as never[] }),
      );
    },
    async listen(channel, onPayload) {
      const unsubscribe = await db.listen(quoteIdentifier(channel), onPayload);
      return async () => {
        if (!db.closed) await unsubscribe();
      };
    },
    async close() {
      try {
        if (!db.closed) await db.close();
      } finally {
        releaseLock();
      }
    },
  };
}

function lockDirectory(directory: string): () => void {
  const path = join(directory, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (holder !== process.pid && isAlive(holder)) {
        throw new DataDirectoryBusyError(
          `${directory} is in use by process ${holder}: one server process per data directory ` +
            '(set DATABASE_URL to run several instances on PostgreSQL)',
        );
      }
      rmSync(path, { force: true }); // left by a process that died
    }
  }
  throw new DataDirectoryBusyError(`could not lock ${directory}`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
