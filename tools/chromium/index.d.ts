/** Where Chromium or Chrome usually lives, in the order they are tried. */
export declare const CHROMIUM_PATHS: readonly string[];
/** The flags every test tool here starts Chromium with. */
export declare const CHROMIUM_ARGS: readonly string[];
/** CHROME_PATH when set, otherwise the first of CHROMIUM_PATHS that exists; undefined when none does. */
export declare function findChromium(env?: Record<string, string | undefined>): string | undefined;
/** Launch options for playwright-core and @web/test-runner-chrome alike. */
export declare function chromiumLaunchOptions(): { executablePath: string; headless: true; args: string[] };
