/**
 * @module
 * Following a long-lived AbortSignal (the server's shutdown) from many short calls without
 * adding a listener per call. `AbortSignal.any([signal, …])` and `addEventListener` per call
 * both cost the long-lived signal something per call: in Node 20, `any` keeps a reference per
 * dependant signal (about 50 bytes a read, never given back while the signal lives), and more
 * than 10 listeners print a MaxListenersExceededWarning. Here each signal gets one listener,
 * however many calls follow it, and a call that ends leaves nothing behind.
 */

type Callback = (reason: unknown) => void;

const followers = new WeakMap<AbortSignal, Set<Callback>>();

/**
 * Calls `onAbort(signal.reason)` when `signal` aborts (at once if it already has); returns the
 * function that stops following it. Cheap to call for every request.
 */
export function followAbort(signal: AbortSignal, onAbort: Callback): () => void {
  if (signal.aborted) {
    onAbort(signal.reason);
    return () => {};
  }
  let callbacks = followers.get(signal);
  if (!callbacks) {
    const set = new Set<Callback>();
    callbacks = set;
    followers.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        followers.delete(signal);
        for (const callback of set) callback(signal.reason);
        set.clear();
      },
      { once: true },
    );
  }
  const set = callbacks;
  // A wrapper per call, so the same callback given twice is followed twice and removed once.
  const entry: Callback = (reason) => onAbort(reason);
  set.add(entry);
  return () => {
    set.delete(entry);
  };
}
