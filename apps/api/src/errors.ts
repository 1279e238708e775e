/**
 * The API's error catalogue. Every error body the API sends carries one of these stable codes
 * in Fastify's `{ statusCode, code, error, message }` shape; `docs/ERRORS.md` documents each
 * one and `errors.test.ts` keeps the two lists identical. Messages name fields, never values,
 * because request bodies may hold personal data.
 */
import createError from '@fastify/error';

/** One catalogue entry: builds a Fastify error whose `code` and `statusCode` are fixed. */
type ApiErrorConstructor = ReturnType<typeof createError>;

export const API_ERR_AUTH_MISSING = createError(
  'API_ERR_AUTH_MISSING',
  'missing bearer token in the Authorization header',
  401,
);

export const API_ERR_AUTH_INVALID = createError(
  'API_ERR_AUTH_INVALID',
  'invalid bearer token',
  401,
);

export const API_ERR_NOT_FOUND = createError('API_ERR_NOT_FOUND', 'route %s %s not found', 404);

export const API_ERR_JOB_UNKNOWN = createError('API_ERR_JOB_UNKNOWN', "unknown job name '%s'", 404);

export const API_ERR_JOB_UNAVAILABLE = createError(
  'API_ERR_JOB_UNAVAILABLE',
  "job type '%s' has no processor in this release",
  404,
);

// The id is not repeated back: a caller's id may be anything, personal data included.
export const API_ERR_JOB_NOT_FOUND = createError(
  'API_ERR_JOB_NOT_FOUND',
  "no job of type '%s' has this id",
  404,
);

/** `%s` is the offending field path and problem, e.g. `options/delay: must be >= 0`. */
export const API_ERR_BODY_INVALID = createError('API_ERR_BODY_INVALID', '%s', 400);

export const API_ERR_BODY_TOO_LARGE = createError(
  'API_ERR_BODY_TOO_LARGE',
  'request body exceeds the limit of %s bytes',
  413,
);

export const API_ERR_BODY_MEDIA_TYPE = createError(
  'API_ERR_BODY_MEDIA_TYPE',
  'request body must be application/json',
  415,
);

/** `%s` lists the failing payload fields, e.g. `payload/invoiceId: must be a uuid`. */
export const API_ERR_PAYLOAD_INVALID = createError('API_ERR_PAYLOAD_INVALID', '%s', 400);

export const API_ERR_PAYLOAD_TOO_LARGE = createError('API_ERR_PAYLOAD_TOO_LARGE', '%s', 413);

export const API_ERR_IDEMPOTENCY_KEY_INVALID = createError(
  'API_ERR_IDEMPOTENCY_KEY_INVALID',
  '%s: must be 1-200 characters of letters, digits, ".", "_" or "-", and not all digits',
  400,
);

export const API_ERR_IDEMPOTENCY_KEY_CONFLICT = createError(
  'API_ERR_IDEMPOTENCY_KEY_CONFLICT',
  '%s: is already the id of a job of another type on the same queue',
  409,
);

export const API_ERR_BULK_TOO_LARGE = createError(
  'API_ERR_BULK_TOO_LARGE',
  'a bulk request holds at most %s jobs, got %s',
  413,
);

/** A client error Fastify or Node detected that no more specific code describes. */
export const API_ERR_REQUEST_INVALID = createError('API_ERR_REQUEST_INVALID', '%s', 400);

export const API_ERR_REQUEST_TIMEOUT = createError(
  'API_ERR_REQUEST_TIMEOUT',
  'request was not received in time',
  408,
);

export const API_ERR_HEADERS_TOO_LARGE = createError(
  'API_ERR_HEADERS_TOO_LARGE',
  'request headers are too large',
  431,
);

export const API_ERR_QUEUE_UNAVAILABLE = createError(
  'API_ERR_QUEUE_UNAVAILABLE',
  'job queue is unavailable; retry later',
  503,
);

export const API_ERR_SERVICE_CLOSING = createError(
  'API_ERR_SERVICE_CLOSING',
  'server is shutting down; retry on another instance',
  503,
);

export const API_ERR_INTERNAL = createError('API_ERR_INTERNAL', 'internal server error', 500);

/** Every code the API can answer with, by code. */
export const API_ERRORS = {
  API_ERR_AUTH_MISSING,
  API_ERR_AUTH_INVALID,
  API_ERR_NOT_FOUND,
  API_ERR_JOB_UNKNOWN,
  API_ERR_JOB_UNAVAILABLE,
  API_ERR_JOB_NOT_FOUND,
  API_ERR_BODY_INVALID,
  API_ERR_BODY_TOO_LARGE,
  API_ERR_BODY_MEDIA_TYPE,
  API_ERR_PAYLOAD_INVALID,
  API_ERR_PAYLOAD_TOO_LARGE,
  API_ERR_IDEMPOTENCY_KEY_INVALID,
  API_ERR_IDEMPOTENCY_KEY_CONFLICT,
  API_ERR_BULK_TOO_LARGE,
  API_ERR_REQUEST_INVALID,
  API_ERR_REQUEST_TIMEOUT,
  API_ERR_HEADERS_TOO_LARGE,
  API_ERR_QUEUE_UNAVAILABLE,
  API_ERR_SERVICE_CLOSING,
  API_ERR_INTERNAL,
} as const satisfies Record<string, ApiErrorConstructor>;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** An error from the catalogue, as thrown by handlers and sent by the error handler. */
export type ApiError = InstanceType<ApiErrorConstructor>;

/** Whether `error` was built from this catalogue. */
export function isApiError(error: unknown): error is ApiError {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && Object.hasOwn(API_ERRORS, code);
}
