/**
 * Renders an invoice to PDF bytes.
 *
 * PDFKit draws synchronously, and a long invoice can take long enough to starve the event
 * loop, where BullMQ renews the job's lock on a timer. The row loop therefore yields to the
 * event loop every `yieldEveryRows` rows.
 *
 * The output is reproducible: the same document gives the same bytes. PDFKit's only
 * time-dependent values are `info.CreationDate` (default: now) and the trailer `/ID`, an MD5 of
 * the info dictionary; both are fixed by setting `CreationDate` from the invoice period.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import type { InvoiceDocument } from './invoice-document.js';
import { InvoiceLayout, MARGIN } from './invoice-layout.js';
import type { InvoiceView } from './invoice-view.js';
import { toInvoiceView } from './invoice-view.js';

export interface RenderInvoiceOptions {
  /** Table rows drawn between two yields to the event loop. @defaultValue 50 */
  yieldEveryRows?: number;
}

/**
 * Draws `doc` on A4 pages with the built-in Helvetica and resolves with the PDF bytes.
 * Rejects with `InvoicePdfError` (`INVOICE_PDF_ERR_INVALID_DOCUMENT`) before drawing anything
 * when the document cannot be printed as given.
 */
export async function renderInvoicePdf(
  doc: InvoiceDocument,
  opts: RenderInvoiceOptions = {},
): Promise<Buffer> {
  const yieldEveryRows = opts.yieldEveryRows ?? 50;
  if (!Number.isInteger(yieldEveryRows) || yieldEveryRows < 1) {
    throw new RangeError('yieldEveryRows must be a positive integer');
  }

  const view = toInvoiceView(doc);
  const pdf = createPdf(view);
  const bytes = collect(pdf);
  const layout = new InvoiceLayout(pdf, view);

  layout.drawHeader();
  layout.drawParties();
  layout.drawTableHeader(false);
  for (const [index, row] of view.rows.entries()) {
    if (index > 0 && index % yieldEveryRows === 0) {
      await yieldToEventLoop();
    }
    layout.drawRow(row);
  }
  layout.drawTotals();

  // Footers and end() touch every buffered page (end() compresses them all): on a long
  // document, give the loop a turn before each of those two passes.
  const long = view.rows.length > yieldEveryRows;
  if (long) {
    await yieldToEventLoop();
  }
  layout.drawFooters();
  if (long) {
    await yieldToEventLoop();
  }
  pdf.end();
  return bytes;
}

function createPdf(view: InvoiceView): PDFKit.PDFDocument {
  return new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // Pages stay in memory until end() so the footers can say "page n of m".
    bufferPages: true,
    lang: view.locale,
    displayTitle: true,
    info: {
      Title: `${view.labels.invoice} ${view.invoiceId}`,
      Author: view.agencyName,
      Subject: `${view.labels.invoice} ${view.period}`,
      Creator: 'ImobiBase Jobs',
      CreationDate: view.creationDate,
      ModDate: view.creationDate,
    },
  });
}

/** Gathers the document stream into one Buffer, resolved when PDFKit has written `%%EOF`. */
function collect(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.once('end', () => resolve(Buffer.concat(chunks)));
    pdf.once('error', reject);
  });

  // If drawing throws, nobody awaits `bytes`; keep a late stream error from going unhandled.
  bytes.catch(() => undefined);
  return bytes;
}
