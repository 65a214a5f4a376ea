/** The sandbox's test cards (architecture.md), shown beside the form so a visitor can try each outcome. */
export const TEST_CARDS: readonly { number: string; outcome: string }[] = [
  { number: '4111 1111 1111 1111', outcome: 'Visa, active after 1 s' },
  { number: '5555 5555 5555 4444', outcome: 'Mastercard, active after 3 s' },
  { number: '4000 0000 0000 0002', outcome: 'Error after 1 s: issuer declined' },
  { number: '4000 0000 0000 0069', outcome: 'Error after 1 s: card expired' },
  { number: '5105 1051 0510 5100', outcome: 'Mastercard, active after 60 s (slow)' },
  { number: '4000 0000 0000 3220', outcome: '3-D Secure: code 123456 passes, anything else fails' },
  { number: '4000 0000 0000 0119', outcome: 'Status reads fail 3 times, then active' },
];
