/** Writes the browser assets (SDK, hosted form script and styles) into dist/browser. */
import { mkdir, writeFile } from 'node:fs/promises';
import { BROWSER_ASSETS, type BrowserAssetName, bundleBrowserAsset } from '../src/browser-assets.ts';

const outDir = new URL('../dist/browser/', import.meta.url);
await mkdir(outDir, { recursive: true });
for (const name of Object.keys(BROWSER_ASSETS) as BrowserAssetName[]) {
  const text = await bundleBrowserAsset(name);
  await writeFile(new URL(name, outDir), text);
  console.log(`dist/browser/${name}  ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`);
}
