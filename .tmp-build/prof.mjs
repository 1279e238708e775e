import { renderInvoicePdf } from './apps/worker/dist/invoice-pdf/render-invoice.js';
const invoice = { invoiceId: '9b2d4e6f', period: '2026-11', dueDate: '2026-11-10', amountCents: 123456, locale: 'pt-BR',
  lineItems: [ { description: 'Aluguel de novembro de 2026', amountCents: 110000 }, { description: 'Condomínio', amountCents: 10000 }, { description: 'IPTU – parcela 11/12', amountCents: 3456 } ],
  agency: { name: 'Imobiliária Horizonte', branding: { legalName: 'Horizonte Ltda.', cnpj: '12345678000195' } },
  renter: { name: 'João Conceição', cpf: '12345678909', email: 'joao@example.test' },
  property: { street: 'Rua São Tomé', number: '45', complement: 'Apto 12', neighbourhood: 'Vila Mariana', city: 'São Paulo', state: 'SP', postalCode: '04101000' } };
for (let i = 0; i < 3000; i++) await renderInvoicePdf(invoice);
