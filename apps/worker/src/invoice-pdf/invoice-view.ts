/**
 * Turns an `InvoiceDocument` into the strings the layout draws: checked, formatted for the
 * locale and passed through `printableText`. The layout then never formats or validates, and
 * a bad document fails here, before any PDF work, with the field named.
 */
import type { InvoiceLocale } from './format.js';
import {
  formatCep,
  formatCnpj,
  formatCpf,
  formatDate,
  formatMoney,
  formatPeriod,
  parseIsoDate,
} from './format.js';
import type { InvoiceDocument, PropertyAddress } from './invoice-document.js';
import { InvoicePdfError } from './invoice-document.js';
import type { InvoiceLabels } from './labels.js';
import { LABELS } from './labels.js';
import { printableText } from './text.js';

export const DEFAULT_PRIMARY_COLOR = '#1f4e79';

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}){1,2}$/;

/** Longer descriptions are cut so one row can never outgrow a page. */
const MAX_DESCRIPTION_CHARS = 300;
const MAX_LINE_CHARS = 160;

export interface InvoiceRow {
  description: string;
  amount: string;
}

export interface InvoiceView {
  locale: InvoiceLocale;
  labels: InvoiceLabels;
  primaryColor: string;
  /** Fixed from the invoice (first day of the period, UTC) so output is reproducible. */
  creationDate: Date;
  invoiceId: string;
  period: string;
  dueDate: string;
  total: string;
  agencyName: string;
  /** Legal name, CNPJ, address and contacts, one printed line each, when present. */
  agencyDetails: string[];
  renterName: string;
  renterCpf: string;
  renterEmail: string;
  propertyAddress: string;
  rows: InvoiceRow[];
}

export function toInvoiceView(doc: InvoiceDocument): InvoiceView {
  const locale = checkLocale(doc.locale);
  checkTotal(doc);
  const labels = LABELS[locale];
  const { year, month } = field('period', () => parseIsoDate(`${doc.period}-01`));

  return {
    locale,
    labels,
    primaryColor: pickColor(doc.agency.branding.primaryColor),
    creationDate: new Date(Date.UTC(year, month - 1, 1)),
    invoiceId: line(doc.invoiceId),
    period: field('period', () => formatPeriod(doc.period, locale)),
    dueDate: field('dueDate', () => formatDate(doc.dueDate, locale)),
    total: formatMoney(doc.amountCents, locale),
    agencyName: line(doc.agency.name),
    agencyDetails: agencyDetails(doc, labels),
    renterName: line(doc.renter.name),
    renterCpf: `${labels.cpf} ${field('renter.cpf', () => formatCpf(doc.renter.cpf))}`,
    renterEmail: line(doc.renter.email),
    propertyAddress: line(formatPropertyAddress(doc.property)),
    rows: doc.lineItems.map((item) => ({
      description: clip(printableText(item.description).trim(), MAX_DESCRIPTION_CHARS),
      amount: formatMoney(item.amountCents, locale),
    })),
  };
}

/** "Rua São Tomé, 45 – Apto 12, Vila Mariana, São Paulo – SP, CEP 04101-000" */
export function formatPropertyAddress(property: PropertyAddress): string {
  const complement = property.complement?.trim();
  const cep = field('property.postalCode', () => formatCep(property.postalCode));
  const streetLine = complement
    ? `${property.street}, ${property.number} – ${complement}`
    : `${property.street}, ${property.number}`;
  const place = `${property.neighbourhood}, ${property.city} – ${property.state}`;
  return `${streetLine}, ${place}, CEP ${cep}`;
}

function agencyDetails(doc: InvoiceDocument, labels: InvoiceLabels): string[] {
  const branding = doc.agency.branding;
  const cnpj = branding.cnpj;
  const contacts = [branding.email, branding.phone].filter(Boolean).join(' · ');
  const details = [
    branding.legalName,
    cnpj ? `${labels.cnpj} ${field('agency.branding.cnpj', () => formatCnpj(cnpj))}` : undefined,
    branding.address,
    contacts,
  ];
  return details.filter((detail): detail is string => Boolean(detail)).map(line);
}

function checkLocale(locale: string): InvoiceLocale {
  if (locale !== 'pt-BR' && locale !== 'en') {
    throw invalid('locale must be pt-BR or en');
  }
  return locale;
}

function checkTotal(doc: InvoiceDocument): void {
  if (doc.lineItems.length === 0) {
    throw invalid('an invoice needs at least one line item');
  }

  let sumCents = 0;
  for (const item of doc.lineItems) {
    if (!Number.isSafeInteger(item.amountCents)) {
      throw invalid('line item amounts must be whole numbers of cents');
    }
    sumCents += item.amountCents;
  }

  // An invoice whose lines do not add up is a wrong invoice; refuse rather than print it.
  if (!Number.isSafeInteger(doc.amountCents) || sumCents !== doc.amountCents) {
    throw invalid('amountCents must equal the sum of the line items');
  }
}

function pickColor(color: string | undefined): string {
  return color !== undefined && HEX_COLOR.test(color) ? color : DEFAULT_PRIMARY_COLOR;
}

/** One printable line of bounded length. */
function line(value: string): string {
  return clip(printableText(value).trim(), MAX_LINE_CHARS);
}

function clip(value: string, maxChars: number): string {
  return value.length <= maxChars ? value : `${value.slice(0, maxChars - 1)}…`;
}

/** Runs a formatter, reporting its failure against the document field. */
function field<T>(name: string, format: () => T): T {
  try {
    return format();
  } catch (err) {
    throw invalid(`${name}: ${err instanceof Error ? err.message : 'invalid'}`, err);
  }
}

function invalid(message: string, cause?: unknown): InvoicePdfError {
  return new InvoicePdfError('INVOICE_PDF_ERR_INVALID_DOCUMENT', message, { cause });
}
