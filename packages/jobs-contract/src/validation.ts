/**
 * Compiled payload validators. Producers check a payload before it reaches Redis and the worker
 * checks it again when it runs, with the same compiled code.
 */
import type { TSchema } from '@sinclair/typebox';
import {
  type TypeCheck,
  TypeCompiler,
  type ValueError,
  ValueErrorType,
} from '@sinclair/typebox/compiler';
import {
  isJobName,
  isJobProcessed,
  JOB_CATALOGUE,
  type JobName,
  type JobPayload,
} from './catalogue.js';
import { DEFAULT_MAX_PAYLOAD_BYTES } from './defaults.js';
import { ContractError, type ValidationIssue } from './errors.js';

// At most this many issues are reported; a payload wrong everywhere needs no longer list.
const MAX_ISSUES = 20;

const validators = new Map<JobName, TypeCheck<TSchema>>();

function validatorOf(name: JobName): TypeCheck<TSchema> {
  let validator = validators.get(name);
  if (!validator) {
    validator = TypeCompiler.Compile(JOB_CATALOGUE[name].payload);
    validators.set(name, validator);
  }
  return validator;
}

/** The reasons `payload` does not match the schema of job `name` (empty when it matches). */
export function payloadIssues(name: JobName, payload: unknown): ValidationIssue[] {
  const validator = validatorOf(name);
  if (validator.Check(payload)) {
    const { rules } = JOB_CATALOGUE[name] as { rules?: (payload: unknown) => ValidationIssue[] };
    return rules?.(payload) ?? [];
  }

  const issues: ValidationIssue[] = [];
  for (const error of validator.Errors(payload)) {
    issues.push({ path: error.path.replace(/^\//, ''), message: messageOf(error) });
    if (issues.length >= MAX_ISSUES) {
      break;
    }
  }
  return issues;
}

// A schema's description ("a uuid") says more than the pattern it failed to match.
function messageOf(error: ValueError): string {
  const description = (error.schema as { description?: unknown }).description;
  if (error.type === ValueErrorType.String && typeof description === 'string') {
    return `must be ${description}`;
  }
  if (error.type === ValueErrorType.StringPattern && typeof description === 'string') {
    return `must be ${description}`;
  }
  return error.message.charAt(0).toLowerCase() + error.message.slice(1);
}

/** Describes issues as `path: message; path: message`, naming fields, never values. */
export function describeIssues(issues: readonly ValidationIssue[], pathPrefix = ''): string {
  return issues
    .map(
      (issue) =>
        `${[pathPrefix, issue.path].filter(Boolean).join('/') || '(root)'}: ${issue.message}`,
    )
    .join('; ');
}

/** Size of a payload as BullMQ stores it (JSON, UTF-8), in bytes. */
export function payloadSizeBytes(payload: unknown): number {
  return Buffer.byteLength(JSON.stringify(payload) ?? '', 'utf8');
}

/**
 * Checks that `payload` may be enqueued as job `name`: a known job type, a payload matching
 * its schema, and no larger than `maxPayloadBytes` (payloads carry references, not blobs).
 */
export function assertValidPayload<Name extends JobName>(
  name: Name,
  payload: unknown,
  maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES,
): asserts payload is JobPayload<Name> {
  if (!isJobName(name)) {
    throw new ContractError('CONTRACT_ERR_UNKNOWN_JOB', `unknown job name "${String(name)}"`);
  }

  if (!isJobProcessed(name)) {
    throw new ContractError(
      'CONTRACT_ERR_JOB_NOT_PROCESSED',
      `job type "${name}" has no processor in this release; nothing would run it`,
    );
  }

  const issues = payloadIssues(name, payload);
  if (issues.length > 0) {
    throw new ContractError(
      'CONTRACT_ERR_PAYLOAD_INVALID',
      `invalid ${name} payload: ${describeIssues(issues)}`,
      issues,
    );
  }

  const sizeBytes = payloadSizeBytes(payload);
  if (sizeBytes > maxPayloadBytes) {
    throw new ContractError(
      'CONTRACT_ERR_PAYLOAD_TOO_LARGE',
      `${name} payload is ${sizeBytes} bytes; the limit is ${maxPayloadBytes} bytes`,
    );
  }
}
