/**
 * Defines `tag` once per page. A second copy of the widget (another version, another bundle) only
 * warns instead of throwing; where there is no custom-element registry (a server), nothing happens.
 */
export function defineOnce(tag: string, element: CustomElementConstructor & { version: string }): void {
  const registry = globalThis.customElements as CustomElementRegistry | undefined;
  const existing = registry?.get(tag) as { version?: string } | undefined;
  if (!existing) registry?.define(tag, element);
  else if (existing !== element)
    console.warn(
      `<${tag}> version ${existing.version} is defined: this copy (version ${element.version}) is unused.`,
    );
}
