/**
 * The API's pino logger. Fastify's request serializer already leaves headers and bodies out;
 * redaction is the second line of defence for anything a handler might log by mistake.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './config.js';

// Fields that may carry secrets or personal data, redacted at any depth up to four levels.
const SENSITIVE_KEYS = ['payload', 'password', 'token', 'cpf', 'email'];

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]),
];

export interface ApiLoggerOptions {
  level: LogLevel;
  /** Where lines go; stdout when omitted. Tests pass an in-memory stream. */
  destination?: DestinationStream;
}

/** Creates the root logger; pass it to `buildApp` so the redaction rules apply. */
export function createApiLogger(options: ApiLoggerOptions): Logger {
  const pinoOptions = {
    name: 'api',
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions);
}

// Ids a proxy or caller may hand us: short and free of anything that could forge log lines.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Request id for Fastify's `genReqId`: a sane incoming `x-request-id`, else a random uuid. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  if (typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming)) {
    return incoming;
  }
  return randomUUID();
}
