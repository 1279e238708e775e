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
];

// Causes are followed this deep; a longer chain says nothing more to an operator.
const MAX_CAUSE_DEPTH = 3;

interface SerializedError {
  type: string;
  message: string;
  code?: string;
  retryable?: boolean;
  stack?: string;
  cause?: SerializedError;
}

/**
 * Keeps the fields of an error that help an operator and drops the rest. Libraries attach
 * extra properties that can quote data (PostgreSQL's `detail` names the conflicting value,
 * SMTP replies quote addresses), so only type, message, code and stack are logged.
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) {
    return { type: typeof error, message: 'non-error value thrown' };
  }

  const { code, retryable } = error as { code?: unknown; retryable?: unknown };
  const serialized: SerializedError = {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof retryable === 'boolean' ? { retryable } : {}),
    ...(error.stack === undefined ? {} : { stack: error.stack }),
  };
  if (error.cause !== undefined && depth < MAX_CAUSE_DEPTH) {
    serialized.cause = serializeError(error.cause, depth + 1);
  }
  return serialized;
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'imobibase-worker' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
