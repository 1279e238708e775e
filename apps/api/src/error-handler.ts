/**
 * Turns every error into an entry of the catalogue before it is sent, so each error body the
 * API produces carries one of our codes, and logs it at the level of who has to act: 5xx at
 * error (us), 4xx at info (the caller).
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ContractError, describeIssues } from '@imobibase/jobs-contract';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  API_ERR_BODY_INVALID,
  API_ERR_BODY_MEDIA_TYPE,
  API_ERR_BODY_TOO_LARGE,
  API_ERR_HEADERS_TOO_LARGE,
  API_ERR_IDEMPOTENCY_KEY_CONFLICT,
  API_ERR_IDEMPOTENCY_KEY_INVALID,
  API_ERR_INTERNAL,
  API_ERR_JOB_UNAVAILABLE,
  API_ERR_JOB_UNKNOWN,
  API_ERR_NOT_FOUND,
  API_ERR_PAYLOAD_INVALID,
  API_ERR_PAYLOAD_TOO_LARGE,
  API_ERR_REQUEST_INVALID,
  API_ERR_REQUEST_TIMEOUT,
  type ApiError,
  isApiError,
} from './errors.js';

/** One failed check of Fastify's body validation (the parts of an ajv error we read). */
interface SchemaIssue {
  instancePath?: string;
  message?: string;
  params?: { missingProperty?: string; additionalProperty?: string };
}

/** What the error handler knows about the request that failed. */
export interface ErrorContext {
  /** The route's body limit, quoted when a body exceeds it. */
  bodyLimitBytes?: number;
}

/** The catalogue error that describes `error` to the caller. */
export function toApiError(error: unknown, context: ErrorContext = {}): ApiError {
  if (isApiError(error)) {
    return error;
  }
  if (error instanceof ContractError) {
    return fromContractError(error);
  }
  const fastifyError = error as Partial<FastifyError> | null;
  if (fastifyError?.validation !== undefined) {
    return new API_ERR_BODY_INVALID(describeSchemaIssue(fastifyError.validation[0]));
  }
  return fromFrameworkError(fastifyError, error, context);
}

function fromContractError(error: ContractError): ApiError {
  switch (error.code) {
    case 'CONTRACT_ERR_UNKNOWN_JOB':
      return new API_ERR_JOB_UNKNOWN('(unnamed)', { cause: error });
    case 'CONTRACT_ERR_JOB_NOT_PROCESSED':
      return new API_ERR_JOB_UNAVAILABLE('(unnamed)', { cause: error });
    case 'CONTRACT_ERR_PAYLOAD_INVALID':
      return new API_ERR_PAYLOAD_INVALID(describeIssues(error.issues, 'payload'), { cause: error });
    case 'CONTRACT_ERR_PAYLOAD_TOO_LARGE':
      return new API_ERR_PAYLOAD_TOO_LARGE(error.message, { cause: error });
    case 'CONTRACT_ERR_JOB_ID_INVALID':
      return new API_ERR_IDEMPOTENCY_KEY_INVALID('options/idempotencyKey', { cause: error });
    case 'CONTRACT_ERR_JOB_ID_TAKEN':
      return new API_ERR_IDEMPOTENCY_KEY_CONFLICT('options/idempotencyKey', { cause: error });
    case 'CONTRACT_ERR_OPTIONS_INVALID':
      return new API_ERR_BODY_INVALID(`options: ${error.message}`, { cause: error });
    case 'CONTRACT_ERR_KEY_PREFIX':
      return new API_ERR_INTERNAL({ cause: error });
    default:
      // A refusal the contract added after this mapping was written: still the caller's.
      return new API_ERR_BODY_INVALID(error.message, { cause: error });
  }
}

function fromFrameworkError(
  error: Partial<FastifyError> | null,
  original: unknown,
  context: ErrorContext,
): ApiError {
  switch (error?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new API_ERR_BODY_TOO_LARGE(context.bodyLimitBytes ?? 'the', { cause: original });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new API_ERR_BODY_MEDIA_TYPE({ cause: original });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new API_ERR_BODY_INVALID('request body is empty');
    // No cause: a JSON parser's message may quote the body it choked on.
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new API_ERR_BODY_INVALID('request body is not valid JSON');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new API_ERR_BODY_INVALID('request body size does not match Content-Length');
  }

  const statusCode = error?.statusCode ?? 500;
  if (statusCode >= 400 && statusCode < 500) {
    const reason = STATUS_CODES[statusCode]?.toLowerCase() ?? 'bad request';
    return new API_ERR_REQUEST_INVALID(`request rejected (${reason})`, { cause: original });
  }
  return new API_ERR_INTERNAL({ cause: original });
}

/** `jobs/3/options/delay: must be >= 0`, naming the field and never its value. */
export function describeSchemaIssue(issue: SchemaIssue | undefined): string {
  const segments = (issue?.instancePath ?? '').split('/').filter(Boolean);
  const params = issue?.params ?? {};
  if (params.missingProperty !== undefined) {
    return `${[...segments, params.missingProperty].join('/')}: is required`;
  }
  if (params.additionalProperty !== undefined) {
    return `${[...segments, params.additionalProperty].join('/')}: is not allowed`;
  }
  return `${segments.join('/') || '(body)'}: ${issue?.message ?? 'is invalid'}`;
}

/** The app's error handler: map, log, answer. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const apiError = toApiError(error, { bodyLimitBytes: request.routeOptions.bodyLimit });
  const statusCode = apiError.statusCode ?? 500;

  if (statusCode >= 500) {
    request.log.error({ err: apiError }, 'request failed');
  } else {
    // The caller's mistake: its code and message say it all; a stack would only be noise.
    request.log.info(
      { code: apiError.code, statusCode, reason: apiError.message },
      'request rejected',
    );
  }
  // A plain body: sending the Error itself would hand it to Fastify's default handler, which
  // would log it a second time.
  reply.code(statusCode).send(errorBody(apiError));
}

/** Fastify's error body shape, `{ statusCode, code, error, message }`. */
export function errorBody(apiError: ApiError) {
  const statusCode = apiError.statusCode ?? 500;
  return {
    statusCode,
    code: apiError.code,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message: apiError.message,
  };
}

/** The app's not-found handler: unknown routes answer with our code too. */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply): void {
  handleError(new API_ERR_NOT_FOUND(request.method, request.url.split('?')[0]), request, reply);
}

/**
 * Answers requests Node rejects before Fastify sees them (malformed HTTP, oversized headers,
 * slow clients). There is no request object here, so the body is written by hand.
 */
export function handleClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable) {
    return;
  }

  const apiError =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new API_ERR_REQUEST_TIMEOUT()
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? new API_ERR_HEADERS_TOO_LARGE()
        : new API_ERR_REQUEST_INVALID('malformed HTTP request');
  const statusCode = apiError.statusCode ?? 400;
  const body = JSON.stringify(errorBody(apiError));

  socket.end(
    `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\n` +
      'Connection: close\r\nContent-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
