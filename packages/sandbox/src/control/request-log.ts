import { looksLikeCardNumber } from '@smartpay/contract/core';
import { isUuid } from '../json-values.js';
import type { FaultKind } from './faults.js';

/** One request as the control API shows it: never headers, bodies or query strings. */
export interface LoggedRequest {
  readonly id: number;
  readonly method: string;
  readonly path: string;
  /** null when the connection was dropped and no response was sent. */
  readonly status: number | null;
  readonly durationMs: number;
  /** When the request arrived, ISO 8601. */
  readonly time: string;
  readonly fault?: FaultKind;
}

/** The log keeps the latest requests only, so a long-running sandbox does not grow without bound. */
export const REQUEST_LOG_LIMIT = 1000;

/** The path with any segment that could hold a card number replaced, so the log never holds a PAN. */
export function redactPath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      let text: string;
      try {
        text = decodeURIComponent(segment);
      } catch {
        text = segment;
      }
      if (isUuid(text)) return segment;
      const candidates = text.match(/\d[\d\s-]{10,}\d/g) ?? [];
      return candidates.some(looksLikeCardNumber) ? '[redacted]' : segment;
    })
    .join('/');
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private nextId = 1;

  add(entry: Omit<LoggedRequest, 'id'>): void {
    this.entries.push({ id: this.nextId++, ...entry, path: redactPath(entry.path) });
    if (this.entries.length > REQUEST_LOG_LIMIT) this.entries = this.entries.slice(-REQUEST_LOG_LIMIT);
  }

  /** Oldest first. */
  list(): readonly LoggedRequest[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
