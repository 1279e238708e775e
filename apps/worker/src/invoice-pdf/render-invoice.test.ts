import { describe, expect, it } from 'vitest';
import type { InvoiceDocument } from './invoice-document.js';
import { InvoicePdfError } from './invoice-document.js';
import { extractPdfText } from './pdf-text.js';
import { renderInvoicePdf } from './render-invoice.js';
import { SAMPLE_INVOICE as INVOICE, invoiceWithRows } from './sample-invoice.js';

async function textOf(doc: InvoiceDocument): Promise<string> {
  return extractPdfText(await renderInvoicePdf(doc)).fragments.join('\n');
}

describe('renderInvoicePdf', () => {
  it('produces a complete one-page PDF', async () => {
    const pdf = await renderInvoicePdf(INVOICE);

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expect(extractPdfText(pdf).pageCount).toBe(1);
  });

  it('prints the branding, parties, lines, total and due date in pt-BR', async () => {
    const text = await textOf(INVOICE);

    for (const expected of [
      'Imobiliária Horizonte',
      'Horizonte Gestão Imobiliária Ltda.',
      'CNPJ 12.345.678/0001-95',
      'João Conceição',
      'CPF 123.456.789-09',
      'Rua São Tomé, 45 – Apto 12',
      'Referência: novembro de 2026',
      'Vencimento: 10/11/2026',
      'Condomínio',
      'IPTU – parcela 11/12',
      'R$ 1.100,00',
      'R$ 1.234,56',
      'Valor a pagar',
      'Página 1 de 1',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints English labels, dates and amounts for the en locale', async () => {
    const text = await textOf({ ...INVOICE, locale: 'en' });

    for (const expected of ['Invoice', 'Period: November 2026', 'Due date: Nov 10, 2026']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('R$1,234.56');
    expect(text).not.toContain('Vencimento');
  });

  it('gives byte-identical output for the same invoice', async () => {
    const first = await renderInvoicePdf(INVOICE);
    const second = await renderInvoicePdf(structuredClone(INVOICE));
    const other = await renderInvoicePdf({ ...INVOICE, invoiceId: 'another-invoice' });

    expect(first.equals(second)).toBe(true);
    expect(first.equals(other)).toBe(false);
  });

  it('dates the document from the invoice period, not from the clock', async () => {
    const raw = (await renderInvoicePdf(INVOICE)).toString('latin1');

    expect(raw).toContain('/CreationDate');
    expect(raw).toContain('(D:20261101000000Z)');
  });

  it('prints decomposed accents exactly like composed ones', async () => {
    const decomposed: InvoiceDocument = {
      ...INVOICE,
      renter: { ...INVOICE.renter, name: 'Joa\u0303o Conceic\u0327a\u0303o' },
      property: { ...INVOICE.property, street: 'Rua Sa\u0303o Tome\u0301' },
    };

    const text = await textOf(decomposed);
    expect(text).toContain('João Conceição');
    expect(text).toContain('Rua São Tomé, 45 – Apto 12');
    expect((await renderInvoicePdf(decomposed)).equals(await renderInvoicePdf(INVOICE))).toBe(true);
  });

  it('draws every WinAnsi character as itself and anything else as "?"', async () => {
    const description = 'Ação «ÉÇÃ» – — € … \u2018a\u2019 \u201cb\u201d • ™ Œ Š Ž ÿ 🏠 Ω';
    const lineItems = [{ description, amountCents: INVOICE.amountCents }];
    const text = await textOf({ ...INVOICE, lineItems });

    expect(text).toContain('Ação «ÉÇÃ» – — € … \u2018a\u2019 \u201cb\u201d • ™ Œ Š Ž ÿ ? ?');
  });

  describe('when the invoice has 2,000 lines', () => {
    it('flows onto numbered pages, repeats the table header and keeps every line', async () => {
      const pdf = await renderInvoicePdf(invoiceWithRows(2000));
      const { pageCount, fragments } = extractPdfText(pdf);

      expect(pageCount).toBeGreaterThan(10);
      const lines = fragments.filter((fragment) => fragment.startsWith('Linha '));
      expect(lines).toHaveLength(2000);
      expect(lines.at(-1)).toBe('Linha 2000 – taxa de serviço');
      expect(fragments.filter((f) => f === 'Descrição (continuação)')).toHaveLength(pageCount - 1);
      for (let page = 1; page <= pageCount; page++) {
        expect(fragments.some((f) => f.endsWith(`Página ${page} de ${pageCount}`))).toBe(true);
      }
      // 2,000 × 100 cents plus 0 + 1 + … + 1,999 cents = 2,199,000 cents.
      expect(fragments).toContain('R$ 21.990,00');
    });

    it('lets the event loop run while it renders', async () => {
      const doc = invoiceWithRows(2000);
      const turnsWith = async (yieldEveryRows: number): Promise<number> => {
        let turns = 0;
        let rendering = true;
        const tick = (): void => {
          if (rendering) {
            turns += 1;
            setImmediate(tick);
          }
        };
        setImmediate(tick);
        await renderInvoicePdf(doc, { yieldEveryRows });
        rendering = false;
        return turns;
      };

      // About one turn per `yieldEveryRows` rows (plus two before footers and end()).
      expect(await turnsWith(50)).toBeGreaterThan(30);
      expect(await turnsWith(500)).toBeLessThan(10);
    });
  });

  describe('when the document cannot be printed as given', () => {
    const cases: [string, InvoiceDocument, RegExp][] = [
      ['a total that is not the sum', { ...INVOICE, amountCents: 1 }, /sum of the line items/],
      ['no line items', { ...INVOICE, lineItems: [], amountCents: 0 }, /at least one line/],
      ['a due date that does not exist', { ...INVOICE, dueDate: '2026-02-30' }, /^dueDate/],
      ['a bad period', { ...INVOICE, period: '2026-13' }, /^period/],
      [
        'a short CPF',
        { ...INVOICE, renter: { ...INVOICE.renter, cpf: '98765' } },
        /^renter\.cpf: CPF must have 11 digits$/,
      ],
      [
        'a bad CEP',
        { ...INVOICE, property: { ...INVOICE.property, postalCode: '123' } },
        /^property\.postalCode/,
      ],
    ];

    it.each(cases)('refuses %s with INVOICE_PDF_ERR_INVALID_DOCUMENT', async (_, doc, message) => {
      const err = await renderInvoicePdf(doc).catch((e: unknown) => e);

      expect(err).toBeInstanceOf(InvoicePdfError);
      expect(err).toMatchObject({ code: 'INVOICE_PDF_ERR_INVALID_DOCUMENT' });
      expect((err as Error).message).toMatch(message);
    });

    it('falls back to the default colour for a malformed brand colour', async () => {
      const branding = { ...INVOICE.agency.branding, primaryColor: 'red; not a colour' };
      const pdf = await renderInvoicePdf({ ...INVOICE, agency: { ...INVOICE.agency, branding } });

      expect(extractPdfText(pdf).fragments).toContain('Imobiliária Horizonte');
    });
  });
});
