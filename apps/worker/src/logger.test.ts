import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, serializeError } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(JSON.parse(String(chunk)));
      callback();
    },
  });
  return { lines, logger: createLogger('info', destination) };
}

describe('the worker logger', () => {
  it('logs an error with type, message, code and stack, and no quoted data', () => {
    const { lines, logger } = capture();
    const error = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      detail: 'Key (email)=(joao.conceicao@example.test) already exists.',
    });

    logger.error({ err: error }, 'job finished');

    const logged = lines[0]?.err as Record<string, unknown>;
    expect(logged).toMatchObject({ type: 'Error', code: '23505' });
    expect(typeof logged.stack).toBe('string');
    expect(JSON.stringify(lines)).not.toContain('joao.conceicao@example.test');
  });

  it('follows causes a few levels deep', () => {
    const root = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    const wrapped = new Error('could not load the invoice', { cause: root });

    expect(serializeError(wrapped).cause?.message).toBe(root.message);
  });

  it('redacts personal fields a caller logs by mistake', () => {
    const { lines, logger } = capture();

    logger.info({ renter: { cpf: '52998224725', email: 'ana@example.test' } }, 'oops');

    expect(JSON.stringify(lines)).not.toContain('52998224725');
    expect(JSON.stringify(lines)).not.toContain('ana@example.test');
  });
});
