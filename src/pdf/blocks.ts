import { drawQr } from './qr.ts';
import { ACCENT, MARGIN, MUTED, type Sheet, type TextStyle } from './layout.ts';
import { wrapUrl } from './text.ts';

/** The blocks every printed document of the window shares (permits, acknowledgements). */
export const WINDOW_NAME = 'VENTANILLA ÚNICA DE COMERCIO EXTERIOR · NATIONAL TRADE SINGLE WINDOW';
/** Where the window publishes the keys its seals verify against. */
export const KEYS_PATH = '/.well-known/ventanilla-keys.json';

/** Title block at the top left of page 1; returns nothing, moves the cursor. */
export function titleBlock(sheet: Sheet, es: string, en: string, width: number, lines: Array<[string, string]>): void {
  const { bold, regular } = sheet.fonts;
  sheet.line(WINDOW_NAME, { font: bold, size: 7, color: ACCENT });
  sheet.gap(6);
  for (const [a, b] of lines) {
    sheet.text(a, { font: bold, size: 12, width });
    sheet.text(b, { font: regular, size: 8.5, color: MUTED, width });
  }
  sheet.gap(8);
  sheet.text(es.toUpperCase(), { font: bold, size: 18, color: ACCENT, width });
  sheet.text(en, { size: 10, color: MUTED, width });
  sheet.gap(4);
}

/** QR at the top right of page 1 with a caption, a URL and notes under it; returns the y below them. */
export function qrBlock(
  sheet: Sheet,
  content: string,
  size: number,
  caption: string[],
  url?: string,
  notes: Array<{ text: string; style?: TextStyle }> = [],
): number {
  const x = MARGIN + sheet.contentWidth - size;
  const top = sheet.page.getHeight() - MARGIN - 12;
  drawQr(sheet.page, content, { x, y: top - size, size, ecc: 'M' });
  const saved = sheet.y;
  sheet.y = top - size - 2;
  for (const c of caption) sheet.text(c, { x: x + 6, width: size - 12, size: 6.5, color: MUTED });
  if (url)
    for (const l of wrapUrl(url, sheet.fonts.regular, 6.5, size - 12))
      sheet.line(l, { x: x + 6, size: 6.5, color: MUTED });
  for (const n of notes) sheet.text(n.text, { x: x + 6, width: size - 12, size: 6.5, color: MUTED, ...n.style });
  const below = sheet.y;
  sheet.y = saved;
  return below;
}
