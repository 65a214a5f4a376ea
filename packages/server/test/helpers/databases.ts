/**
 * Databases for tests, each run on its own: a fresh PostgreSQL schema (random name, dropped at the
 * end) in TEST_DATABASE_URL or the local server, and fresh PGlite data directories copied from one
 * initialised template (PGlite's initdb takes ~15 s; a copy takes milliseconds).
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** Where the tests' PostgreSQL is: TEST_DATABASE_URL, else the development server (trust auth, database `test`). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Base64 key lists for TOKEN_ENCRYPTION_KEYS. */
export const TEST_KEY_A = `ka:${Buffer.alloc(32, 1).toString('base64')}`;
export const TEST_KEY_B = `kb:${Buffer.alloc(32, 2).toString('base64')}`;

export interface TestSchema {
  /** TEST_DATABASE_URL with `search_path` set to the schema. */
  readonly url: string;
  readonly name: string;
  /** A client on the schema, for reading raw rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}

export async function createTestSchema(): Promise<TestSchema> {
  const name = `smartpay_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${name}`);
  await admin.query(`SET search_path TO ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    url: url.toString(),
    name,
    async query(sql, params = []) {
      return (await admin.query(sql, params)).rows;
    },
    async drop() {
      await admin.query(`DROP SCHEMA ${name} CASCADE`);
      await admin.end();
    },
  };
}

/** The pinned PGlite version (a template from another version is not used). */
const pgliteVersion = (
  createRequire(import.meta.url)('../../package.json') as { dependencies: Record<string, string> }
).dependencies['@electric-sql/pglite'];
const TEMPLATE = join(tmpdir(), `smartpay-pglite-template-${pgliteVersion}`);

/** A PGlite data directory that has been through initdb, made once per machine and kept in the temp dir. */
async function template(): Promise<string> {
  if (existsSync(join(TEMPLATE, 'PG_VERSION'))) return TEMPLATE;
  const building = mkdtempSync(join(tmpdir(), 'smartpay-pglite-building-'));
  const db = await PGlite.create(join(building, 'pgdata'));
  await db.close();
  try {
    renameSync(join(building, 'pgdata'), TEMPLATE);
  } catch (error) {
    // Another test process finished first: theirs is as good.
    if (!existsSync(join(TEMPLATE, 'PG_VERSION'))) throw error;
  }
  rmSync(building, { recursive: true, force: true });
  return TEMPLATE;
}

export interface TestDataDir {
  /** DATA_DIR for the server: the PGlite database is in `<path>/pglite`. */
  readonly path: string;
  remove(): void;
}

/** A fresh DATA_DIR whose PGlite database is initialised (no tables yet: migrations run at open). */
export async function createPgliteDataDir(): Promise<TestDataDir> {
  const path = mkdtempSync(join(tmpdir(), 'smartpay-data-'));
  cpSync(await template(), join(path, 'pglite', 'pgdata'), { recursive: true });
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
