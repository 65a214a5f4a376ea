/**
 * @module
 * Structured JSON logs written by pino: one line per event, only flat fields, scrubbed before
 * writing. Callers choose what to log; nothing here serialises a request body or an upstream answer.
 */
import { type DestinationStream, pino } from 'pino';
import { scrubFields } from './scrub.js';

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
  /** Default: one line to stdout, written synchronously. */
  sink?: LogSink;
  /** Lines below this level are dropped. Default: `info`. */
  level?: LogLevel;
  /** Default: `Date.now`. */
  now?: () => number;
}

/** Keys every line owns: a caller's field of the same name is left out. */
const LINE_KEYS: ReadonlySet<string> = new Set(['time', 'level', 'event']);

/**
 * Fields that must never be logged whatever they hold and that the scrubber's secret-name pattern
 * does not catch (it catches authorization, cookie, secret, password, token number, cvv, …): OAuth
 * tokens and card security codes under their usual names.
 */
const NEVER_LOGGED = [
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'cvc',
  'cvc2',
  'securityCode',
  'security_code',
];

/** A logger writing one JSON object per line: `{level, time, ...fields, event}`. */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const now = options.now ?? Date.now;
  const { sink } = options;
  // A sink gets each line without its newline, at once; stdout is written synchronously, so a
  // line is out before the next statement (and before an exit).
  const destination: DestinationStream = sink
    ? { write: (line) => sink(line.endsWith('\n') ? line.slice(0, -1) : line) }
    : pino.destination({ dest: 1, sync: true });
  const root = pino(
    {
      level: options.level ?? 'info',
      base: null,
      messageKey: 'event',
      timestamp: () => `,"time":"${new Date(now()).toISOString()}"`,
      redact: { paths: NEVER_LOGGED, censor: '[redacted]' },
      formatters: {
        level: (label) => ({ level: label }),
        // Every value of every line through the scrubber (a child's fields: once, in `child`).
        log: (fields) => scrubFields(fields, LINE_KEYS),
      },
    },
    destination,
  );

  const wrap = (logger: pino.Logger): Logger => ({
    debug: (event, fields = {}) => logger.debug(fields, event),
    info: (event, fields = {}) => logger.info(fields, event),
    warn: (event, fields = {}) => logger.warn(fields, event),
    error: (event, fields = {}) => logger.error(fields, event),
    // pino applies `formatters.bindings` to the root's base only, so a child's fields are scrubbed here.
    child: (fields) => wrap(logger.child(scrubFields(fields, LINE_KEYS))),
  });
  return wrap(root);
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};
