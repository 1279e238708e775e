// Loads one invoice of a finished run the way the `invoice.generate` processor does and maps
// it to the renderer's input, so the PDFKit baseline renders the same kind of invoice.

import { loadInvoiceDocument } from '../../apps/worker/dist/db/invoices.js';
import { createPool } from '../../apps/worker/dist/db/pool.js';

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

// The same mapping as apps/worker/src/processors/invoice-generate.ts (not exported there).
function toPdfInput({ invoice, agency, renter, property }) {
  return {
    invoiceId: invoice.id,
    period: invoice.period,
    dueDate: invoice.dueDate,
    amountCents: invoice.amountCents,
    lineItems: invoice.lineItems,
    locale: agency.locale,
    agency: { name: agency.name, branding: agency.branding },
    renter: { name: renter.name, cpf: renter.cpf, email: renter.email },
    property: {
      street: property.street,
      number: property.number,
      complement: property.complement ?? undefined,
      neighbourhood: property.neighbourhood,
      city: property.city,
      state: property.state,
      postalCode: property.postalCode,
    },
  };
}
