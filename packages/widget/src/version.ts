/** The package version, from package.json: bundlers inline this one string, not the file. */
import { version } from '../package.json';

export const VERSION: string = version;
