import { describe, expect, it } from 'vitest';
import { ContractError } from './errors.js';
import { assertValidJobId, isValidJobId, jobIds } from './job-ids.js';

const AGENCY_ID = '5f0e8a52-2d7b-4c11-8a3e-6b9d0c1f2e3a';

describe('job ids', () => {
  it('builds ids that BullMQ accepts as custom ids', () => {
    const ids = [
      jobIds.invoice(AGENCY_ID),
      jobIds.invoiceEmail(AGENCY_ID),
      jobIds.monthEnd(AGENCY_ID, '2026-11'),
    ];

    for (const id of ids) {
      expect(id).not.toContain(':');
      expect(id).not.toMatch(/^[0-9]+$/);
      expect(isValidJobId(id)).toBe(true);
    }
  });

  it('is deterministic per business object', () => {
    expect(jobIds.monthEnd(AGENCY_ID, '2026-11')).toBe(jobIds.monthEnd(AGENCY_ID, '2026-11'));
    expect(jobIds.monthEnd(AGENCY_ID, '2026-11')).not.toBe(jobIds.monthEnd(AGENCY_ID, '2026-12'));
  });

  it('refuses ids with a colon, all digits, or empty', () => {
    for (const id of ['a:b', '12345', '', 'x'.repeat(201), 'tab\tid']) {
      expect(isValidJobId(id)).toBe(false);
      expect(() => assertValidJobId(id)).toThrow(ContractError);
    }
  });

  it('refuses to build an id from a part that would make it invalid', () => {
    expect(() => jobIds.invoice('a:b')).toThrow(/job id/);
  });
});
