/**
 * @module
 * The one small interface the SQL token store talks to: parameterised queries, transactions you
 * can see, and LISTEN/NOTIFY. Two adapters implement it: embedded PGlite and node-postgres.
 */

/**
 * A statement run on every request: PostgreSQL parses and plans it once per connection (a named
 * prepared statement) instead of on every run, which halves the database's CPU per create. Its
 * result columns are named, never `*`, so a column a later migration adds cannot invalidate it.
 */
export interface PreparedStatement {
  /** Unique in the process; one name, one text. */
  readonly name: string;
  readonly text: string;
}

/** Plain SQL text, or a statement prepared once per connection. */
export type Sql = string | PreparedStatement;

export const prepared = (name: string, text: string): PreparedStatement => ({ name, text });

/** The SQL text of either kind. */
export const sqlText = (sql: Sql): string => (typeof sql === 'string' ? sql : sql.text);

/** Something that runs one parameterised statement (`$1`, `$2`, ...) and returns its rows. */
export interface SqlQueryable {
  query<Row = Record<string, unknown>>(sql: Sql, params?: readonly unknown[]): Promise<Row[]>;
}

export interface SqlExecutor extends SqlQueryable {
  /** `pglite`: this process alone owns the database; `postgres`: several instances may share it. */
  readonly engine: 'pglite' | 'postgres';
  /** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Calls `onPayload` for every NOTIFY on `channel` (after the sender commits). Resolves to the unsubscribe. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** `"name"` with inner quotes doubled: for LISTEN, whose channel cannot be a parameter. */
export const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
