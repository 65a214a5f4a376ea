/** The shopper's cart, as the merchant's server knows it. Only server components read this. */
export interface CartLine {
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  /** Price of one, in cents. */
  readonly unitPrice: number;
}

export const CART = {
  currency: 'EUR',
  lines: [
    { sku: 'MUG-01', name: 'Enamel mug', quantity: 2, unitPrice: 1450 },
    { sku: 'TEA-07', name: 'Loose-leaf tea, 250 g', quantity: 1, unitPrice: 1290 },
  ] satisfies CartLine[],
} as const;

export const cartTotal = (lines: readonly CartLine[]) =>
  lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
