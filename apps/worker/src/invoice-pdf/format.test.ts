import { describe, expect, it } from 'vitest';
import {
  formatCep,
  formatCnpj,
  formatCpf,
  formatDate,
  formatMoney,
  formatPeriod,
  parseIsoDate,
} from './format.js';

describe('formatMoney', () => {
  it.each([
    [0, 'R$ 0,00', 'R$0.00'],
    [5, 'R$ 0,05', 'R$0.05'],
    [100, 'R$ 1,00', 'R$1.00'],
    [99_999, 'R$ 999,99', 'R$999.99'],
    [123_456, 'R$ 1.234,56', 'R$1,234.56'],
    [100_000_000, 'R$ 1.000.000,00', 'R$1,000,000.00'],
    [-5, '-R$ 0,05', '-R$0.05'],
    [-123_456, '-R$ 1.234,56', '-R$1,234.56'],
    [Number.MAX_SAFE_INTEGER, 'R$ 90.071.992.547.409,91', 'R$90,071,992,547,409.91'],
  ])('formats %i cents as %j and %j', (cents, ptBr, en) => {
    expect(formatMoney(cents, 'pt-BR')).toBe(ptBr);
    expect(formatMoney(cents, 'en')).toBe(en);
  });

  it('uses a plain space after R$, not a no-break space', () => {
    expect(formatMoney(123_456, 'pt-BR').charCodeAt(2)).toBe(0x20);
  });

  it('prints negative zero without a sign', () => {
    expect(formatMoney(-0, 'pt-BR')).toBe('R$ 0,00');
  });

  it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %d', (cents) => {
    expect(() => formatMoney(cents, 'pt-BR')).toThrow(RangeError);
  });
});

describe('formatDate', () => {
  it.each([
    ['2026-01-05', '05/01/2026', 'Jan 5, 2026'],
    ['2026-11-30', '30/11/2026', 'Nov 30, 2026'],
    ['2024-02-29', '29/02/2024', 'Feb 29, 2024'],
    ['2026-12-31', '31/12/2026', 'Dec 31, 2026'],
  ])('formats %s as %j and %j', (iso, ptBr, en) => {
    expect(formatDate(iso, 'pt-BR')).toBe(ptBr);
    expect(formatDate(iso, 'en')).toBe(en);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-1-5', '05/01/2026', ''])(
    'refuses %j',
    (iso) => {
      expect(() => formatDate(iso, 'pt-BR')).toThrow(RangeError);
    },
  );

  it('parses the parts of a date', () => {
    expect(parseIsoDate('2026-03-09')).toEqual({ year: 2026, month: 3, day: 9 });
  });
});

describe('formatPeriod', () => {
  it.each([
    ['2026-11', 'novembro de 2026', 'November 2026'],
    ['2026-03', 'março de 2026', 'March 2026'],
    ['2027-01', 'janeiro de 2027', 'January 2027'],
  ])('formats %s as %j and %j', (period, ptBr, en) => {
    expect(formatPeriod(period, 'pt-BR')).toBe(ptBr);
    expect(formatPeriod(period, 'en')).toBe(en);
  });

  it.each(['2026-13', '2026-00', '2026-1', '2026-11-01'])('refuses %j', (period) => {
    expect(() => formatPeriod(period, 'en')).toThrow(RangeError);
  });
});

describe('document numbers', () => {
  it('formats a CPF', () => {
    expect(formatCpf('12345678909')).toBe('123.456.789-09');
    expect(formatCpf('123.456.789-09')).toBe('123.456.789-09');
  });

  it('formats a CNPJ and a CEP', () => {
    expect(formatCnpj('12345678000195')).toBe('12.345.678/0001-95');
    expect(formatCep('04101000')).toBe('04101-000');
    expect(formatCep('04101-000')).toBe('04101-000');
  });

  it.each(['1234567890', '123456789012', '1234567890a', ''])('refuses the CPF %j', (cpf) => {
    expect(() => formatCpf(cpf)).toThrow(RangeError);
  });

  it('keeps the value out of the error message', () => {
    expect(() => formatCpf('98765')).toThrow('CPF must have 11 digits');
  });
});
