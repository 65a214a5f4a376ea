import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The files browsers load from the sandbox, and the source each is bundled from. */
export const BROWSER_ASSETS = {
  'smp-bundle.js': 'browser/sdk/index.ts',
  'card-form.js': 'browser/card-form/index.ts',
  'card-form.css': 'browser/card-form/card-form.css',
} as const;
export type BrowserAssetName = keyof typeof BROWSER_ASSETS;

/** Under tsx (tests, other packages' dev runs) this file is TypeScript and dist/browser may be stale or missing. */
const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');

const loaded = new Map<BrowserAssetName, Promise<string>>();

/**
 * An asset's text: from dist/browser when running the build, bundled from source (once per process)
 * when running the TypeScript, so tests always exercise the current source.
 */
export function browserAsset(name: BrowserAssetName): Promise<string> {
  let text = loaded.get(name);
  if (!text) {
    text = RUNNING_FROM_SOURCE
      ? bundleBrowserAsset(name)
      : readFile(new URL(`./browser/${name}`, import.meta.url), 'utf8');
    loaded.set(name, text);
  }
  return text;
}

/** Bundles one asset with esbuild (a dev dependency: only the build and source runs need it). */
export async function bundleBrowserAsset(name: BrowserAssetName): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`./${BROWSER_ASSETS[name]}`, import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    // Bundle the contract from its TypeScript source, so the build does not depend on its dist/.
    conditions: ['development'],
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced nothing for ${name}`);
  return output.text;
}
