/** Fixed words printed on an invoice, per locale. Values come from data; these never do. */
import type { InvoiceLocale } from './format.js';

export interface InvoiceLabels {
  invoice: string;
  invoiceNumber: string;
  period: string;
  dueDate: string;
  cnpj: string;
  renter: string;
  cpf: string;
  property: string;
  description: string;
  amount: string;
  continued: string;
  total: string;
  amountDue: string;
  page(pageNumber: number, pageCount: number): string;
}

export const LABELS: Record<InvoiceLocale, InvoiceLabels> = {
  'pt-BR': {
    invoice: 'Fatura',
    invoiceNumber: 'Nº',
    period: 'Referência',
    dueDate: 'Vencimento',
    cnpj: 'CNPJ',
    renter: 'Locatário',
    cpf: 'CPF',
    property: 'Imóvel',
    description: 'Descrição',
    amount: 'Valor',
    continued: '(continuação)',
    total: 'Total',
    amountDue: 'Valor a pagar',
    page: (pageNumber, pageCount) => `Página ${pageNumber} de ${pageCount}`,
  },
  en: {
    invoice: 'Invoice',
    invoiceNumber: 'No.',
    period: 'Period',
    dueDate: 'Due date',
    cnpj: 'CNPJ',
    renter: 'Renter',
    cpf: 'CPF',
    property: 'Property',
    description: 'Description',
    amount: 'Amount',
    continued: '(continued)',
    total: 'Total',
    amountDue: 'Amount due',
    page: (pageNumber, pageCount) => `Page ${pageNumber} of ${pageCount}`,
  },
};
