import type { CardField, CardProblem } from '../../cards/card-rules.js';
import { CHALLENGE_PASS_CODE } from '../../cards/test-cards.js';
import type { SdkErrorCode } from '../protocol.js';

/** Everything the form says, in one language. */
export interface Texts {
  readonly title: string;
  readonly labels: Record<CardField, string>;
  readonly hints: Record<CardField, string | undefined>;
  readonly problems: Record<CardField, Partial<Record<CardProblem, string>>>;
  readonly summary: (count: number) => string;
  readonly submit: string;
  readonly submitting: string;
  readonly challengeTitle: string;
  readonly challengeText: string;
  readonly challengeSandboxHint: string;
  readonly codeLabel: string;
  readonly codeRequired: string;
  readonly verify: string;
  readonly verifying: string;
  readonly accepted: string;
  readonly failures: Record<SdkErrorCode, string>;
  readonly unreachable: string;
  readonly refused: string;
}

const en: Texts = {
  title: 'Card details',
  labels: {
    cardHolderName: 'Name on card',
    number: 'Card number',
    expiry: 'Expiry date',
    cvc: 'Security code',
  },
  hints: {
    cardHolderName: undefined,
    number: 'Visa or Mastercard',
    expiry: 'MM/YY',
    cvc: '3 digits on the back',
  },
  problems: {
    cardHolderName: {
      required: 'Enter the name on the card.',
      too_long: 'The name is too long.',
      control_characters: 'Remove the special characters from the name.',
    },
    number: {
      required: 'Enter the card number.',
      invalid_characters: 'Enter digits only.',
      incomplete: 'Enter the whole card number.',
      unsupported_brand: 'Only Visa and Mastercard cards are accepted.',
      failed_luhn: 'This card number is not valid. Check it for typing errors.',
    },
    expiry: {
      required: 'Enter the expiry date.',
      invalid_expiry: 'Enter the expiry date as MM/YY.',
      expired: 'This card has expired.',
    },
    cvc: { required: 'Enter the security code.', invalid_cvc: 'Enter the 3-digit security code.' },
  },
  summary: (count) => (count === 1 ? 'One field needs correcting.' : `${count} fields need correcting.`),
  submit: 'Save card',
  submitting: 'Saving…',
  challengeTitle: 'Confirm it is you',
  challengeText: 'Your bank asks you to confirm this card. Enter the code it sent you.',
  challengeSandboxHint: `Sandbox: ${CHALLENGE_PASS_CODE} passes, any other code fails.`,
  codeLabel: 'Verification code',
  codeRequired: 'Enter the verification code.',
  verify: 'Confirm',
  verifying: 'Checking…',
  accepted: 'Card accepted. Your card is being secured.',
  failures: {
    ERROR_INVALID_INPUT: 'This card form was set up wrongly.',
    ERR_CONFIG: 'This card form is no longer available.',
    ERROR_CHECKOUT_TIMEOUT: 'This card form has expired. Please start again.',
    ERROR_AUTHENTICATION_FAILED: 'The card could not be confirmed and was not saved.',
  },
  unreachable: 'SmartPay could not be reached. Please try again.',
  refused: 'The card could not be checked. Please check the details and try again.',
};

const de: Texts = {
  title: 'Kartendaten',
  labels: {
    cardHolderName: 'Name auf der Karte',
    number: 'Kartennummer',
    expiry: 'Ablaufdatum',
    cvc: 'Prüfnummer',
  },
  hints: {
    cardHolderName: undefined,
    number: 'Visa oder Mastercard',
    expiry: 'MM/JJ',
    cvc: '3 Ziffern auf der Rückseite',
  },
  problems: {
    cardHolderName: {
      required: 'Geben Sie den Namen auf der Karte ein.',
      too_long: 'Der Name ist zu lang.',
      control_characters: 'Entfernen Sie die Sonderzeichen aus dem Namen.',
    },
    number: {
      required: 'Geben Sie die Kartennummer ein.',
      invalid_characters: 'Geben Sie nur Ziffern ein.',
      incomplete: 'Geben Sie die vollständige Kartennummer ein.',
      unsupported_brand: 'Nur Visa- und Mastercard-Karten werden akzeptiert.',
      failed_luhn: 'Diese Kartennummer ist ungültig. Prüfen Sie sie auf Tippfehler.',
    },
    expiry: {
      required: 'Geben Sie das Ablaufdatum ein.',
      invalid_expiry: 'Geben Sie das Ablaufdatum als MM/JJ ein.',
      expired: 'Diese Karte ist abgelaufen.',
    },
    cvc: {
      required: 'Geben Sie die Prüfnummer ein.',
      invalid_cvc: 'Geben Sie die 3-stellige Prüfnummer ein.',
    },
  },
  summary: (count) =>
    count === 1 ? 'Ein Feld muss korrigiert werden.' : `${count} Felder müssen korrigiert werden.`,
  submit: 'Karte speichern',
  submitting: 'Wird gespeichert …',
  challengeTitle: 'Bestätigen Sie, dass Sie es sind',
  challengeText:
    'Ihre Bank möchte diese Karte bestätigen. Geben Sie den Code ein, den sie Ihnen geschickt hat.',
  challengeSandboxHint: `Sandbox: ${CHALLENGE_PASS_CODE} besteht, jeder andere Code scheitert.`,
  codeLabel: 'Bestätigungscode',
  codeRequired: 'Geben Sie den Bestätigungscode ein.',
  verify: 'Bestätigen',
  verifying: 'Wird geprüft …',
  accepted: 'Karte angenommen. Ihre Karte wird jetzt gesichert.',
  failures: {
    ERROR_INVALID_INPUT: 'Dieses Kartenformular ist falsch eingerichtet.',
    ERR_CONFIG: 'Dieses Kartenformular ist nicht mehr verfügbar.',
    ERROR_CHECKOUT_TIMEOUT: 'Dieses Kartenformular ist abgelaufen. Bitte beginnen Sie erneut.',
    ERROR_AUTHENTICATION_FAILED: 'Die Karte konnte nicht bestätigt werden und wurde nicht gespeichert.',
  },
  unreachable: 'SmartPay ist nicht erreichbar. Bitte versuchen Sie es erneut.',
  refused: 'Die Karte konnte nicht geprüft werden. Bitte prüfen Sie die Angaben.',
};

/** German for de-*, English for everything else. */
export function textsFor(locale: string): Texts {
  return locale.toLowerCase().startsWith('de') ? de : en;
}
