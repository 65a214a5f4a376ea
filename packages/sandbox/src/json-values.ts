import { checkLeaf, formats } from '@smartpay/contract/core';

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a UUID, by the contract's own format rule. */
export function isUuid(value: string): boolean {
  return checkLeaf({ format: formats.uuid }, value) === undefined;
}
