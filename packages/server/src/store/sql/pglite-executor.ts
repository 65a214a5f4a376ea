/**
 * @module
 * The embedded engine: PGlite (PostgreSQL compiled to WebAssembly) in this process, its files under
 * one directory. One connection, so statements run one at a time; a transaction holds it.
 */
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { quoteIdentifier, type SqlExecutor, sqlText } from './executor.js';
import { pglitePrepared } from './pglite-prepared.js';

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
    const pgdata = join(directory, 'pgdata');
    if (!existsSync(join(pgdata, 'PG_VERSION'))) await initialiseFromTemplate(pgdata);
    db = await PGlite.create(pgdata);
  } catch (error) {
    releaseLock();
    throw error;
  }
  const runPrepared = pglitePrepared(db);
  return {
    engine: 'pglite',
    async query(sql, params = []) {
      if (typeof sql !== 'string') return runPrepared(sql, params);
      return (await db.query(sql, [...params])).rows as never[];
    },
    transaction(work) {
      return db.transaction((tx) =>
        work({
          query: async (sql, params = []) => (await tx.query(sqlText(sql), [...params])).rows as never[],
        }),
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

/** The PGlite version this package pins: a template made by another version is not used. */
const PGLITE_VERSION = (
  createRequire(import.meta.url)('../../../package.json') as { dependencies: Record<string, string> }
).dependencies['@electric-sql/pglite'];

/**
 * A new database starts as a copy of an initialised, empty one kept in the user's cache
 * (`$XDG_CACHE_HOME` or `~/.cache`, `smartpay-server/pglite-<version>`, mode 0700): PGlite's initdb
 * takes ~15 s, a copy well under one. The template is made on first use and used only when this
 * user owns it and no one else may write to it; anything else falls back to PGlite's own initdb.
 */
async function initialiseFromTemplate(pgdata: string): Promise<void> {
  const template = join(
    process.env.XDG_CACHE_HOME || join(homedir(), '.cache'),
    'smartpay-server',
    `pglite-${PGLITE_VERSION}`,
  );
  const usable = () => {
    const stat = statSync(template, { throwIfNoEntry: false });
    return (
      stat !== undefined &&
      existsSync(join(template, 'PG_VERSION')) &&
      stat.uid === process.getuid?.() &&
      (stat.mode & 0o022) === 0
    );
  };
  try {
    if (!usable()) {
      mkdirSync(dirname(template), { recursive: true, mode: 0o700 });
      const building = mkdtempSync(`${template}-building-`);
      try {
        const db = await PGlite.create(join(building, 'pgdata'));
        await db.close();
        renameSync(join(building, 'pgdata'), template);
      } catch (error) {
        if (!usable()) throw error; // another process made it first: theirs is as good
      } finally {
        rmSync(building, { recursive: true, force: true });
      }
    }
    cpSync(template, pgdata, { recursive: true });
  } catch {
    rmSync(pgdata, { recursive: true, force: true }); // PGlite initialises it itself
  }
}

/** Directories this process has open (the lock file cannot tell "us, twice" from "us, restarted"). */
const openHere = new Set<string>();

/**
 * A lock file holding the owner's pid and start time: a live process with that pid and start time
 * holds the directory; anything else (kill -9, a container restarted with the same pid) is stale.
 */
function lockDirectory(directory: string): () => void {
  const path = join(directory, 'server.lock');
  if (openHere.has(path)) throw new DataDirectoryBusyError(`${directory} is already open in this process`);
  const me = processIdentity(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, me);
      closeSync(fd);
      openHere.add(path);
      return () => {
        openHere.delete(path);
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readFileSync(path, 'utf8').trim();
      const pid = Number(holder.split(' ')[0]);
      if (holder !== me && processIdentity(pid) === holder) {
        throw new DataDirectoryBusyError(
          `${directory} is in use by process ${pid}: one server process per data directory ` +
            '(set DATABASE_URL to run several instances on PostgreSQL)',
        );
      }
      rmSync(path, { force: true }); // left by a process that died
    }
  }
  throw new DataDirectoryBusyError(`could not lock ${directory}`);
}

/** `pid starttime` on Linux (from /proc), `pid` elsewhere; '' when no such process lives. */
function processIdentity(pid: number): string {
  if (!Number.isInteger(pid) || pid <= 0) return '';
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return '';
  }
  try {
    // Field 22 of /proc/<pid>/stat, counted after the command name (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return `${pid} ${fields[19]}`;
  } catch {
    return String(pid);
  }
}
