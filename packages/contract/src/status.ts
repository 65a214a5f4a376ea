/**
 * Token statuses. SmartPay documents ACTIVE and ERROR; PENDING_PAYMENT_FORM is the state before
 * the shopper submits the hosted card form, and PROVISIONING is a sandbox extension for the time
 * between that submission and the card network's answer.
 */
export const TOKEN_STATUSES = ['PENDING_PAYMENT_FORM', 'PROVISIONING', 'ACTIVE', 'ERROR'] as const;

/** A status this kit knows. Anything else SmartPay may add later is treated as not final. */
export type KnownTokenStatus = (typeof TOKEN_STATUSES)[number];

/** A status as SmartPay sends it: a known one, or any other string. */
export type TokenStatus = KnownTokenStatus | (string & {});

/** The statuses after which a token never changes again. */
export const FINAL_STATUSES: readonly KnownTokenStatus[] = ['ACTIVE', 'ERROR'];

/** True for ACTIVE and ERROR; false for every other status, known or not. */
export function isFinalStatus(status: string): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}
