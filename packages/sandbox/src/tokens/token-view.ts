import type { NetworkToken } from '@smartpay/contract';
import type { TokenRecord } from './token-record.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** The create response: exactly the fields of the API page's 200 example. */
export function createdTokenView(record: TokenRecord): NetworkToken {
  return {
    tokenId: record.tokenId,
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
    authorizationId: record.authorizationId,
    externalMerchantId: record.merchant.externalMerchantId,
    status: record.status,
  };
}

/**
 * The GET response, in the order of the API page's example. The network token, its reference and
 * the card data exist only while the token is ACTIVE.
 */
export function tokenView(record: TokenRecord): NetworkToken {
  const { provisioned, card } = record;
  if (record.status !== 'ACTIVE' || !provisioned || !card) return createdTokenView(record);
  return {
    tokenId: record.tokenId,
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
    authorizationId: record.authorizationId,
    tokenReferenceIdentifier: provisioned.tokenReferenceIdentifier,
    externalMerchantId: record.merchant.externalMerchantId,
    status: record.status,
    networkToken: {
      extIdentifier: provisioned.extIdentifier,
      tokenExpiryMonth: provisioned.tokenExpiryMonth,
      tokenExpiryYear: provisioned.tokenExpiryYear,
      tokenNumber: provisioned.tokenNumber,
    },
    tokenizedCardData: {
      accountHolderReferenceId: provisioned.accountHolderReferenceId,
      expiryMonth: card.expiryMonth,
      expiryYear: card.expiryYear,
      brand: card.brand,
      last4Digits: card.last4,
    },
  };
}
