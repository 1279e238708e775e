import { REDIS_KEY_PREFIX } from '@imobibase/jobs-contract';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadApiConfig } from './config.js';

const TOKEN_A = 'tok-main-app-0123456789abcdef0123456789';
const TOKEN_B = 'tok-billing-cron-0123456789abcdef012345';
const minimal = { API_SERVICE_TOKENS: `main-app=${TOKEN_A}` };

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadApiConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      return err;
    }
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadApiConfig', () => {
  it('applies the defaults', () => {
    expect(loadApiConfig(minimal)).toEqual({
      host: '127.0.0.1',
      port: 3000,
      redisUrl: 'redis://127.0.0.1:6379',
      redisKeyPrefix: REDIS_KEY_PREFIX,
      serviceTokens: [{ name: 'main-app', token: TOKEN_A }],
      logLevel: 'info',
      enqueueTimeoutMs: 2000,
      shutdownGraceMs: 10_000,
    });
  });

  it('reads every variable', () => {
    const config = loadApiConfig({
      API_HOST: '0.0.0.0',
      API_PORT: '8080',
      REDIS_URL: 'redis://cache.internal.example.test:6380/2',
      REDIS_KEY_PREFIX: 'test-abc',
      API_SERVICE_TOKENS: ` main-app=${TOKEN_A} , billing-cron=${TOKEN_B} `,
      LOG_LEVEL: 'warn',
      API_ENQUEUE_TIMEOUT_MS: '500',
      API_SHUTDOWN_GRACE_MS: '3000',
    });

    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      redisUrl: 'redis://cache.internal.example.test:6380/2',
      redisKeyPrefix: 'test-abc',
      logLevel: 'warn',
      enqueueTimeoutMs: 500,
      shutdownGraceMs: 3000,
    });
    expect(config.serviceTokens.map((entry) => entry.name)).toEqual(['main-app', 'billing-cron']);
  });

  it('treats an empty variable as unset', () => {
    expect(loadApiConfig({ ...minimal, API_PORT: '' }).port).toBe(3000);
  });

  it.each([
    [{}, 'API_SERVICE_TOKENS', /is required/],
    [{ ...minimal, API_PORT: 'eighty' }, 'API_PORT', /integer/],
    [{ ...minimal, API_PORT: '70000' }, 'API_PORT', /65535/],
    [{ ...minimal, LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /./],
    [{ ...minimal, REDIS_URL: 'http://127.0.0.1' }, 'REDIS_URL', /./],
    [{ ...minimal, API_ENQUEUE_TIMEOUT_MS: '0' }, 'API_ENQUEUE_TIMEOUT_MS', /1/],
    [{ API_SERVICE_TOKENS: 'main-app' }, 'API_SERVICE_TOKENS', /name=token/],
    [{ API_SERVICE_TOKENS: 'main-app=short' }, 'API_SERVICE_TOKENS', /at least 32/],
    [
      { API_SERVICE_TOKENS: `a=${TOKEN_A},a=${TOKEN_B}` },
      'API_SERVICE_TOKENS',
      /names must be unique/,
    ],
    [
      { API_SERVICE_TOKENS: `a=${TOKEN_A},b=${TOKEN_A}` },
      'API_SERVICE_TOKENS',
      /tokens must be unique/,
    ],
  ])('names the bad variable (%#)', (env, variable, problem) => {
    const error = errorOf(env as Record<string, string>);

    expect(error.variable).toBe(variable);
    expect(error.message).toContain(`invalid environment variable ${variable}`);
    expect(error.message).toMatch(problem);
  });

  it('never puts a token in the message', () => {
    const error = errorOf({ API_SERVICE_TOKENS: `main-app=${TOKEN_A.slice(0, 20)}` });

    expect(error.message).not.toContain(TOKEN_A.slice(0, 20));
  });
});
