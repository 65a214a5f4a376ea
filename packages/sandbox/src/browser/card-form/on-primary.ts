/**
 * Text on the primary colour must stay readable whatever colour the merchant passes in `style`:
 * pick black or white, whichever has the higher WCAG contrast with it.
 */

/** WCAG relative luminance of an sRGB colour given as 0–255 channels. */
function luminance([r, g, b]: readonly number[]): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r ?? 0) + 0.7152 * linear(g ?? 0) + 0.0722 * linear(b ?? 0);
}

/** `#ffffff` or `#111111` for text on `computedColor` (an `rgb()`/`rgba()` string); undefined if unreadable. */
export function textColorOn(computedColor: string): string | undefined {
  const channels = computedColor
    .match(/^rgba?\(([^)]+)\)$/)?.[1]
    ?.split(/[\s,/]+/)
    .slice(0, 3)
    .map(Number);
  if (!channels || channels.length < 3 || channels.some(Number.isNaN)) return undefined;
  const background = luminance(channels);
  const contrastWithWhite = 1.05 / (background + 0.05);
  const contrastWithBlack = (background + 0.05) / (0.05 + luminance([17, 17, 17]));
  return contrastWithWhite >= contrastWithBlack ? '#ffffff' : '#111111';
}
