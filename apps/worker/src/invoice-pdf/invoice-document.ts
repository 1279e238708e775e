/**
 * What the invoice renderer needs, gathered by the invoice processor from the database.
 * Money is integer cents; dates are ISO strings. Everything else is drawn as given, after
 * `printableText` has made it safe for the PDF's built-in font.
 */
import type { InvoiceLocale } from './format.js';

export interface InvoiceLineItem {
  description: string;
  /** May be negative for a discount or credit. */
  amountCents: number;
}

export interface AgencyBranding {
  /** `#RGB` or `#RRGGBB`; anything else falls back to the default blue. */
  primaryColor?: string;
  legalName?: string;
  /** 14 digits, punctuation allowed. */
  cnpj?: string;
  /** One line, printed as given. */
  address?: string;
  email?: string;
  phone?: string;
}

export interface PropertyAddress {
  street: string;
  number: string;
  complement?: string;
  neighbourhood: string;
  city: string;
  /** Two-letter UF, e.g. `SP`. */
  state: string;
  /** CEP, 8 digits, punctuation allowed. */
  postalCode: string;
}

export interface InvoiceDocument {
  invoiceId: string;
  /** Billing month, `YYYY-MM`. */
  period: string;
  /** `YYYY-MM-DD`. */
  dueDate: string;
  /** Must equal the sum of `lineItems`. */
  amountCents: number;
  lineItems: InvoiceLineItem[];
  locale: InvoiceLocale;
  agency: { name: string; branding: AgencyBranding };
  /** `cpf`: 11 digits, punctuation allowed. */
  renter: { name: string; cpf: string; email: string };
  property: PropertyAddress;
}

export type InvoicePdfErrorCode =
  /** The document cannot be printed as given (bad date, CPF, total); retrying will not help. */
  'INVOICE_PDF_ERR_INVALID_DOCUMENT';

export class InvoicePdfError extends Error {
  override readonly name = 'InvoicePdfError';
  readonly code: InvoicePdfErrorCode;
  /** The same document fails the same way every time, so the job is not retried. */
  readonly retryable = false;

  /** Messages name the field, never its value: the values are personal data. */
  constructor(code: InvoicePdfErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
