/**
 * @imobibase/jobs-contract: the typed contract between the producers of jobs and the worker.
 */
export {
  isJobName,
  isJobProcessed,
  JOB_CATALOGUE,
  JOB_NAMES,
  type JobName,
  type JobNameOfQueue,
  type JobPayload,
  type JobResult,
  jobDefaults,
  jobNamesOfQueue,
  type QueueOfJob,
} from './catalogue.js';
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_JOB_OPTIONS,
  DEFAULT_MAX_PAYLOAD_BYTES,
  type JobDefaults,
  MAX_DELAY_MS,
  MAX_PRIORITY,
} from './defaults.js';
export { ContractError, type ContractErrorCode, type ValidationIssue } from './errors.js';
export type { JobDefinition } from './job-definition.js';
export { assertValidJobId, isValidJobId, jobIds } from './job-ids.js';
export * from './jobs/backup.js';
export * from './jobs/cleanup.js';
export * from './jobs/email.js';
export * from './jobs/export.js';
export * from './jobs/integration-sync.js';
export * from './jobs/invoice.js';
export * from './jobs/notification.js';
export * from './jobs/payment-reminder.js';
export * from './jobs/report.js';
export {
  type BulkItem,
  type EnqueueOptions,
  type EnqueueResult,
  JobsClient,
  type JobsClientOptions,
} from './producer.js';
export {
  isQueueName,
  PROCESSED_QUEUES,
  type ProcessedQueue,
  QUEUE,
  QUEUE_NAMES,
  type QueueName,
  REDIS_KEY_PREFIX,
} from './queues.js';
export { EMAIL_ADDRESS_PATTERN } from './schema-parts.js';
export {
  assertValidPayload,
  describeIssues,
  payloadIssues,
  payloadSizeBytes,
} from './validation.js';
