/**
 * Brazilian taxpayer numbers for invented people and companies: CPF (11 digits) and CNPJ
 * (14 digits), both ending in two check digits computed modulo 11.
 */
import type { Rng } from './prng.js';

// Each check digit is the weighted digit sum modulo 11, with 10 and 11 folded to 0.
function checkDigit(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (const [index, digit] of digits.entries()) {
    sum += digit * (weights[index] ?? 0);
  }
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

function toDigits(text: string): number[] {
  return [...text].map(Number);
}

function allSame(digits: readonly number[]): boolean {
  return digits.every((digit) => digit === digits[0]);
}

const CPF_FIRST_WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2];
const CPF_SECOND_WEIGHTS = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2];

export function cpfCheckDigits(base9: string): string {
  const digits = toDigits(base9);
  const first = checkDigit(digits, CPF_FIRST_WEIGHTS);
  const second = checkDigit([...digits, first], CPF_SECOND_WEIGHTS);
  return `${first}${second}`;
}

/** Whether 11 digits form a valid CPF; repeated digits (111.111.111-11) never do. */
export function isValidCpf(cpf: string): boolean {
  if (!/^\d{11}$/.test(cpf) || allSame(toDigits(cpf))) {
    return false;
  }
  return cpf.slice(9) === cpfCheckDigits(cpf.slice(0, 9));
}

export function generateCpf(rng: Rng): string {
  let base = '';
  do {
    base = Array.from({ length: 9 }, () => rng.int(0, 9)).join('');
  } while (allSame(toDigits(base)));
  return base + cpfCheckDigits(base);
}

const CNPJ_FIRST_WEIGHTS = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_SECOND_WEIGHTS = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

export function cnpjCheckDigits(base12: string): string {
  const digits = toDigits(base12);
  const first = checkDigit(digits, CNPJ_FIRST_WEIGHTS);
  const second = checkDigit([...digits, first], CNPJ_SECOND_WEIGHTS);
  return `${first}${second}`;
}

export function isValidCnpj(cnpj: string): boolean {
  if (!/^\d{14}$/.test(cnpj) || allSame(toDigits(cnpj))) {
    return false;
  }
  return cnpj.slice(12) === cnpjCheckDigits(cnpj.slice(0, 12));
}
