/**
 * Small readers for values whose JS type depends on the pool's type parsers. The pool from
 * `createPool` already returns numbers for bigint, but a plain `pg.Pool` returns strings; the
 * query modules read through these so they give the same rows on either.
 */
import { parseInt8 } from './pool.js';

export function readInt(value: unknown): number {
  if (typeof value === 'number') {
    return value;
  }
  return parseInt8(String(value));
}

export function readOptionalDate(value: unknown): Date | null {
  if (value === null || value === undefined) {
    return null;
  }
  return value instanceof Date ? value : new Date(String(value));
}

export function readDate(value: unknown): Date {
  return readOptionalDate(value) ?? new Date(Number.NaN);
}
