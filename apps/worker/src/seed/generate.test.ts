import { describe, expect, it } from 'vitest';
import { isValidCpf } from './documents.js';
import {
  DEMO_AGENCY_ID,
  demoAgency,
  generateLeaseBundle,
  generateLeaseBundles,
  type LeaseBundle,
} from './generate.js';

const range = { agencyId: DEMO_AGENCY_ID, kind: 'active' as const, from: 0, count: 500 };
const NON_ASCII = /[\u0080-\uffff]/;

function rowsOf(bundles: LeaseBundle[]) {
  return bundles.flatMap((bundle) => [bundle.renter, bundle.property, bundle.lease]);
}

describe('generateLeaseBundles', () => {
  it('gives byte-identical rows, ids included, for the same seed', () => {
    const first = JSON.stringify(generateLeaseBundles({ ...range, seed: 1 }));
    const second = JSON.stringify(generateLeaseBundles({ ...range, seed: 1 }));

    expect(second).toBe(first);
  });

  it('gives different rows for a different seed', () => {
    const one = generateLeaseBundles({ ...range, seed: 1 });
    const two = generateLeaseBundles({ ...range, seed: 2 });

    const ids = new Set(rowsOf(one).map((row) => row.id));
    expect(rowsOf(two).some((row) => ids.has(row.id))).toBe(false);
    expect(two.map((bundle) => bundle.renter.name)).not.toEqual(
      one.map((bundle) => bundle.renter.name),
    );
  });

  it('keeps row i the same whatever the batch it is generated in', () => {
    const batch = generateLeaseBundles({ ...range, seed: 3, from: 100, count: 10 });

    expect(batch[5]).toEqual(generateLeaseBundle({ ...range, seed: 3, index: 105 }));
  });

  it('gives every row its own id', () => {
    const rows = rowsOf(generateLeaseBundles({ ...range, seed: 4, count: 5000 }));

    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
  });

  it('produces realistic Brazilian data with accents and invented contacts', () => {
    const bundles = generateLeaseBundles({ ...range, seed: 5 });

    expect(bundles.some((bundle) => NON_ASCII.test(bundle.renter.name))).toBe(true);
    expect(bundles.some((bundle) => NON_ASCII.test(bundle.property.street))).toBe(true);
    expect(bundles.some((bundle) => NON_ASCII.test(bundle.property.city))).toBe(true);
    for (const { renter, property, lease } of bundles) {
      expect(isValidCpf(renter.cpf)).toBe(true);
      expect(renter.email).toMatch(/^[a-z0-9.]+@example\.test$/);
      expect(renter.phone).toMatch(/^\+55 \d{2} 9\d{4}-\d{4}$/);
      expect(property.postalCode).toMatch(/^\d{5}-\d{3}$/);
      expect(property.state).toMatch(/^[A-Z]{2}$/);
      expect(lease.dueDay).toBeGreaterThanOrEqual(1);
      expect(lease.dueDay).toBeLessThanOrEqual(28);
      expect(lease.monthlyRentCents % 1000).toBe(0);
      expect(lease.endsOn).toBeNull();
    }
  });

  it('ends every ended lease after it starts and before 2024', () => {
    const ended = generateLeaseBundles({ ...range, kind: 'ended', seed: 6, count: 200 });

    for (const { lease } of ended) {
      expect(lease.status).toBe('ended');
      expect(lease.endsOn && lease.endsOn > lease.startsOn).toBe(true);
      expect(lease.endsOn && lease.endsOn < '2024-01-01').toBe(true);
    }
  });
});

describe('demoAgency', () => {
  it('is the pt-BR agency Imobiliária Horizonte with a valid branding', () => {
    expect(demoAgency()).toMatchObject({
      id: DEMO_AGENCY_ID,
      name: 'Imobiliária Horizonte Ltda.',
      locale: 'pt-BR',
      timezone: 'America/Sao_Paulo',
      branding: { cnpj: expect.stringMatching(/^\d{14}$/) },
    });
  });
});
