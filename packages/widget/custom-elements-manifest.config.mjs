/**
 * custom-elements.json from the element's JSDoc (`cem analyze`). The plugin keeps the public API
 * only: the analyzer also lists private members, internal reactive state (declared in `static
 * properties` with `state: true`) as attributes, and events it guesses from `dispatchEvent` calls.
 */
const publicApiOnly = {
  name: 'smartpay-public-api-only',
  packageLinkPhase({ customElementsManifest }) {
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (!declaration.customElement) continue;
        const hidden = new Set(
          (declaration.members ?? []).filter((member) => member.privacy === 'private').map((m) => m.name),
        );
        declaration.members = declaration.members?.filter((member) => !hidden.has(member.name));
        declaration.attributes = declaration.attributes?.filter(
          (attribute) => !hidden.has(attribute.fieldName),
        );
        declaration.events = declaration.events?.filter((event) => event.name?.startsWith('smartpay-'));
      }
    }
  },
};

export default {
  globs: [
    'src/smartpay-network-token.ts',
    'src/events/*.ts',
    'src/saved-cards/smartpay-saved-cards.ts',
    'src/saved-cards/card-removed-event.ts',
  ],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  plugins: [publicApiOnly],
};
