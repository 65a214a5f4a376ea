/**
 * The hosted card form (`/sdk/card-form`), running in the iframe the SDK creates. It introduces
 * itself to the page that framed it, waits for that page's options, takes the card (and the 3-D
 * Secure code when the card needs one), and reports the outcome. Card data only goes to the sandbox.
 */
import type { CardEntry } from '../../cards/card-rules.js';
import {
  type Envelope,
  FORM_REFUSALS,
  type FormReply,
  type FormStyle,
  FRAME_PATHS,
  type FrameMessage,
  type FrameState,
  MESSAGE_SOURCE,
  SDK_ERROR_CODES,
  type SdkErrorCode,
  type SdkMessage,
  STYLE_KEYS,
} from '../protocol.js';
import { cardStep } from './card-step.js';
import { challengeStep } from './challenge-step.js';
import { h } from './dom.js';
import { textColorOn } from './on-primary.js';
import { type Texts, textsFor } from './texts.js';

const page = document.documentElement;
const tokenId = page.dataset.tokenId ?? '';
const parentOrigin = page.dataset.parentOrigin ?? '';
const state = (page.dataset.state ?? 'unknown') as FrameState;
const expiresInMs = page.dataset.expiresInMs === undefined ? undefined : Number(page.dataset.expiresInMs);
const root = document.getElementById('card-form')!;

/** The sandbox expires the token on its own clock; the form gives up a little later, so the two agree. */
const EXPIRY_GRACE_MS = 500;

let texts: Texts = textsFor(navigator.language);
let started = false;
let finished = false;
let requestsInFlight = 0;
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

/** Messages go to the framing page's origin only (the sandbox's CSP already allows no other parent). */
function post(message: FrameMessage): void {
  const envelope: Envelope<FrameMessage> = { source: MESSAGE_SOURCE, tokenId, ...message };
  window.parent.postMessage(envelope, parentOrigin);
}

/** Replaces the form with a message, focusable so keyboard and screen-reader users land on it. */
function show(text: string, role: 'status' | 'alert'): void {
  const message = h('p', { class: `outcome outcome-${role}`, role, tabindex: '-1' }, text);
  root.replaceChildren(message);
  if (started) message.focus();
}

function succeed(): void {
  if (finished) return;
  finished = true;
  clearTimeout(expiryTimer);
  show(texts.accepted, 'status');
  post({ type: 'success', status: 'PROVISIONING' });
}

function failWith(code: SdkErrorCode, message: string): void {
  if (finished) return;
  finished = true;
  clearTimeout(expiryTimer);
  show(texts.failures[code], 'alert');
  post({ type: 'error', code, message });
}

/** POSTs to the sandbox; undefined when it cannot be reached. */
async function send(
  path: string,
  body: unknown,
): Promise<{ status: number; reply: Partial<FormReply> } | undefined> {
  requestsInFlight++;
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, reply: (await response.json()) as Partial<FormReply> };
  } catch {
    return undefined;
  } finally {
    requestsInFlight--;
  }
}

/** Acts on the sandbox's answer; returns a problem to show in the current step, if any. */
function follow(answer: Awaited<ReturnType<typeof send>>): string | undefined {
  if (!answer) return texts.unreachable;
  const { reply } = answer;
  if (reply.next === 'provisioning') succeed();
  else if (reply.next === 'challenge') showChallenge();
  else if (reply.next === 'failed' && reply.code) failWith(reply.code, reply.message ?? '');
  else return texts.refused;
  return undefined;
}

function showChallenge(): void {
  const form = challengeStep(texts, async (code) => {
    const problem = follow(await send(FRAME_PATHS.challenge(tokenId), { code }));
    if (problem) show(problem, 'alert');
  });
  root.replaceChildren(form);
  form.querySelector('input')?.focus();
}

function showCard(): void {
  const step = cardStep(texts, async (entry: CardEntry) => {
    const problem = follow(await send(FRAME_PATHS.card(tokenId), entry));
    if (problem) step.showProblem(problem);
  });
  root.replaceChildren(step.form);
}

/** The `style` option, as CSS custom properties (set through CSSOM, which the CSP allows). */
function applyStyle(style: FormStyle): void {
  for (const key of STYLE_KEYS) {
    const property = `--sp-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    const value = style[key];
    if (typeof value === 'string' && value.trim() !== '') page.style.setProperty(property, value);
    else page.style.removeProperty(property);
  }
  // A computed `color` resolves any CSS colour syntax to rgb(); custom properties stay as written.
  const probe = document.createElement('span');
  probe.style.color = 'var(--sp-color-primary)';
  page.append(probe);
  const onPrimary = textColorOn(getComputedStyle(probe).color);
  probe.remove();
  if (onPrimary) page.style.setProperty('--sp-color-on-primary', onPrimary);
  else page.style.removeProperty('--sp-color-on-primary');
}

function onInit(message: Envelope<SdkMessage>): void {
  applyStyle(message.style ?? {});
  if (started) return;
  started = true;
  texts = textsFor(message.locale);
  page.lang = message.locale;
  showCard();
}

window.addEventListener('message', (event: MessageEvent) => {
  // Only the page that framed the form, from the origin it named, may configure it.
  if (event.source !== window.parent || event.origin !== parentOrigin) return;
  const data = event.data as Partial<Envelope<SdkMessage>> | null;
  if (!data || data.source !== MESSAGE_SOURCE || data.tokenId !== tokenId || data.type !== 'init') return;
  if (!finished) onInit(data as Envelope<SdkMessage>);
});

new ResizeObserver(() => {
  post({ type: 'resize', height: Math.ceil(document.body.getBoundingClientRect().height) });
}).observe(document.body);

/** Gives up when the token has expired, unless a card is on its way: then the sandbox's answer decides. */
function expireLater(ms: number): void {
  expiryTimer = setTimeout(() => {
    if (requestsInFlight > 0) expireLater(EXPIRY_GRACE_MS);
    else failWith(SDK_ERROR_CODES.timeout, FORM_REFUSALS.expired.message);
  }, ms);
}

if (state === 'open') {
  if (expiresInMs !== undefined && Number.isFinite(expiresInMs)) expireLater(expiresInMs + EXPIRY_GRACE_MS);
  post({ type: 'ready' });
} else {
  const refusal = FORM_REFUSALS[state] ?? FORM_REFUSALS.unknown;
  failWith(refusal.code, refusal.message);
}
