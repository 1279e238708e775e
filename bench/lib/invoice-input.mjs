// Loads one invoice of a finished run the way the `invoice.generate` processor does and maps
// it to the renderer's input, so the PDFKit baseline renders the same kind of invoice.

import { loadInvoiceDocument } from '../../apps/worker/dist/db/invoices.js';
import { createPool } from '../../apps/worker/dist/db/pool.js';
import { toPdfInput } from '../../apps/worker/dist/processors/invoice-generate.js';

/** The renderer input of the agency's first invoice (by id) of `period`. */
export async function loadPdfInput(databaseUrl, agencyId, period) {
  const pool = createPool(databaseUrl, { maxConnections: 1 });
  try {
    const { rows } = await pool.query(
      'SELECT id FROM invoices WHERE agency_id = $1 AND period = $2 ORDER BY id LIMIT 1',
      [agencyId, period],
    );
    const document = await loadInvoiceDocument(pool, rows[0].id);
    return toPdfInput(document);
  } finally {
    await pool.end();
  }
}
