import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/** The file under the data directory. */
export const STATE_FILE_NAME = 'state.json';
/** Where a file that cannot be read is moved (the previous one set aside is replaced). */
export const SET_ASIDE_FILE_NAME = 'state.unreadable.json';
/** Changes within this long are saved in one write. */
export const SAVE_DELAY_MS = 100;
/** A larger file is not read: snapshots are bounded well below it. */
export const MAX_STATE_FILE_BYTES = 32 * 1024 * 1024;

/**
 * One JSON file that survives restarts: read once at start, written at most every SAVE_DELAY_MS after
 * a change, atomically (a temporary file, synced, then renamed over the old one), so a crash at any
 * moment leaves either the previous content or the new one. A file that cannot be read is reported
 * and set aside, and the sandbox starts empty: it never fails to start because of it.
 */
export class StateFile {
  readonly path: string;
  private readonly setAsidePath: string;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writeFailed = false;

  /**
   * @param content what to save, as text (called when a write is due)
   * @param report  where problems go: a sentence naming the file and what was done
   */
  constructor(
    readonly dataDir: string,
    private readonly content: () => string,
    private readonly report: (message: string) => void,
  ) {
    this.path = join(dataDir, STATE_FILE_NAME);
    this.setAsidePath = join(dataDir, SET_ASIDE_FILE_NAME);
  }

  /** The saved value as `parse` returns it; undefined when there is none or it could not be read. */
  load<T>(parse: (json: unknown) => T): T | undefined {
    let text: string;
    try {
      if (statSync(this.path).size > MAX_STATE_FILE_BYTES) {
        return this.setAside(`it is larger than ${MAX_STATE_FILE_BYTES} bytes`);
      }
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      this.report(`cannot read ${this.path} (${String(error)}); starting empty`);
      return undefined;
    }
    try {
      return parse(JSON.parse(text));
    } catch (error) {
      return this.setAside(describe(error));
    }
  }

  /** Saves within SAVE_DELAY_MS (debounced: a burst of changes is one write). */
  saveSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.saveNow();
    }, SAVE_DELAY_MS);
    // A pending save must not keep a test process alive; close() saves what is pending.
    this.timer.unref();
  }

  /** Saves at once, if a save is pending (on close). */
  flush(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.saveNow();
  }

  private saveNow(): void {
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
      const fd = openSync(temporary, 'w', 0o600);
      try {
        writeSync(fd, this.content());
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, this.path);
      this.writeFailed = false;
    } catch (error) {
      // Reported once per run of failures, not on every change; the sandbox keeps serving from memory.
      if (!this.writeFailed)
        this.report(`cannot save ${this.path} (${String(error)}); state is in memory only`);
      this.writeFailed = true;
    }
  }

  private setAside(why: string): undefined {
    try {
      renameSync(this.path, this.setAsidePath);
      this.report(`${this.path} is unreadable (${why}); moved to ${this.setAsidePath}, starting empty`);
    } catch (error) {
      this.report(
        `${this.path} is unreadable (${why}) and could not be moved (${String(error)}); starting empty`,
      );
    }
    return undefined;
  }
}

/** A short reason: the first problem zod found, or the parser's message. */
function describe(error: unknown): string {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  const first = issues?.[0];
  if (first) return `${first.path.map(String).join('.') || '(root)'}: ${first.message}`;
  return error instanceof Error ? error.message : String(error);
}
