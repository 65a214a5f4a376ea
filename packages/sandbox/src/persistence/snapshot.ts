import { INTEGRATION_FLOWS, TOKEN_STATUSES } from '@smartpay/contract/core';
import { z } from 'zod';
import { SUPPORTED_BRANDS } from '../cards/brand.js';
import { ERROR_REASONS } from '../cards/test-cards.js';
import { merchantWithKey } from '../merchants.js';
import type { SandboxState } from '../sandbox-state.js';
import type { TokenRecord } from '../tokens/token-record.js';

/** Changes whenever the saved layout does: a file of another version is set aside, not misread. */
export const SNAPSHOT_VERSION = 1;

/**
 * What a snapshot keeps at most, newest first, so the file stays bounded (about 10 MB at the most)
 * however long the sandbox runs. Older entries are still served until the sandbox restarts.
 */
export const SNAPSHOT_LIMITS = { tokens: 10_000, cardTokens: 10_000, accessTokens: 1_000 } as const;

const epochMs = z.number().finite();
const cardOutcome = z.strictObject({
  status: z.enum(['ACTIVE', 'ERROR']),
  afterMs: z.number().finite().nonnegative(),
  errorReason: z.enum(ERROR_REASONS).optional(),
  challenge: z.boolean().optional(),
  failingReads: z.number().int().nonnegative().optional(),
});
const last4 = z.string().regex(/^\d{4}$/);
const cardOnFile = z.strictObject({
  brand: z.enum(SUPPORTED_BRANDS),
  last4,
  expiryMonth: z.string().regex(/^\d{2}$/),
  expiryYear: z.string().regex(/^\d{2}$/),
  cardHolderName: z.string().optional(),
  outcome: cardOutcome,
});
const merchantKey = z.string().refine((key) => merchantWithKey(key) !== undefined, 'is not a known merchant');
const savedToken = z.strictObject({
  tokenId: z.uuid(),
  merchantKey,
  integrationFlow: z.enum(INTEGRATION_FLOWS),
  authorizationId: z.uuid(),
  createdAt: epochMs,
  updatedAt: epochMs,
  status: z.enum(TOKEN_STATUSES),
  card: cardOnFile.optional(),
  challengeCard: cardOnFile.optional(),
  provisioned: z
    .strictObject({
      tokenReferenceIdentifier: z.string(),
      accountHolderReferenceId: z.string(),
      extIdentifier: z.string(),
      tokenNumber: z.string().regex(/^\d{13,19}$/),
      tokenExpiryMonth: z.string(),
      tokenExpiryYear: z.string(),
    })
    .optional(),
  errorReason: z.enum(ERROR_REASONS).optional(),
  failingReads: z.number().int().nonnegative(),
  formDeadline: epochMs.optional(),
  provisioningDueAt: epochMs.optional(),
});

/**
 * A field added to TokenRecord must be added to `savedToken` too (else it would be saved, then refused
 * as unknown on load): this fails to compile until it is.
 */
type UnsavedFields = Exclude<keyof TokenRecord, 'merchant' | keyof z.infer<typeof savedToken>>;
const everyFieldSaved: [UnsavedFields] extends [never] ? true : UnsavedFields = true;
void everyFieldSaved;

/** The state file's content: what a flow that was going on before a restart needs to go on after it. */
export const snapshotSchema = z.strictObject({
  version: z.literal(SNAPSHOT_VERSION),
  savedAt: z.iso.datetime(),
  tokens: z.array(savedToken).max(SNAPSHOT_LIMITS.tokens),
  cardTokens: z
    .array(
      z.strictObject({
        cardToken: z.string(),
        brand: z.enum(SUPPORTED_BRANDS),
        last4,
        outcome: cardOutcome,
      }),
    )
    .max(SNAPSHOT_LIMITS.cardTokens),
  cvvTokens: z.array(z.string()).max(SNAPSHOT_LIMITS.cardTokens),
  accessTokens: z
    .array(z.strictObject({ accessToken: z.string(), merchantKey, expiresAt: epochMs }))
    .max(SNAPSHOT_LIMITS.accessTokens),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

const newest = <T>(items: readonly T[], limit: number): T[] => items.slice(Math.max(0, items.length - limit));

/**
 * The tokens, card tokens and live access tokens of a sandbox. Faults and the request log are left
 * out: they belong to the test or the session that queued or made them.
 */
export function takeSnapshot(state: SandboxState): Snapshot {
  const vault = state.vault.entries();
  return {
    version: SNAPSHOT_VERSION,
    savedAt: new Date().toISOString(),
    tokens: newest(state.tokens.list(), SNAPSHOT_LIMITS.tokens).map(({ merchant, ...record }) => ({
      ...record,
      merchantKey: merchant.merchantKey,
    })),
    cardTokens: newest(vault.cards, SNAPSHOT_LIMITS.cardTokens).map(([cardToken, card]) => ({
      cardToken,
      ...card,
    })),
    cvvTokens: newest(vault.cvvTokens, SNAPSHOT_LIMITS.cardTokens),
    accessTokens: newest(state.accessTokens.live(), SNAPSHOT_LIMITS.accessTokens).map(
      ([accessToken, grant]) => ({
        accessToken,
        merchantKey: grant.merchant.merchantKey,
        expiresAt: grant.expiresAt,
      }),
    ),
  };
}

/** Puts a snapshot (checked by {@link snapshotSchema}) back into a fresh sandbox's state. */
export function restoreSnapshot(state: SandboxState, snapshot: Snapshot): void {
  // The schema has checked every merchant key, so each names a merchant.
  const merchant = (key: string) => merchantWithKey(key)!;
  state.vault.restore(
    snapshot.cardTokens.map(({ cardToken, ...card }) => [cardToken, card]),
    snapshot.cvvTokens,
  );
  state.accessTokens.restore(
    snapshot.accessTokens.map(({ accessToken, merchantKey, expiresAt }) => [
      accessToken,
      { merchant: merchant(merchantKey), expiresAt },
    ]),
  );
  state.tokens.restore(
    snapshot.tokens.map(
      ({ merchantKey, ...record }): TokenRecord => ({ ...record, merchant: merchant(merchantKey) }),
    ),
  );
}
