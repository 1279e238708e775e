import { describe, expect, it } from 'vitest';
import { ledgerKeyFor, messageIdFor } from './message-id.js';

describe('messageIdFor', () => {
  it('is the same for every attempt of one job', () => {
    const first = messageIdFor('invoice-email:7d3c1f7e', 'mail.imobibase.example.test');
    expect(messageIdFor('invoice-email:7d3c1f7e', 'mail.imobibase.example.test')).toBe(first);
    expect(first).toMatch(/^<email\.[0-9a-f]{32}@mail\.imobibase\.example\.test>$/);
  });

  it('differs between jobs and does not show the job id', () => {
    const a = messageIdFor('job-a', 'example.test');
    const b = messageIdFor('job-b', 'example.test');
    expect(a).not.toBe(b);
    expect(a).not.toContain('job-a');
  });

  it('rejects a domain that is not a host name', () => {
    expect(() => messageIdFor('job-a', 'example.test>\r\nBcc: x')).toThrow(
      expect.objectContaining({ code: 'EMAIL_ERR_CONFIG', retryable: false }),
    );
    expect(() => messageIdFor('', 'example.test')).toThrow(
      expect.objectContaining({ code: 'EMAIL_ERR_CONFIG' }),
    );
  });
});

describe('ledgerKeyFor', () => {
  it('drops the angle brackets', () => {
    expect(ledgerKeyFor('<email.abc@example.test>')).toBe('email:email.abc@example.test');
  });
});
