/**
 * Databases for tests, each run on its own: a fresh PostgreSQL schema (random name, dropped at the
 * end) in TEST_DATABASE_URL or the local server, and fresh PGlite data directories.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

export interface TestDataDir {
  /** DATA_DIR for the server: the PGlite database is in `<path>/pglite`. */
  readonly path: string;
  remove(): void;
}

/**
 * A fresh, empty DATA_DIR. The server makes its PGlite database there from the initialised template
 * in the user's cache (see pglite-executor.ts), so only the first one on a machine pays for initdb.
 */
export async function createPgliteDataDir(): Promise<TestDataDir> {
  const path = mkdtempSync(join(tmpdir(), 'smartpay-data-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
