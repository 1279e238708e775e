/**
 * The API's configuration, read from the environment once at start-up. Every variable is
 * checked against one TypeBox schema so a bad deployment fails before the server listens,
 * with an error that names the variable (never its value: some of them are secrets).
 */
import { REDIS_KEY_PREFIX } from '@imobibase/jobs-contract';
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Shortest accepted service token: 32 characters keeps guessing out of reach. */
export const MIN_SERVICE_TOKEN_LENGTH = 32;

const EnvSchema = Type.Object({
  API_HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  API_PORT: Type.Integer({ minimum: 0, maximum: 65_535, default: 3000 }),
  REDIS_URL: Type.String({ pattern: '^rediss?://', default: 'redis://127.0.0.1:6379' }),
  REDIS_KEY_PREFIX: Type.String({ pattern: '^[A-Za-z0-9_.-]+$', default: REDIS_KEY_PREFIX }),
  API_SERVICE_TOKENS: Type.String({ minLength: 1 }),
  LOG_LEVEL: Type.Union(
    LOG_LEVELS.map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  API_ENQUEUE_TIMEOUT_MS: Type.Integer({ minimum: 1, default: 2000 }),
  API_SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, default: 10_000 }),
});

type Env = Static<typeof EnvSchema>;

type EnvName = keyof Env;

const ENV_NAMES = Object.keys(EnvSchema.properties) as EnvName[];

/** A calling service and the bearer token it presents. */
export interface ServiceToken {
  /** Identifies the caller in logs, e.g. `main-app`. */
  name: string;
  token: string;
}

export type LogLevel = (typeof LOG_LEVELS)[number];

/** The validated configuration of one API process. */
export interface ApiConfig {
  host: string;
  port: number;
  redisUrl: string;
  /** BullMQ key prefix; only tests override it, to isolate their keys. */
  redisKeyPrefix: string;
  serviceTokens: readonly ServiceToken[];
  logLevel: LogLevel;
  /** How long an enqueue may take before the request answers 503. */
  enqueueTimeoutMs: number;
  /** How long shutdown may take before the process exits with code 1. */
  shutdownGraceMs: number;
}

/** The environment is missing a variable or holds a value the API cannot use. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'API_CONFIG_ERR_ENV_INVALID';
  /** The offending environment variable. */
  readonly variable: string;

  constructor(variable: string, problem: string) {
    super(`invalid environment variable ${variable}: ${problem}`);
    this.variable = variable;
  }
}

/** Reads and checks the API's environment; throws {@link ConfigError} naming the bad variable. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = parseEnv(env);

  return {
    host: parsed.API_HOST,
    port: parsed.API_PORT,
    redisUrl: parsed.REDIS_URL,
    redisKeyPrefix: parsed.REDIS_KEY_PREFIX,
    serviceTokens: parseServiceTokens(parsed.API_SERVICE_TOKENS),
    logLevel: parsed.LOG_LEVEL,
    enqueueTimeoutMs: parsed.API_ENQUEUE_TIMEOUT_MS,
    shutdownGraceMs: parsed.API_SHUTDOWN_GRACE_MS,
  };
}

function parseEnv(env: NodeJS.ProcessEnv): Env {
  // Only our variables, and an empty string counts as unset so `VAR=` falls back to the default.
  const picked: Record<string, string> = {};
  for (const name of ENV_NAMES) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') {
      picked[name] = value.trim();
    }
  }

  const withDefaults = Value.Default(EnvSchema, picked);
  const converted = Value.Convert(EnvSchema, withDefaults);

  const first = Value.Errors(EnvSchema, converted).First();
  if (first !== undefined) {
    const variable = first.path.replace(/^\//, '') || 'environment';
    const problem = picked[variable] === undefined ? 'is required' : first.message.toLowerCase();
    throw new ConfigError(variable, problem);
  }
  return converted as Env;
}

/** Parses `name=token,name=token`; names and tokens must both be unique. */
function parseServiceTokens(raw: string): ServiceToken[] {
  const variable = 'API_SERVICE_TOKENS';
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');

  const tokens = entries.map((entry, index) => {
    const separator = entry.indexOf('=');
    const name = separator === -1 ? '' : entry.slice(0, separator).trim();
    const token = separator === -1 ? '' : entry.slice(separator + 1).trim();

    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(name)) {
      throw new ConfigError(variable, `entry ${index} must be name=token with a simple name`);
    }
    if (token.length < MIN_SERVICE_TOKEN_LENGTH) {
      throw new ConfigError(
        variable,
        `token of ${name} must be at least ${MIN_SERVICE_TOKEN_LENGTH} characters`,
      );
    }
    return { name, token };
  });

  if (tokens.length === 0) {
    throw new ConfigError(variable, 'is required');
  }
  if (new Set(tokens.map((t) => t.name)).size !== tokens.length) {
    throw new ConfigError(variable, 'service names must be unique');
  }
  if (new Set(tokens.map((t) => t.token)).size !== tokens.length) {
    throw new ConfigError(variable, 'tokens must be unique');
  }
  return tokens;
}
