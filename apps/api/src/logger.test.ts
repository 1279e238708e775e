import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestIdOf } from './logger.js';
import { memoryLogger } from './test-helpers.js';

describe('createApiLogger', () => {
  it('redacts sensitive fields at any depth', () => {
    const { logger, lines } = memoryLogger();

    logger.info(
      {
        payload: { invoiceId: 'a' },
        job: { payload: { to: 'b' } },
        renter: { cpf: '000.000.000-00', email: 'renter@example.test' },
        nested: { deeper: { password: 'hunter2', token: 'tok' } },
        req: { headers: { authorization: 'Bearer abc', cookie: 'session=1' } },
      },
      'something happened',
    );

    expect(lines()[0]).toMatchObject({
      payload: '[redacted]',
      job: { payload: '[redacted]' },
      renter: { cpf: '[redacted]', email: '[redacted]' },
      nested: { deeper: { password: '[redacted]', token: '[redacted]' } },
      req: { headers: { authorization: '[redacted]', cookie: '[redacted]' } },
    });
  });
});

describe('requestIdOf', () => {
  const withHeader = (value: string | string[] | undefined) =>
    ({ headers: { 'x-request-id': value } }) as unknown as IncomingMessage;

  it('honours a sane incoming id', () => {
    expect(requestIdOf(withHeader('req-42.a_b:c'))).toBe('req-42.a_b:c');
  });

  it.each([['line\nbreak'], ['x'.repeat(200)], [''], [['a', 'b']], [undefined]])(
    'makes a fresh uuid instead of %j',
    (value) => {
      expect(requestIdOf(withHeader(value))).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
    },
  );
});
