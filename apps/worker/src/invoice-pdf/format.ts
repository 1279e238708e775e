/**
 * Locale formatting for invoices, written with integer and string arithmetic instead of `Intl`.
 *
 * `Intl.NumberFormat` output depends on the ICU data Node was built with: pt-BR currency comes
 * out as "R$ 1.234,56" with a no-break space (U+00A0) on some builds and a plain space on
 * others, and month names and spacing have changed between ICU releases. An invoice must read
 * the same on every machine and in every test, so these functions spell the output out.
 *
 * Money uses a plain space after "R$" in pt-BR. It is what people type, it matches what the
 * email templates show, and searching the PDF for "R$ 1.234,56" finds it. The PDF layout keeps
 * amounts on one line by itself, which is the job a no-break space would otherwise do.
 *
 * Dates in English are written "Jan 5, 2026": the month as a word, so a reader never has to
 * guess whether 01/05 is January or May.
 */

export type InvoiceLocale = 'pt-BR' | 'en';

const MONTHS: Record<InvoiceLocale, readonly string[]> = {
  'pt-BR': [
    'janeiro',
    'fevereiro',
    'março',
    'abril',
    'maio',
    'junho',
    'julho',
    'agosto',
    'setembro',
    'outubro',
    'novembro',
    'dezembro',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

interface MoneyStyle {
  prefix: string;
  thousands: string;
  decimal: string;
}

const MONEY: Record<InvoiceLocale, MoneyStyle> = {
  'pt-BR': { prefix: 'R$ ', thousands: '.', decimal: ',' },
  en: { prefix: 'R$', thousands: ',', decimal: '.' },
};

/**
 * Formats an amount of Brazilian reais given in cents: pt-BR "R$ 1.234,56", en "R$1,234.56".
 * Negative amounts (credits) get a leading minus: "-R$ 10,00". Throws a `RangeError` unless
 * `cents` is a safe integer.
 */
export function formatMoney(cents: number, locale: InvoiceLocale): string {
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError('amount must be a whole number of cents');
  }

  const style = MONEY[locale];
  const sign = cents < 0 ? '-' : '';
  const magnitude = Math.abs(cents);
  const units = Math.trunc(magnitude / 100);
  const fraction = String(magnitude % 100).padStart(2, '0');
  const whole = groupThousands(units, style.thousands);
  return `${sign}${style.prefix}${whole}${style.decimal}${fraction}`;
}

function groupThousands(value: number, separator: string): string {
  const digits = String(value);
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) {
    groups.unshift(digits.slice(Math.max(0, end - 3), end));
  }
  return groups.join(separator);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** "2026-01-05" → pt-BR "05/01/2026", en "Jan 5, 2026". Throws a `RangeError` on a non-date. */
export function formatDate(isoDate: string, locale: InvoiceLocale): string {
  const { year, month, day } = parseIsoDate(isoDate);
  if (locale === 'pt-BR') {
    return `${pad2(day)}/${pad2(month)}/${year}`;
  }

  const name = monthName(month, 'en');
  return `${name.slice(0, 3)} ${day}, ${year}`;
}

/** "2026-11" → pt-BR "novembro de 2026", en "November 2026". */
export function formatPeriod(period: string, locale: InvoiceLocale): string {
  const match = ISO_MONTH.exec(period);
  const month = Number(match?.[2]);
  if (match === null || month < 1 || month > 12) {
    throw new RangeError('period must be YYYY-MM');
  }

  const name = monthName(month, locale);
  return locale === 'pt-BR' ? `${name} de ${match[1]}` : `${name} ${match[1]}`;
}

export interface CalendarDate {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

/** Parses `YYYY-MM-DD`, refusing dates that do not exist (2026-02-30). */
export function parseIsoDate(isoDate: string): CalendarDate {
  const match = ISO_DATE.exec(isoDate);
  const [year, month, day] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];

  // Date.UTC rolls 2026-02-30 over into March; a real date survives the round trip.
  const probe = new Date(Date.UTC(year, month - 1, day));
  const real =
    match !== null &&
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day;
  if (!real) {
    throw new RangeError('date must be a real calendar date, YYYY-MM-DD');
  }
  return { year, month, day };
}

/** "12345678909" → "123.456.789-09". Accepts punctuated input; throws unless 11 digits. */
export function formatCpf(cpf: string): string {
  const digits = digitsOf(cpf, 11, 'CPF');
  return `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6, 9)}-${digits.slice(9)}`;
}

/** "12345678000195" → "12.345.678/0001-95". Accepts punctuated input; throws unless 14 digits. */
export function formatCnpj(cnpj: string): string {
  const d = digitsOf(cnpj, 14, 'CNPJ');
  return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-${d.slice(12)}`;
}

/** "01310100" → "01310-100". Accepts punctuated input; throws unless 8 digits. */
export function formatCep(cep: string): string {
  const digits = digitsOf(cep, 8, 'CEP');
  return `${digits.slice(0, 5)}-${digits.slice(5)}`;
}

/**
 * Strips the usual punctuation (dots, dashes, slashes, spaces) and checks the digit count.
 * The message names the field only: these are personal data and must not reach logs.
 */
function digitsOf(value: string, count: number, field: string): string {
  const digits = value.replace(/[.\-/\s]/g, '');
  if (digits.length !== count || !/^\d+$/.test(digits)) {
    throw new RangeError(`${field} must have ${count} digits`);
  }
  return digits;
}

function monthName(month: number, locale: InvoiceLocale): string {
  const name = MONTHS[locale][month - 1];
  if (name === undefined) {
    throw new RangeError('month must be 1-12');
  }
  return name;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
