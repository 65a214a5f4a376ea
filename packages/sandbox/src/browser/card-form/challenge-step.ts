import { h } from './dom.js';
import { field } from './field.js';
import { submitButton } from './submit-button.js';
import type { Texts } from './texts.js';

/** The 3-D Secure step, in the same frame: one code, one attempt. */
export function challengeStep(texts: Texts, submit: (code: string) => Promise<void>): HTMLFormElement {
  const code = field({
    id: 'challengeCode',
    label: texts.codeLabel,
    hint: texts.challengeSandboxHint,
    input: { autocomplete: 'one-time-code', inputmode: 'numeric' },
  });
  const button = submitButton(texts.verify, texts.verifying);
  const form = h(
    'form',
    { novalidate: true, 'aria-labelledby': 'challenge-title' },
    h('h1', { id: 'challenge-title' }, texts.challengeTitle),
    h('p', {}, texts.challengeText),
    code.element,
    button.element,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.isBusy()) return;
    const value = code.input.value.trim();
    code.setError(value === '' ? texts.codeRequired : undefined);
    if (value === '') {
      code.input.focus();
      return;
    }
    button.busy(true);
    try {
      await submit(value);
    } finally {
      button.busy(false);
    }
  });
  return form;
}
