/**
 * An invented invoice for the renderer's tests and benchmarks: three line items and accented
 * Portuguese text, and a long variant. No real agency, renter or property.
 */
import type { InvoiceDocument } from './invoice-document.js';

export const SAMPLE_INVOICE: InvoiceDocument = {
  invoiceId: '9b2d4e6f-1a3c-4e5f-8a7b-6c5d4e3f2a1b',
  period: '2026-11',
  dueDate: '2026-11-10',
  amountCents: 123_456,
  locale: 'pt-BR',
  lineItems: [
    { description: 'Aluguel de novembro de 2026', amountCents: 110_000 },
    { description: 'Condomínio', amountCents: 10_000 },
    { description: 'IPTU – parcela 11/12', amountCents: 3_456 },
  ],
  agency: {
    name: 'Imobiliária Horizonte',
    branding: {
      primaryColor: '#0a6e4f',
      legalName: 'Horizonte Gestão Imobiliária Ltda.',
      cnpj: '12345678000195',
      address: 'Av. Paulista, 1000 – São Paulo – SP',
      email: 'contato@horizonte.example.test',
      phone: '(11) 3000-0000',
    },
  },
  renter: { name: 'João Conceição', cpf: '12345678909', email: 'joao@example.test' },
  property: {
    street: 'Rua São Tomé',
    number: '45',
    complement: 'Apto 12',
    neighbourhood: 'Vila Mariana',
    city: 'São Paulo',
    state: 'SP',
    postalCode: '04101000',
  },
};

/** The sample invoice with `count` line items, its total kept equal to their sum. */
export function invoiceWithRows(count: number): InvoiceDocument {
  const lineItems = Array.from({ length: count }, (_, i) => ({
    description: `Linha ${i + 1} – taxa de serviço`,
    amountCents: 100 + i,
  }));
  const amountCents = lineItems.reduce((sum, item) => sum + item.amountCents, 0);
  return { ...SAMPLE_INVOICE, lineItems, amountCents };
}
