/**
 * The worker's pino logger. Jobs log through child loggers bound to their queue and id; the
 * redaction list is a second line of defence behind the rule that payloads are never logged.
 */
import { type DestinationStream, type Logger, pino } from 'pino';

const REDACTED_PATHS = [
  'payload',
  'data',
  'password',
  'token',
  'cpf',
  'email',
  'phone',
  '*.password',
  '*.token',
  '*.cpf',
  '*.email',
  '*.phone',
  'err.config',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'imobibase-worker' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
