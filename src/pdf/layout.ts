import { PageSizes, PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { encodable, wrap } from './text.ts';

/** A4 pages that fill top to bottom, start a new page when full, and get a common footer. */

export const MARGIN = 42;
export const INK = rgb(0.1, 0.1, 0.1);
export const MUTED = rgb(0.38, 0.38, 0.38);
/** the guinda of Mexican federal documents */
export const ACCENT = rgb(0.41, 0.11, 0.2);
const RULE = rgb(0.75, 0.75, 0.75);
const HEADER_FILL = rgb(0.93, 0.91, 0.92);
const MAX_CELL = 4000;

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

export interface TextStyle {
  font?: PDFFont;
  size?: number;
  color?: RGB;
  /** left edge, default the margin */
  x?: number;
  /** wrap width, default up to the right margin */
  width?: number;
  /** line height as a multiple of size */
  leading?: number;
}

export interface Column {
  /** Spanish and English titles, one per line */
  title: string;
  width: number;
  align?: 'left' | 'right';
}

export class Sheet {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  /** baseline cursor: the top of the next thing to draw */
  y = 0;
  private readonly footerLines: string[];
  private readonly footerSize = 6.5;

  private constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    /** printed at the top of every page after the first */
    private readonly runningHead: string,
    footer: string[],
  ) {
    this.footerLines = footer.flatMap((p) => wrap(p, fonts.regular, this.footerSize, this.contentWidth));
    this.addPage();
  }

  static async create(opts: {
    title: string;
    subject: string;
    createdAt: string;
    runningHead: string;
    footer: string[];
  }): Promise<Sheet> {
    const doc = await PDFDocument.create();
    const created = new Date(opts.createdAt);
    doc.setTitle(opts.title);
    doc.setSubject(opts.subject);
    doc.setCreator('Ventanilla');
    doc.setProducer('Ventanilla (pdf-lib)');
    if (!Number.isNaN(created.getTime())) {
      doc.setCreationDate(created);
      doc.setModificationDate(created);
    }
    const [regular, bold, mono] = await Promise.all([
      doc.embedFont(StandardFonts.Helvetica),
      doc.embedFont(StandardFonts.HelveticaBold),
      doc.embedFont(StandardFonts.Courier),
    ]);
    return new Sheet(doc, { regular, bold, mono }, opts.runningHead, opts.footer);
  }

  get pageWidth(): number {
    return this.page.getWidth();
  }

  get contentWidth(): number {
    return PageSizes.A4[0] - 2 * MARGIN;
  }

  /** lowest y that content may reach: the footer lives below it */
  get bottom(): number {
    return MARGIN + 12 + this.footerLines.length * this.footerSize * 1.3 + 10;
  }

  addPage(): void {
    this.page = this.doc.addPage(PageSizes.A4);
    this.pages.push(this.page);
    this.y = this.page.getHeight() - MARGIN;
    if (this.pages.length > 1) {
      this.line(this.runningHead, { size: 8, color: MUTED });
      this.gap(8);
    }
  }

  /** Starts a new page unless `height` still fits above the footer. Returns true if it did. */
  ensure(height: number): boolean {
    if (this.y - height >= this.bottom) return false;
    this.addPage();
    return true;
  }

  gap(height: number): void {
    this.y -= height;
  }

  /** One line of text at the cursor (no wrapping; the caller measured it). */
  line(text: string, style: TextStyle = {}): void {
    const { font = this.fonts.regular, size = 10, color = INK, x = MARGIN, leading = 1.3 } = style;
    this.ensure(size * leading);
    this.y -= size * leading;
    this.page.drawText(encodable(text, font), { x, y: this.y + size * (leading - 1), size, font, color });
  }

  /** Wrapped text at the cursor, breaking across pages line by line. */
  text(text: string, style: TextStyle = {}): void {
    const { font = this.fonts.regular, size = 10, x = MARGIN } = style;
    const width = style.width ?? MARGIN + this.contentWidth - x;
    for (const l of wrap(text, font, size, width)) this.line(l, { ...style, font, size, x });
  }

  /** A bilingual label above its value, e.g. 'Titular / Holder'. */
  field(
    label: string,
    values: Array<string | { text: string; style?: TextStyle }>,
    x = MARGIN,
    width = this.contentWidth,
  ): void {
    this.text(label, { font: this.fonts.bold, size: 7.5, color: MUTED, x, width });
    for (const v of values) {
      if (typeof v === 'string') this.text(v, { x, width, size: 10 });
      else this.text(v.text, { x, width, size: 10, ...v.style });
    }
    this.gap(5);
  }

  heading(text: string): void {
    this.ensure(40);
    this.gap(6);
    this.line(text, { font: this.fonts.bold, size: 10.5, color: ACCENT });
    this.rule(ACCENT);
    this.gap(4);
  }

  rule(color: RGB = RULE, thickness = 0.6): void {
    this.y -= 2;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: MARGIN + this.contentWidth, y: this.y },
      thickness,
      color,
    });
  }

  /** A table whose header repeats on every page it spans; long cells wrap. */
  table(columns: Column[], rows: string[][], size = 8): void {
    const pad = 3;
    const lead = size * 1.25;
    const headSize = 7;
    const headLines = columns.map((c) =>
      c.title.split('\n').flatMap((t) => wrap(t, this.fonts.bold, headSize, c.width - 2 * pad)),
    );
    const headHeight = Math.max(...headLines.map((l) => l.length)) * headSize * 1.25 + 2 * pad;
    const drawHead = () => {
      const top = this.y;
      this.page.drawRectangle({
        x: MARGIN,
        y: top - headHeight,
        width: this.contentWidth,
        height: headHeight,
        color: HEADER_FILL,
      });
      let x = MARGIN;
      columns.forEach((c, i) => {
        headLines[i]!.forEach((l, j) => {
          const w = this.fonts.bold.widthOfTextAtSize(l, headSize);
          const lx = c.align === 'right' ? x + c.width - pad - w : x + pad;
          this.page.drawText(l, {
            x: lx,
            y: top - pad - (j + 1) * headSize * 1.25 + headSize * 0.25,
            size: headSize,
            font: this.fonts.bold,
            color: INK,
          });
        });
        x += c.width;
      });
      this.y = top - headHeight;
    };
    const capacity = Math.floor((this.page.getHeight() - MARGIN - 30 - headHeight - this.bottom - 2 * pad) / lead);
    this.ensure(headHeight + lead + 2 * pad);
    drawHead();
    for (const row of rows) {
      // Cap what we lay out: a runaway description must not cost seconds of text measuring.
      const cell = (text: string) => (text.length > MAX_CELL ? `${text.slice(0, MAX_CELL)}...` : text);
      let cells = columns.map((c, i) => wrap(cell(row[i] ?? ''), this.fonts.regular, size, c.width - 2 * pad));
      // A single cell taller than a page is cut rather than looping over empty pages.
      cells = cells.map((l) =>
        l.length > capacity ? [...l.slice(0, capacity - 1), `${l[capacity - 1] ?? ''}...`] : l,
      );
      const height = Math.max(...cells.map((l) => l.length)) * lead + 2 * pad;
      if (this.ensure(height)) drawHead();
      const top = this.y;
      let x = MARGIN;
      columns.forEach((c, i) => {
        cells[i]!.forEach((l, j) => {
          const w = this.fonts.regular.widthOfTextAtSize(l, size);
          const lx = c.align === 'right' ? x + c.width - pad - w : x + pad;
          this.page.drawText(l, {
            x: lx,
            y: top - pad - (j + 1) * lead + size * 0.25,
            size,
            font: this.fonts.regular,
            color: INK,
          });
        });
        x += c.width;
      });
      this.y = top - height;
      this.page.drawLine({
        start: { x: MARGIN, y: this.y },
        end: { x: MARGIN + this.contentWidth, y: this.y },
        thickness: 0.4,
        color: RULE,
      });
    }
  }

  /** Footer on every page: document reference, page i of n, then the explanatory text. */
  async finish(reference: string): Promise<Uint8Array> {
    const n = this.pages.length;
    const { regular } = this.fonts;
    const size = this.footerSize;
    const ref = encodable(reference, regular);
    this.pages.forEach((page, i) => {
      let y = MARGIN + this.footerLines.length * size * 1.3 + 4;
      page.drawLine({
        start: { x: MARGIN, y: y + 8 },
        end: { x: MARGIN + this.contentWidth, y: y + 8 },
        thickness: 0.6,
        color: ACCENT,
      });
      page.drawText(ref, { x: MARGIN, y, size: 7, font: this.fonts.bold, color: MUTED });
      const pageNo = `Página ${i + 1} de ${n} / Page ${i + 1} of ${n}`;
      page.drawText(encodable(pageNo, regular), {
        x: MARGIN + this.contentWidth - regular.widthOfTextAtSize(encodable(pageNo, regular), 7),
        y,
        size: 7,
        font: regular,
        color: MUTED,
      });
      for (const l of this.footerLines) {
        y -= size * 1.3;
        page.drawText(l, { x: MARGIN, y, size, font: regular, color: MUTED });
      }
    });
    return this.doc.save();
  }
}
