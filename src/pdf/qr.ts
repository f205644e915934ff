import type { PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';

export interface QrPlacement {
  /** left edge of the symbol including its quiet zone */
  x: number;
  /** bottom edge of the symbol including its quiet zone */
  y: number;
  /** side of the square, quiet zone included */
  size: number;
  ecc?: 'L' | 'M' | 'Q' | 'H';
}

/** The 4-module white margin that scanners need around the symbol. */
const QUIET = 4;

/**
 * Draws a QR code as vector rectangles rather than an embedded PNG: sharp at any print or
 * scan resolution, a few KB, and no PNG encode/decode per document (which cost more than the
 * rest of the page). The dark modules of each row are merged into runs, written in module
 * units (small integers) in a content stream of their own, and filled as one path so that
 * rasterisers leave no hairline seams between adjacent modules.
 */
export function drawQr(page: PDFPage, text: string, at: QrPlacement): { version: number; modules: number } {
  const qr = QRCode.create(text, { errorCorrectionLevel: at.ecc ?? 'M' });
  const n = qr.modules.size;
  const cell = at.size / (n + 2 * QUIET);
  const num = (v: number) => String(Math.round(v * 10000) / 10000);
  let ops = `q ${num(cell)} 0 0 ${num(cell)} ${num(at.x + QUIET * cell)} ${num(at.y + QUIET * cell)} cm 0 g\n`;
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      ops += `${start} ${n - 1 - row} ${col - start} 1 re\n`;
    }
  }
  ops += 'f Q\n';
  const { context } = page.doc;
  page.node.addContentStream(context.register(context.flateStream(ops)));
  return { version: qr.version, modules: n };
}
