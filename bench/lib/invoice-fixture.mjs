// A typical invoice for the PDF renderer (three line items, accented Portuguese text), and a
// long one. The data is invented.

export const SAMPLE_INVOICE = {
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
      email: 'contato@horizonte.example.test',
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

/** The sample invoice with `rows` line items of R$ 1,00 each. */
export function longInvoice(rows) {
  const lineItems = Array.from({ length: rows }, (_, i) => ({
    description: `Linha ${i + 1} – taxa de serviço`,
    amountCents: 100,
  }));
  return { ...SAMPLE_INVOICE, lineItems, amountCents: rows * 100 };
}
