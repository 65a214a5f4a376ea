/** lit-html's production lit-html.js without the features the widgets do not use (lit-html-trim.mjs). */
export declare function trimLitHtml(code: string): string;
/** What lit-html's template scanner makes of the widgets' templates: their HTML with a marker at each binding. */
export declare function templateHtml(strings: readonly string[], marker: string): string;
