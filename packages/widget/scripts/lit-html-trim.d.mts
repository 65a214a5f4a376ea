/** lit-html's production lit-html.js without the features the widgets do not use (lit-html-trim.mjs). */
export declare function trimLitHtml(code: string): string;
/** What lit-html's template scanner returns for the widgets' templates: the HTML with markers, the bound attributes' names. */
export declare function templateHtml(strings: readonly string[], marker: string): [string, string[]];
