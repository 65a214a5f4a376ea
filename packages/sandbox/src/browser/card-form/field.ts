import { h } from './dom.js';

/** A labelled input whose hint and error are tied to it with aria-describedby. */
export interface Field {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  /** Shows an error under the input and marks it invalid; no text clears both. */
  setError(text: string | undefined): void;
  hasError(): boolean;
}

export interface FieldOptions {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  /** Attributes of the input: autocomplete, inputmode, … */
  readonly input: Record<string, string>;
  /** Extra elements after the input, described with it (the detected card brand). */
  readonly extra?: HTMLElement;
}

export function field({ id, label, hint, input: attributes, extra }: FieldOptions): Field {
  const hintElement = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : undefined;
  // Empty until there is an error: an empty description adds nothing for screen readers.
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  const describedBy = [hintElement?.id, extra?.id, error.id].filter(Boolean).join(' ');
  const input = h('input', { id, name: id, type: 'text', 'aria-describedby': describedBy, ...attributes });
  const element = h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    ...(hintElement ? [hintElement] : []),
    input,
    ...(extra ? [extra] : []),
    error,
  );
  return {
    element,
    input,
    setError(text) {
      error.textContent = text ?? '';
      if (text) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    },
    hasError: () => input.getAttribute('aria-invalid') === 'true',
  };
}
