const HEIGHT = 28;
const PADDING = 12;
const MARK_WIDTH = 28;
// An average glyph width for the sans-serif stack at 12px; textLength makes the text fit exactly.
const GLYPH_WIDTH = 6.6;

const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[character] ?? character,
  );

export const BADGE_HEIGHT = HEIGHT;

export function badgeWidth(text: string): number {
  return MARK_WIDTH + PADDING + Math.ceil([...text].length * GLYPH_WIDTH) + PADDING;
}

/** A small badge: a check mark on the left, the text on the right, the whole of it a link to the profile. */
export function badgeSvg({ text, href, lang }: { text: string; href: string; lang: string }): string {
  const width = badgeWidth(text);
  const textWidth = width - MARK_WIDTH - 2 * PADDING;
  const label = escapeXml(text);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-label="${label}" lang="${escapeXml(lang)}">`,
    `<title>${label}</title>`,
    `<a href="${escapeXml(href)}" target="_top">`,
    `<rect width="${width}" height="${HEIGHT}" rx="4" fill="#1d3f72"/>`,
    `<rect width="${MARK_WIDTH}" height="${HEIGHT}" rx="4" fill="#0f2647"/>`,
    `<path d="M8 14.5l4 4 8-9" fill="none" stroke="#ffffff" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/>`,
    `<text x="${MARK_WIDTH + PADDING}" y="18.5" fill="#ffffff" font-family="DejaVu Sans,Verdana,Geneva,sans-serif" font-size="12" textLength="${textWidth}" lengthAdjust="spacingAndGlyphs">${label}</text>`,
    '</a>',
    '</svg>',
  ].join('');
}
