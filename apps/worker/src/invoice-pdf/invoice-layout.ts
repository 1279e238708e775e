/**
 * Draws an `InvoiceView` onto A4 pages with PDFKit. The layout keeps its own cursor (`#y`) and
 * places every block at explicit coordinates: PDFKit's automatic page breaks would move text
 * without telling us, so each block is measured first and a page is added by hand when the
 * block would cross `BODY_BOTTOM`. Amounts are placed right-aligned by measurement on a single
 * line, so they never wrap.
 */
import type { InvoiceRow, InvoiceView } from './invoice-view.js';

type Pdf = PDFKit.PDFDocument;

/** A4 in points (1/72 in). */
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN = 50;

const LEFT = MARGIN;
const RIGHT = PAGE_WIDTH - MARGIN;
const CONTENT_WIDTH = RIGHT - LEFT;

/** Rows and totals end above this line; the footer sits below it. */
const BODY_BOTTOM = PAGE_HEIGHT - MARGIN - 16;
const FOOTER_Y = PAGE_HEIGHT - MARGIN + 12;

const CELL_PAD = 6;
const AMOUNT_WIDTH = 110;
const DESCRIPTION_WIDTH = CONTENT_WIDTH - AMOUNT_WIDTH - 2 * CELL_PAD;
const TOTALS_HEIGHT = 96;

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const INK = '#1a1a1a';
const MUTED = '#5a5a5a';
const RULE = '#d0d0d0';
const HEADER_FILL = '#eef1f5';

interface TextStyle {
  font: string;
  size: number;
  color: string;
}

const TITLE: TextStyle = { font: BOLD, size: 18, color: INK };
const DETAIL: TextStyle = { font: REGULAR, size: 9, color: INK };
const DETAIL_MUTED: TextStyle = { font: REGULAR, size: 9, color: MUTED };
const CAPTION: TextStyle = { font: BOLD, size: 9, color: MUTED };
const NAME: TextStyle = { font: BOLD, size: 11, color: INK };
const BODY: TextStyle = { font: REGULAR, size: 10, color: INK };
const BODY_MUTED: TextStyle = { font: REGULAR, size: 10, color: MUTED };
const COLUMN_TITLE: TextStyle = { font: BOLD, size: 10, color: INK };
const TOTAL: TextStyle = { font: BOLD, size: 11, color: INK };
const AMOUNT_DUE: TextStyle = { font: BOLD, size: 12, color: INK };
const FOOTER: TextStyle = { font: REGULAR, size: 8, color: MUTED };

const HEADER_LEFT_WIDTH = 300;
const HEADER_RIGHT_WIDTH = 180;
const COLUMN_GAP = 30;

export class InvoiceLayout {
  readonly #pdf: Pdf;
  readonly #view: InvoiceView;
  #y = MARGIN;

  constructor(pdf: Pdf, view: InvoiceView) {
    this.#pdf = pdf;
    this.#view = view;
  }

  /** Agency branding on the left; title, number, period and due date on the right. */
  drawHeader(): void {
    const view = this.#view;
    const brand = { ...TITLE, color: view.primaryColor };
    let left = this.#block(view.agencyName, LEFT, 0, HEADER_LEFT_WIDTH, brand);
    for (const detail of view.agencyDetails) {
      left += 2 + this.#block(detail, LEFT, left + 2, HEADER_LEFT_WIDTH, DETAIL_MUTED);
    }

    const rightX = RIGHT - HEADER_RIGHT_WIDTH;
    const facts = [
      `${view.labels.invoiceNumber} ${view.invoiceId}`,
      `${view.labels.period}: ${view.period}`,
      `${view.labels.dueDate}: ${view.dueDate}`,
    ];
    let right = this.#block(view.labels.invoice, rightX, 0, HEADER_RIGHT_WIDTH, TITLE, 'right');
    for (const fact of facts) {
      right += 2 + this.#block(fact, rightX, right + 2, HEADER_RIGHT_WIDTH, DETAIL, 'right');
    }

    this.#y += Math.max(left, right) + 14;
    this.#rule(this.#y, view.primaryColor, 2);
    this.#y += 18;
  }

  /** Renter on the left, property address on the right. */
  drawParties(): void {
    const view = this.#view;
    const width = (CONTENT_WIDTH - COLUMN_GAP) / 2;
    const rightX = LEFT + width + COLUMN_GAP;

    let left = 4 + this.#block(view.labels.renter, LEFT, 0, width, CAPTION);
    left += this.#block(view.renterName, LEFT, left, width, NAME);
    left += 2 + this.#block(view.renterCpf, LEFT, left + 2, width, BODY);
    left += 2 + this.#block(view.renterEmail, LEFT, left + 2, width, BODY);

    let right = 4 + this.#block(view.labels.property, rightX, 0, width, CAPTION);
    right += this.#block(view.propertyAddress, rightX, right, width, BODY);

    this.#y += Math.max(left, right) + 24;
  }

  /** The shaded column titles; repeated with "(continued)" at the top of later pages. */
  drawTableHeader(continued: boolean): void {
    const labels = this.#view.labels;
    const height = 22;
    this.#pdf.rect(LEFT, this.#y, CONTENT_WIDTH, height).fill(HEADER_FILL);

    const title = continued ? `${labels.description} ${labels.continued}` : labels.description;
    this.#font(COLUMN_TITLE);
    this.#pdf.text(title, LEFT + CELL_PAD, this.#y + 7, { lineBreak: false });
    this.#textRight(labels.amount, RIGHT - CELL_PAD, this.#y + 7);
    this.#y += height;
  }

  drawRow(row: InvoiceRow): void {
    this.#font(BODY);
    const textHeight = this.#pdf.heightOfString(row.description, { width: DESCRIPTION_WIDTH });
    const height = textHeight + 2 * CELL_PAD;
    if (this.#y + height > BODY_BOTTOM) {
      this.#newPage();
      this.drawTableHeader(true);
      this.#font(BODY);
    }

    this.#pdf.text(row.description, LEFT + CELL_PAD, this.#y + CELL_PAD, {
      width: DESCRIPTION_WIDTH,
    });
    this.#textRight(row.amount, RIGHT - CELL_PAD, this.#y + CELL_PAD);
    this.#y += height;
    this.#rule(this.#y, RULE, 0.5);
  }

  /** The total line, then a framed box with the amount due and the due date. */
  drawTotals(): void {
    const view = this.#view;
    if (this.#y + TOTALS_HEIGHT > BODY_BOTTOM) {
      this.#newPage();
    }

    this.#rule(this.#y, INK, 1);
    this.#font(TOTAL);
    this.#pdf.text(view.labels.total, LEFT + CELL_PAD, this.#y + 8, { lineBreak: false });
    this.#textRight(view.total, RIGHT - CELL_PAD, this.#y + 8);
    this.#y += 36;

    const boxHeight = 48;
    this.#pdf
      .lineWidth(1.5)
      .rect(LEFT, this.#y, CONTENT_WIDTH, boxHeight)
      .stroke(view.primaryColor);
    this.#font(AMOUNT_DUE);
    this.#pdf.text(view.labels.amountDue, LEFT + 12, this.#y + 10, { lineBreak: false });
    this.#textRight(view.total, RIGHT - 12, this.#y + 10);
    this.#font(BODY_MUTED);
    this.#pdf.text(view.labels.dueDate, LEFT + 12, this.#y + 29, { lineBreak: false });
    this.#textRight(view.dueDate, RIGHT - 12, this.#y + 29);
    this.#y += boxHeight;
  }

  /** "Fatura <id> · Página n de m" on every page; needs `bufferPages: true`. */
  drawFooters(): void {
    const pdf = this.#pdf;
    const { start, count } = pdf.bufferedPageRange();
    for (let index = start; index < start + count; index++) {
      pdf.switchToPage(index);
      // Text below the bottom margin would make PDFKit add a page; lift the margin meanwhile.
      const bottomMargin = pdf.page.margins.bottom;
      pdf.page.margins.bottom = 0;

      const { labels, invoiceId } = this.#view;
      const footer = `${labels.invoice} ${invoiceId} · ${labels.page(index - start + 1, count)}`;
      this.#font(FOOTER);
      pdf.text(footer, LEFT, FOOTER_Y, { width: CONTENT_WIDTH, align: 'center' });
      pdf.page.margins.bottom = bottomMargin;
    }
  }

  #newPage(): void {
    this.#pdf.addPage();
    this.#y = MARGIN;
  }

  /** Wrapped text at `dy` below the cursor; returns the height it took. */
  #block(
    text: string,
    x: number,
    dy: number,
    width: number,
    style: TextStyle,
    align: 'left' | 'right' = 'left',
  ): number {
    const y = this.#y + dy;
    this.#font(style);
    this.#pdf.text(text, x, y, { width, align });
    return this.#pdf.y - y;
  }

  #textRight(text: string, right: number, y: number): void {
    const width = this.#pdf.widthOfString(text);
    this.#pdf.text(text, right - width, y, { lineBreak: false });
  }

  #rule(y: number, color: string, width: number): void {
    this.#pdf.lineWidth(width).moveTo(LEFT, y).lineTo(RIGHT, y).stroke(color);
  }

  #font(style: TextStyle): void {
    this.#pdf.font(style.font).fontSize(style.size).fillColor(style.color);
  }
}
