/**
 * @module
 * Named prepared statements on PGlite. `PGlite.query` parses and plans every statement anew and
 * sends its five protocol messages in five calls into WebAssembly; a statement run on every
 * request is parsed here once, and each run is one call (bind, describe, execute, sync).
 */
import { type PGlite, parse, protocol } from '@electric-sql/pglite';
import type { PreparedStatement } from './executor.js';

const { serialize } = protocol;

/** The protocol messages in one buffer. */
function joined(parts: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

/** Runs prepared statements on `db`: each is parsed on first use, with its parameter types kept. */
export function pglitePrepared(db: PGlite) {
  /** Parameter type OIDs by statement name, for the statements parsed on this database. */
  const parsed = new Map<string, readonly number[]>();

  async function prepare(statement: PreparedStatement): Promise<readonly number[]> {
    const { messages } = await db.execProtocol(
      joined([
        serialize.parse({ name: statement.name, text: statement.text }),
        serialize.describe({ type: 'S', name: statement.name }),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    const description = messages.find((message) => message.name === 'parameterDescription') as
      | { dataTypeIDs: number[] }
      | undefined;
    const types = description?.dataTypeIDs ?? [];
    parsed.set(statement.name, types);
    return types;
  }

  return async function run<Row>(statement: PreparedStatement, params: readonly unknown[]): Promise<Row[]> {
    // What PGlite.query holds too: no other statement, and no transaction, runs in between.
    return db._runExclusiveTransaction(() =>
      db._runExclusiveQuery(async () => {
        const types = parsed.get(statement.name) ?? (await prepare(statement));
        const values = params.map((value, index) => {
          if (value === null || value === undefined) return null;
          const serializer = db.serializers[types[index] as number];
          return serializer ? serializer(value) : String(value);
        });
        const { messages } = await db.execProtocol(
          joined([
            serialize.bind({ statement: statement.name, values }),
            serialize.describe({ type: 'P' }),
            serialize.execute({}),
            serialize.sync(),
          ]),
        );
        return (parse.parseResults(messages, db.parsers)[0]?.rows ?? []) as Row[];
      }),
    );
  };
}
