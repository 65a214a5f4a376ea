import { BRAND_NAMES, detectBrand } from '../../cards/brand.js';
import { type CardEntry, type CardField, cardDigits, cardEntryProblems } from '../../cards/card-rules.js';
import { h } from './dom.js';
import { type Field, field } from './field.js';
import { submitButton } from './submit-button.js';
import type { Texts } from './texts.js';

export interface CardStep {
  readonly form: HTMLFormElement;
  /** Shows a problem that is about the whole form, such as an unreachable sandbox. */
  showProblem(text: string): void;
}

/**
 * The card step: name, number (with its brand), expiry and CVC. A card with a problem is never
 * sent: the problems show under their fields, the count is announced, and focus goes to the first.
 */
export function cardStep(texts: Texts, submit: (entry: CardEntry) => Promise<void>): CardStep {
  const brand = h('p', { class: 'brand', id: 'number-brand' });
  const fields: Record<CardField, Field> = {
    cardHolderName: field({
      id: 'cardHolderName',
      label: texts.labels.cardHolderName,
      input: { autocomplete: 'cc-name', spellcheck: 'false' },
    }),
    number: field({
      id: 'number',
      label: texts.labels.number,
      hint: texts.hints.number,
      input: { autocomplete: 'cc-number', inputmode: 'numeric' },
      extra: brand,
    }),
    expiry: field({
      id: 'expiry',
      label: texts.labels.expiry,
      hint: texts.hints.expiry,
      input: { autocomplete: 'cc-exp', inputmode: 'numeric', placeholder: texts.hints.expiry ?? '' },
    }),
    cvc: field({
      id: 'cvc',
      label: texts.labels.cvc,
      hint: texts.hints.cvc,
      input: { autocomplete: 'cc-csc', inputmode: 'numeric' },
    }),
  };
  const summary = h('p', { class: 'summary', role: 'alert', id: 'summary' });
  const button = submitButton(texts.submit, texts.submitting);
  const form = h(
    'form',
    { novalidate: true, 'aria-labelledby': 'card-title' },
    h('h1', { id: 'card-title' }, texts.title),
    summary,
    fields.cardHolderName.element,
    fields.number.element,
    h('div', { class: 'row' }, fields.expiry.element, fields.cvc.element),
    button.element,
  );

  const entry = (): CardEntry => ({
    cardHolderName: fields.cardHolderName.input.value,
    number: fields.number.input.value,
    expiry: fields.expiry.input.value,
    cvc: fields.cvc.input.value,
  });
  const problemOf = (name: CardField) =>
    cardEntryProblems(entry(), Date.now()).find(([f]) => f === name)?.[1];
  const check = (name: CardField) => {
    const problem = problemOf(name);
    fields[name].setError(problem && texts.problems[name][problem]);
  };

  for (const name of Object.keys(fields) as CardField[]) {
    const { input } = fields[name];
    // Judge a filled field when the shopper moves on to another field, and clear its error as soon as
    // it is fixed. Not when focus goes to the button: an error appearing would move the button away
    // from under the pointer, and the click would be lost. Submitting judges every field anyway.
    input.addEventListener('blur', (event) => {
      const next = event.relatedTarget;
      if (next instanceof HTMLInputElement && form.contains(next) && input.value.trim() !== '') check(name);
    });
    input.addEventListener('input', () => {
      if (fields[name].hasError()) check(name);
    });
  }
  fields.number.input.addEventListener('input', () => {
    const detected = detectBrand(cardDigits(fields.number.input.value));
    brand.textContent = detected ? BRAND_NAMES[detected] : '';
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.isBusy()) return;
    const problems = cardEntryProblems(entry(), Date.now());
    for (const name of Object.keys(fields) as CardField[]) {
      const problem = problems.find(([f]) => f === name)?.[1];
      fields[name].setError(problem && texts.problems[name][problem]);
    }
    summary.textContent = problems.length > 0 ? texts.summary(problems.length) : '';
    const [first] = problems;
    if (first) {
      fields[first[0]].input.focus();
      return;
    }
    button.busy(true);
    try {
      await submit(entry());
    } finally {
      button.busy(false);
    }
  });

  return {
    form,
    showProblem(text) {
      summary.textContent = text;
    },
  };
}
