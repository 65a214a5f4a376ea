import { h } from './dom.js';

/** A submit button that says it is busy without leaving the tab order (a disabled button would drop focus). */
export interface SubmitButton {
  readonly element: HTMLButtonElement;
  busy(isBusy: boolean): void;
  isBusy(): boolean;
}

export function submitButton(label: string, busyLabel: string): SubmitButton {
  const element = h('button', { type: 'submit' }, label);
  return {
    element,
    busy(isBusy) {
      element.textContent = isBusy ? busyLabel : label;
      if (isBusy) element.setAttribute('aria-disabled', 'true');
      else element.removeAttribute('aria-disabled');
    },
    isBusy: () => element.getAttribute('aria-disabled') === 'true',
  };
}
