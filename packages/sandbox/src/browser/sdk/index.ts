/**
 * The sandbox's payment-form SDK (`/sdk/smp-bundle.js`): defines
 * `window.SmpLibrary.SmartPayAppInstance.renderWidget(options)`, which frames the hosted card form
 * for a token and settles once the card is accepted for provisioning (or cannot be).
 */
import {
  type Envelope,
  FRAME_PATHS,
  type FrameMessage,
  MESSAGE_SOURCE,
  SDK_ERROR_CODES,
  type SdkErrorCode,
  type SdkMessage,
} from '../protocol.js';
import { errorHandlerOf, optionsProblem, type RenderOptions, type RenderResult } from './options.js';

interface SmartPayApp {
  renderWidget(options: RenderOptions): Promise<RenderResult>;
}

declare global {
  interface Window {
    SmpLibrary?: { SmartPayAppInstance: SmartPayApp };
  }
}

/** An Error with the code errorHandler also gets. */
class SmartPaySdkError extends Error {
  constructor(
    readonly code: SdkErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SmartPaySdkError';
  }
}

/** One token's card form on this page. */
interface Session {
  readonly tokenId: string;
  readonly frame: HTMLIFrameElement;
  readonly promise: Promise<RenderResult>;
  resolve(result: RenderResult): void;
  reject(error: SmartPaySdkError): void;
  /** The latest renderWidget options for this token: their style and handlers win. */
  options: RenderOptions;
  heardFromFrame: boolean;
  loadTimer?: ReturnType<typeof setTimeout>;
}

/** After the frame's load event, how long to wait for its first message before giving up on it. */
const FRAME_SILENCE_MS = 2000;

/** Where the form lives: next to this script, on the sandbox's origin. */
function scriptUrl(): URL {
  const current = document.currentScript as HTMLScriptElement | null;
  const src = current?.src || document.querySelector<HTMLScriptElement>('script[src*="smp-bundle.js"]')?.src;
  return new URL(src ?? location.href);
}

function defineSdk(): SmartPayApp {
  const base = scriptUrl();
  const sandboxOrigin = base.origin;
  const sessions = new Map<string, Session>();

  /** Calls a merchant callback without letting its exception break the SDK. */
  const call = (callback: (() => void) | undefined) => {
    try {
      callback?.();
    } catch (error) {
      console.error('SmartPay SDK: a handler threw', error);
    }
  };

  const rejected = (options: unknown, code: SdkErrorCode, message: string): Promise<RenderResult> => {
    const handler = errorHandlerOf(options);
    queueMicrotask(() => call(handler && (() => handler(code, message))));
    return Promise.reject(new SmartPaySdkError(code, message));
  };

  const post = (session: Session, message: SdkMessage) => {
    const envelope: Envelope<SdkMessage> = { source: MESSAGE_SOURCE, tokenId: session.tokenId, ...message };
    session.frame.contentWindow?.postMessage(envelope, sandboxOrigin);
  };

  const sendInit = (session: Session) => {
    const locale = session.options.locale ?? (document.documentElement.lang || navigator.language || 'en');
    post(session, { type: 'init', locale, style: { ...session.options.style } });
  };

  const succeed = (session: Session) => {
    if (sessions.get(session.tokenId) !== session) return;
    sessions.delete(session.tokenId);
    clearTimeout(session.loadTimer);
    const result: RenderResult = { tokenId: session.tokenId, status: 'PROVISIONING' };
    session.resolve(result);
    const { successHandler } = session.options;
    call(successHandler && (() => successHandler(result)));
  };

  /** Ends a session with an error: its frame goes, so the merchant's page owns the space again. */
  const fail = (session: Session, code: SdkErrorCode, message: string) => {
    if (sessions.get(session.tokenId) !== session) return;
    sessions.delete(session.tokenId);
    clearTimeout(session.loadTimer);
    session.frame.remove();
    session.reject(new SmartPaySdkError(code, message));
    const { errorHandler } = session.options;
    call(errorHandler && (() => errorHandler(code, message)));
  };

  /** Puts the frame into a container; a frame that moves reloads and introduces itself again. */
  const mount = (session: Session, container: HTMLElement) => {
    session.heardFromFrame = false;
    container.append(session.frame);
  };

  const createSession = (options: RenderOptions): Session => {
    const frame = document.createElement('iframe');
    const url = new URL(FRAME_PATHS.page, base);
    url.search = new URLSearchParams({ tokenId: options.tokenId, parentOrigin: location.origin }).toString();
    frame.src = url.href;
    frame.title = 'Card details';
    frame.dataset.smartpayTokenId = options.tokenId;
    // CSSOM, not a style attribute: the merchant's CSP may forbid inline styles.
    Object.assign(frame.style, { display: 'block', width: '100%', height: '0px', border: '0' });
    let settle!: Pick<Session, 'resolve' | 'reject'>;
    const promise = new Promise<RenderResult>((resolve, reject) => {
      settle = { resolve, reject };
    });
    const session: Session = {
      tokenId: options.tokenId,
      frame,
      promise,
      ...settle,
      options,
      heardFromFrame: false,
    };
    frame.addEventListener('load', () => {
      clearTimeout(session.loadTimer);
      session.loadTimer = setTimeout(() => {
        if (!session.heardFromFrame)
          fail(session, SDK_ERROR_CODES.config, 'The card form could not be loaded.');
      }, FRAME_SILENCE_MS);
    });
    return session;
  };

  window.addEventListener('message', (event: MessageEvent) => {
    // Only the sandbox's frames speak to the SDK, and each only for its own token.
    if (event.origin !== sandboxOrigin) return;
    const data = event.data as Partial<Envelope<FrameMessage>> | null;
    if (!data || data.source !== MESSAGE_SOURCE || typeof data.tokenId !== 'string') return;
    const session = sessions.get(data.tokenId);
    if (!session || event.source !== session.frame.contentWindow) return;
    session.heardFromFrame = true;
    const message = data as Envelope<FrameMessage>;
    switch (message.type) {
      case 'ready':
        sendInit(session);
        break;
      case 'resize':
        if (Number.isFinite(message.height) && message.height >= 0 && message.height < 10_000) {
          session.frame.style.height = `${Math.ceil(message.height)}px`;
        }
        break;
      case 'success':
        succeed(session);
        break;
      case 'error': {
        const known = Object.values(SDK_ERROR_CODES) as string[];
        const code = known.includes(message.code) ? message.code : SDK_ERROR_CODES.config;
        fail(session, code, String(message.message));
        break;
      }
    }
  });

  return {
    renderWidget(options: RenderOptions): Promise<RenderResult> {
      const problem = optionsProblem(options);
      if (problem) return rejected(options, SDK_ERROR_CODES.invalidInput, problem);
      if (location.origin === 'null') {
        return rejected(options, SDK_ERROR_CODES.config, 'The page must be served over http or https.');
      }
      const container = document.getElementById(options.containerId);
      if (!container)
        return rejected(options, SDK_ERROR_CODES.config, `No element has the id "${options.containerId}".`);

      // Rendering a token again while its form is open reuses that form (moved here if need be).
      const existing = sessions.get(options.tokenId);
      if (existing) {
        existing.options = options;
        if (existing.frame.parentElement !== container || !existing.frame.isConnected)
          mount(existing, container);
        else sendInit(existing);
        return existing.promise;
      }
      // A container holds one form: another token's open form there is replaced.
      for (const other of [...sessions.values()]) {
        if (other.frame.parentElement === container) {
          fail(other, SDK_ERROR_CODES.config, 'The card form was replaced by another renderWidget call.');
        }
      }
      const session = createSession(options);
      sessions.set(session.tokenId, session);
      mount(session, container);
      return session.promise;
    },
  };
}

// Loading the bundle twice keeps the first instance, and with it the forms already open.
if (!window.SmpLibrary?.SmartPayAppInstance) {
  window.SmpLibrary = { ...window.SmpLibrary, SmartPayAppInstance: defineSdk() };
}
