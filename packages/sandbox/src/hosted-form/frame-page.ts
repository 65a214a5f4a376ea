import { FRAME_PATHS, type FrameState } from '../browser/protocol.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export interface FramePageInput {
  readonly tokenId: string;
  readonly parentOrigin: string;
  readonly state: FrameState;
  /** Real milliseconds until the payment form expires (open forms only). */
  readonly expiresInMs?: number;
}

/**
 * The hosted card form's page: an empty shell whose script (a file, not inline: see the CSP) builds
 * the form once the SDK has introduced itself. The state travels as data attributes.
 */
export function framePage({ tokenId, parentOrigin, state, expiresInMs }: FramePageInput): string {
  const data = [
    `data-token-id="${escapeHtml(tokenId)}"`,
    `data-parent-origin="${escapeHtml(parentOrigin)}"`,
    `data-state="${state}"`,
    ...(expiresInMs === undefined ? [] : [`data-expires-in-ms="${Math.max(0, Math.round(expiresInMs))}"`]),
  ].join(' ');
  return `<!doctype html>
<html lang="en" ${data}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Card details</title>
<link rel="stylesheet" href="${FRAME_PATHS.styles}">
<script src="${FRAME_PATHS.script}" defer></script>
</head>
<body>
<main id="card-form"></main>
<noscript>The card form needs JavaScript.</noscript>
</body>
</html>
`;
}

/**
 * The frame's Content-Security-Policy: only its own script, styles and API; no inline code; and
 * only the page that rendered it may frame it.
 */
export function framePolicy(parentOrigin: string | undefined): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${parentOrigin ?? "'none'"}`,
  ].join('; ');
}
