/**
 * @module
 * Loads the direct flow's card fields (internal/direct-fields.ts, a chunk of its own) once, for
 * `integration-flow="direct"` only: the payment-form flow never fetches them.
 */
type DirectFields = typeof import('./direct-fields.js');

let loading: Promise<DirectFields> | undefined;
let loaded: DirectFields | undefined;

export const loadDirectFields = (): Promise<DirectFields> =>
  (loading ??= import('./direct-fields.js').then((fields) => (loaded = fields)));

/** The card fields' code, once loaded. */
export const directFields = (): DirectFields | undefined => loaded;
