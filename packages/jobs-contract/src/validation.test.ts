import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_PAYLOAD_BYTES } from './defaults.js';
import { ContractError } from './errors.js';
import { assertValidPayload, describeIssues, payloadIssues } from './validation.js';

const INVOICE_ID = '0b7c4c1e-8d5f-4a3e-9f1a-2c3d4e5f6a7b';

function validEmail() {
  return {
    schemaVersion: 1,
    category: 'transactional',
    template: 'password-reset',
    locale: 'pt-BR',
    to: { email: 'joao.conceicao@example.test', name: 'João Conceição' },
    variables: { resetUrl: 'https://app.example.test/reset/abc' },
  };
}

function contractErrorOf(run: () => void): ContractError {
  try {
    run();
  } catch (error) {
    if (error instanceof ContractError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ContractError');
}

describe('payload validation', () => {
  it('accepts a payload that matches its schema', () => {
    expect(payloadIssues('invoice.generate', { schemaVersion: 1, invoiceId: INVOICE_ID })).toEqual(
      [],
    );
    expect(payloadIssues('email.send', validEmail())).toEqual([]);
  });

  it('names the field that is wrong, not its value', () => {
    const error = contractErrorOf(() =>
      assertValidPayload('invoice.generate', { schemaVersion: 1, invoiceId: 'not-a-uuid-123' }),
    );

    expect(error.code).toBe('CONTRACT_ERR_PAYLOAD_INVALID');
    expect(error.issues.map((issue) => issue.path)).toContain('invoiceId');
    expect(error.message).toContain('invoiceId');
    expect(error.message).not.toContain('not-a-uuid-123');
  });

  it('reports a nested field with its full path', () => {
    const payload = { ...validEmail(), to: { email: 'no-at-sign' } };

    const issues = payloadIssues('email.send', payload);

    expect(issues.map((issue) => issue.path)).toContain('to/email');
    expect(describeIssues(issues, 'payload')).toContain('payload/to/email');
  });

  it('refuses unknown properties and a missing schema version', () => {
    const issues = payloadIssues('invoice.generate', { invoiceId: INVOICE_ID, pdf: 'base64...' });

    const paths = issues.map((issue) => issue.path);
    expect(paths).toContain('schemaVersion');
    expect(paths).toContain('pdf');
  });

  it('refuses addresses the mail transport could not send to', () => {
    for (const email of ['joana"@example.test', 'joana<x>@example.test', 'a b@example.test']) {
      const payload = { ...validEmail(), to: { email } };

      expect(payloadIssues('email.send', payload).map((issue) => issue.path)).toContain('to/email');
    }
  });

  it('refuses template variable names outside the pattern', () => {
    const payload = { ...validEmail(), variables: { '1bad': 'x' } };

    expect(payloadIssues('email.send', payload).map((issue) => issue.path)).toContain(
      'variables/1bad',
    );
  });

  it("refuses attachments outside the sending agency's storage", () => {
    const attachment = (storageKey: string) => ({
      storageKey,
      filename: 'Fatura.pdf',
      contentType: 'application/pdf',
    });
    const own = `agencies/${INVOICE_ID}/invoices/2026-11/x.pdf`;
    const other = 'agencies/5f0e8a52-2d7b-4c11-8a3e-6b9d0c1f2e3a/invoices/2026-11/y.pdf';

    const withoutAgency = { ...validEmail(), attachments: [attachment(own)] };
    const crossAgency = {
      ...withoutAgency,
      agencyId: INVOICE_ID,
      attachments: [attachment(other)],
    };
    const sameAgency = { ...withoutAgency, agencyId: INVOICE_ID };

    expect(payloadIssues('email.send', withoutAgency).map((i) => i.path)).toEqual(['agencyId']);
    expect(payloadIssues('email.send', crossAgency).map((i) => i.path)).toEqual([
      'attachments/0/storageKey',
    ]);
    expect(payloadIssues('email.send', sameAgency)).toEqual([]);
  });

  it('refuses a line break in a header value', () => {
    const payload = { ...validEmail(), to: { email: 'a@example.test', name: 'Ana\r\nBcc: x' } };

    expect(payloadIssues('email.send', payload).map((issue) => issue.path)).toContain('to/name');
  });

  it('refuses a job type that no worker of this release processes', () => {
    const error = contractErrorOf(() =>
      assertValidPayload('backup.run', { schemaVersion: 1, retentionDays: 30 }),
    );

    expect(error.code).toBe('CONTRACT_ERR_JOB_NOT_PROCESSED');
  });

  it('refuses an unknown job name', () => {
    const error = contractErrorOf(() =>
      assertValidPayload('invoice.nope' as 'invoice.generate', {}),
    );

    expect(error.code).toBe('CONTRACT_ERR_UNKNOWN_JOB');
  });

  it('refuses a payload over the size cap, and accepts one just under it', () => {
    const withVariable = (length: number) => ({
      ...validEmail(),
      variables: Object.fromEntries(
        Array.from({ length }, (_, index) => [`v${index}`, 'x'.repeat(1000)]),
      ),
    });

    expect(() => assertValidPayload('email.send', withVariable(60))).not.toThrow();
    const error = contractErrorOf(() => assertValidPayload('email.send', withVariable(70)));
    expect(error.code).toBe('CONTRACT_ERR_PAYLOAD_TOO_LARGE');
    expect(error.message).toContain(String(DEFAULT_MAX_PAYLOAD_BYTES));
  });
});
