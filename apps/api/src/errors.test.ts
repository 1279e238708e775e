import { readFileSync } from 'node:fs';
import { ContractError } from '@imobibase/jobs-contract';
import { describe, expect, it } from 'vitest';
import { describeSchemaIssue, toApiError } from './error-handler.js';
import { API_ERR_JOB_UNKNOWN, API_ERRORS } from './errors.js';

const ERRORS_DOC = new URL('../../../docs/ERRORS.md', import.meta.url);

/** `code -> status` from the rows of the doc's table. */
function documentedCodes(): Map<string, number> {
  const rows = readFileSync(ERRORS_DOC, 'utf8').matchAll(/^\| `(API_ERR_[A-Z_]+)` \| (\d{3}) \|/gm);
  return new Map([...rows].map((row) => [row[1] ?? '', Number(row[2])]));
}

function catalogueCodes(): Map<string, number> {
  return new Map(
    Object.entries(API_ERRORS).map(([code, ApiError]) => [code, new ApiError().statusCode ?? 0]),
  );
}

describe('the error catalogue', () => {
  it('lists exactly the codes and statuses docs/ERRORS.md documents', () => {
    const documented = documentedCodes();
    const catalogued = catalogueCodes();

    expect([...documented.keys()].sort()).toEqual([...catalogued.keys()].sort());
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(catalogued));
  });

  it('names each constructor after its code, in the API_ERR_<AREA>_<PROBLEM> form', () => {
    for (const [name, ApiError] of Object.entries(API_ERRORS)) {
      expect(new ApiError().code).toBe(name);
      expect(name).toMatch(/^API_ERR_[A-Z]+(_[A-Z]+)*$/);
    }
  });

  it('gives every code a client or server error status', () => {
    for (const status of catalogueCodes().values()) {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
  });
});

describe('toApiError', () => {
  it('passes catalogue errors through', () => {
    const error = new API_ERR_JOB_UNKNOWN('x.y');

    expect(toApiError(error)).toBe(error);
  });

  it.each([
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 'API_ERR_BODY_TOO_LARGE'],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'API_ERR_BODY_MEDIA_TYPE'],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'API_ERR_BODY_INVALID'],
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 'API_ERR_BODY_INVALID'],
    ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400, 'API_ERR_BODY_INVALID'],
    ['FST_ERR_BAD_URL', 400, 'API_ERR_REQUEST_INVALID'],
    ['ECONNREFUSED', undefined, 'API_ERR_INTERNAL'],
  ])('maps %s to %s', (code, statusCode, expected) => {
    const error = Object.assign(new Error('framework says no'), { code, statusCode });

    expect(toApiError(error).code).toBe(expected);
  });

  it.each([
    ['CONTRACT_ERR_UNKNOWN_JOB', 'API_ERR_JOB_UNKNOWN'],
    ['CONTRACT_ERR_JOB_NOT_PROCESSED', 'API_ERR_JOB_UNAVAILABLE'],
    ['CONTRACT_ERR_PAYLOAD_INVALID', 'API_ERR_PAYLOAD_INVALID'],
    ['CONTRACT_ERR_PAYLOAD_TOO_LARGE', 'API_ERR_PAYLOAD_TOO_LARGE'],
    ['CONTRACT_ERR_JOB_ID_INVALID', 'API_ERR_IDEMPOTENCY_KEY_INVALID'],
    ['CONTRACT_ERR_JOB_ID_TAKEN', 'API_ERR_IDEMPOTENCY_KEY_CONFLICT'],
    ['CONTRACT_ERR_OPTIONS_INVALID', 'API_ERR_BODY_INVALID'],
    ['CONTRACT_ERR_KEY_PREFIX', 'API_ERR_INTERNAL'],
  ] as const)('maps the contract refusal %s to %s', (code, expected) => {
    const error = new ContractError(code, 'refused', [{ path: 'period', message: 'bad' }]);

    expect(toApiError(error).code).toBe(expected);
  });

  it('keeps the cause for the logs', () => {
    const cause = Object.assign(new Error('too big'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE' });

    expect(toApiError(cause).cause).toBe(cause);
  });
});

describe('describeSchemaIssue', () => {
  it('names the field of each kind of schema failure', () => {
    expect(
      describeSchemaIssue({ instancePath: '/jobs/3/options/delay', message: 'must be >= 0' }),
    ).toBe('jobs/3/options/delay: must be >= 0');
    expect(describeSchemaIssue({ instancePath: '', params: { missingProperty: 'payload' } })).toBe(
      'payload: is required',
    );
    expect(
      describeSchemaIssue({ instancePath: '/options', params: { additionalProperty: 'ttl' } }),
    ).toBe('options/ttl: is not allowed');
    expect(describeSchemaIssue({ instancePath: '', message: 'must be object' })).toBe(
      '(body): must be object',
    );
  });
});
