/** The published packages as npm would get them: `pnpm pack` of each workspace build. */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '@smartpay/e2e/harness/stack';
import { mustRun } from './run.ts';

/** Every package a merchant installs; the apps' package.json name their tarballs `smartpay-<name>.tgz`. */
export const PUBLISHED = ['contract', 'sandbox', 'server', 'widget'] as const;
export type PublishedName = (typeof PUBLISHED)[number];

/**
 * Packs every published package into `dir` (pnpm applies `publishConfig` and turns `workspace:*`
 * into versions, as `pnpm publish` does). Needs the workspace built (`npm test` builds first).
 */
export async function packAll(dir: string): Promise<Record<PublishedName, string>> {
  for (const name of PUBLISHED) {
    if (!existsSync(join(ROOT, 'packages', name, 'dist'))) {
      throw new Error(`packages/${name}/dist is missing: build first (npm test does)`);
    }
  }
  const filters = PUBLISHED.flatMap((name) => ['--filter', `@smartpay/${name}`]);
  await mustRun('pnpm', ['-r', ...filters, 'pack', '--pack-destination', dir, '--workspace-concurrency=4'], {
    cwd: ROOT,
  });
  const packed = PUBLISHED.map((name) => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'packages', name, 'package.json'), 'utf8'));
    const tarball = join(dir, `smartpay-${name}.tgz`);
    renameSync(join(dir, `smartpay-${name}-${version}.tgz`), tarball);
    return [name, tarball] as const;
  });
  return Object.fromEntries(packed) as Record<PublishedName, string>;
}
