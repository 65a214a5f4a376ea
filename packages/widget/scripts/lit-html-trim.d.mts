/** lit-html's production lit-html.js without the features the widgets do not use (lit-html-trim.mjs). */
export declare function trimLitHtml(code: string): string;
