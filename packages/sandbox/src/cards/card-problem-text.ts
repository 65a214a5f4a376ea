import type { CardProblem } from './card-rules.js';

/** The rule each card problem breaks, as the end of a sentence that starts with the field's name. */
const RULES: Record<CardProblem, string> = {
  required: 'is required',
  too_long: 'is too long',
  control_characters: 'must not contain control characters',
  invalid_characters: 'must hold only digits, spaces and dashes',
  incomplete: 'must have the length of a Visa or Mastercard number',
  unsupported_brand: 'must be a Visa or Mastercard number',
  failed_luhn: 'must pass the Luhn check',
  invalid_expiry: 'must be a month and year such as 12/30',
  expired: 'must not be in the past',
  invalid_cvc: 'must be 3 digits',
};

/** An English sentence for a 400 `{message: [...]}`, such as "pan must pass the Luhn check". */
export function cardProblemSentence(field: string, problem: CardProblem): string {
  return `${field} ${RULES[problem]}`;
}
