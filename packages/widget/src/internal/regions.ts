/**
 * The regions a country's addresses need (`state`: the USA and Canada), as a list to choose from.
 * Their names are a chunk of their own (states.ts), loaded the first time a shopper needs them.
 */
let packed: Readonly<Record<string, string>> | undefined;
let loading: Promise<unknown> | undefined;

/** `[code, name]` of every region of `country` once loaded; until then empty, and `then` runs once they are. */
export function regionsOf(country: string, then: () => void): (readonly [code: string, name: string])[] {
  if (!packed) {
    loading ??= import('./states.js').then(
      (module: { default: Record<string, string> }) => (packed = module.default),
      () => (loading = undefined),
    );
    loading.then(then);
  }
  return (packed?.[country]?.split('|') ?? []).map((entry) => [entry.slice(0, 2), entry.slice(2)]);
}
