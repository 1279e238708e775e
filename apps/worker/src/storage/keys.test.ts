import { describe, expect, it } from 'vitest';
import { invoiceKey, joinKey } from './keys.js';
import { StorageError } from './storage.js';

const AGENCY = '5f0c7c1e-8a6b-4c2e-9d1f-0a1b2c3d4e5f';
const INVOICE = '9b2d4e6f-1a3c-4e5f-8a7b-6c5d4e3f2a1b';

describe('invoiceKey', () => {
  it('builds the same key for the same invoice every time', () => {
    const input = { agencyId: AGENCY, period: '2026-11', invoiceId: INVOICE };

    expect(invoiceKey(input)).toBe(`agencies/${AGENCY}/invoices/2026-11/${INVOICE}.pdf`);
    expect(invoiceKey({ ...input })).toBe(invoiceKey(input));
  });

  it.each(['2026-13', '2026-1', '26-11', '2026-11-01'])('rejects the period %j', (period) => {
    expect(() => invoiceKey({ agencyId: AGENCY, period, invoiceId: INVOICE })).toThrow(
      expect.objectContaining({ code: 'STORAGE_ERR_INVALID_KEY' }),
    );
  });

  it.each(['', '..', 'a/b', '../x', 'ação'])('rejects the id %j', (id) => {
    expect(() => invoiceKey({ agencyId: id, period: '2026-11', invoiceId: INVOICE })).toThrow(
      StorageError,
    );
    expect(() => invoiceKey({ agencyId: AGENCY, period: '2026-11', invoiceId: id })).toThrow(
      StorageError,
    );
  });
});

describe('joinKey', () => {
  it('joins plain segments', () => {
    expect(joinKey('reports', 'r-1.csv')).toBe('reports/r-1.csv');
  });

  it('refuses a segment that smuggles in a level', () => {
    expect(() => joinKey('reports', 'a/b.csv')).toThrow(StorageError);
  });
});
