import { describe, expect, it } from 'vitest';
import {
  cnpjCheckDigits,
  cpfCheckDigits,
  generateCpf,
  isValidCnpj,
  isValidCpf,
} from './documents.js';
import { createRng, rngFor } from './prng.js';

// A second, independent reading of the rule (sum × 10 mod 11, 10 counts as 0) to check against.
function cpfByTextbook(base9: string): string {
  const digits = [...base9].map(Number);
  const dv = (values: number[]) => {
    const sum = values.reduce(
      (total, digit, index) => total + digit * (values.length + 1 - index),
      0,
    );
    return ((sum * 10) % 11) % 10;
  };
  const first = dv(digits);
  return `${first}${dv([...digits, first])}`;
}

describe('CPF', () => {
  it('computes check digits that agree with the textbook rule', () => {
    const rng = createRng([1, 2, 3, 4]);
    for (let i = 0; i < 2000; i += 1) {
      const base = String(rng.int(0, 999_999_999)).padStart(9, '0');
      expect(cpfCheckDigits(base)).toBe(cpfByTextbook(base));
    }
  });

  it('generates only valid CPFs', () => {
    for (let i = 0; i < 2000; i += 1) {
      const cpf = generateCpf(rngFor('cpf-test', i));
      expect(cpf).toMatch(/^\d{11}$/);
      expect(isValidCpf(cpf)).toBe(true);
    }
  });

  it('rejects a wrong check digit, repeated digits and bad shapes', () => {
    const cpf = generateCpf(rngFor('cpf-test', 'one'));
    const wrongLast = cpf.slice(0, 10) + String((Number(cpf[10]) + 1) % 10);

    expect(isValidCpf(wrongLast)).toBe(false);
    expect(isValidCpf('11111111111')).toBe(false);
    expect(isValidCpf(`${cpf.slice(0, 3)}.${cpf.slice(3)}`)).toBe(false);
  });
});

describe('CNPJ', () => {
  it('computes check digits that validate, and rejects a changed digit', () => {
    const base = '417283950001';
    const cnpj = base + cnpjCheckDigits(base);
    const wrongLast = cnpj.slice(0, 13) + String((Number(cnpj[13]) + 1) % 10);

    expect(isValidCnpj(cnpj)).toBe(true);
    expect(isValidCnpj(wrongLast)).toBe(false);
  });
});
