/**
 * @module
 * Structured JSON logs: one line per event, only flat fields, scrubbed before writing. Callers
 * choose what to log; nothing here serialises a request body or an upstream answer.
 */
import { scrubField } from './scrub.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The fields of one log line. Values are flat: strings, numbers, booleans. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (e.g. the request id). */
  child(fields: LogFields): Logger;
}

/** Where finished lines go: stdout by default, an array in tests. */
export type LogSink = (line: string) => void;

export interface JsonLoggerOptions {
  /** Default: one line to stdout. */
  sink?: LogSink;
  /** Lines below this level are dropped. Default: `info`. */
  level?: LogLevel;
  /** Default: `Date.now`. */
  now?: () => number;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A logger writing one JSON object per line: `{time, level, event, ...fields}`. */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const sink = options.sink ?? ((line: string) => process.stdout.write(`${line}\n`));
  const threshold = RANK[options.level ?? 'info'];
  const now = options.now ?? Date.now;

  const make = (base: LogFields): Logger => {
    const write = (level: LogLevel, event: string, fields: LogFields = {}) => {
      if (RANK[level] < threshold) return;
      const line: Record<string, unknown> = { time: new Date(now()).toISOString(), level, event };
      for (const [key, value] of Object.entries({ ...base, ...fields })) {
        const clean = scrubField(key, value);
        if (clean !== undefined && !(key in line)) line[key] = clean;
      }
      sink(JSON.stringify(line));
    };
    return {
      debug: (event, fields) => write('debug', event, fields),
      info: (event, fields) => write('info', event, fields),
      warn: (event, fields) => write('warn', event, fields),
      error: (event, fields) => write('error', event, fields),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make({});
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};
