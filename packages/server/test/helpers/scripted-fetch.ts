/** A fetch that answers from a script, one step per call, and records what it was sent. */
export type Step = Response | Error | (() => Promise<Response>) | 'hang';

export interface ScriptedFetch {
  fetch: typeof fetch;
  calls: Request[];
}

export function scriptedFetch(steps: Step[]): ScriptedFetch {
  const calls: Request[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    calls.push(request);
    const step = steps.shift();
    if (step === undefined) throw new Error('scripted fetch: no step left');
    if (step === 'hang') return new Promise<Response>(() => {});
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step();
    return step;
  }) as typeof fetch;
  return { fetch: fetchImpl, calls };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A network failure as undici reports it. */
export const netError = (code: string) =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

export const TOKEN = {
  tokenId: 'fb80458c-82ad-4abb-9e96-fc7d0a8b3d59',
  createdAt: '2023-03-21T13:57:03.138Z',
  updatedAt: '2023-03-21T13:57:03.138Z',
  authorizationId: 'b50938f6-3f6b-4716-a173-6fe726a1db31',
  externalMerchantId: '9ff980b6-1fc6-4b61-9957-f8655b04cd9d',
  status: 'PENDING_PAYMENT_FORM',
};
