/** The shape of one entry of the job catalogue. */
import type { Static, TSchema } from '@sinclair/typebox';
import type { JobDefaults } from './defaults.js';
import type { ValidationIssue } from './errors.js';
import type { QueueName } from './queues.js';

/** One job type: its name, its queue, what it takes, what it returns, how it is retried. */
export interface JobDefinition<
  Name extends string = string,
  Queue extends QueueName = QueueName,
  Payload extends TSchema = TSchema,
  Result extends TSchema = TSchema,
> {
  readonly name: Name;
  readonly queue: Queue;
  readonly description: string;
  readonly payload: Payload;
  readonly result: Result;
  /** Overrides of {@link DEFAULT_JOB_OPTIONS} for this job type. */
  readonly options?: Partial<JobDefaults>;
  /**
   * Checks a schema cannot express, between fields of a payload that already matches the
   * schema. Returns the problems, each naming its field.
   */
  readonly rules?: (payload: Static<Payload>) => ValidationIssue[];
}

/** Declares a job type, keeping its literal name and queue in the type. */
export function defineJob<
  const Name extends string,
  const Queue extends QueueName,
  Payload extends TSchema,
  Result extends TSchema,
>(
  definition: JobDefinition<Name, Queue, Payload, Result>,
): JobDefinition<Name, Queue, Payload, Result> {
  return definition;
}
