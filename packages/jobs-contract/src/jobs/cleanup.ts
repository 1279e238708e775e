/** Cleanup: remove what has outlived its purpose (expired exports, temp files, old rows). */
import { type Static, Type } from '@sinclair/typebox';
import { defineJob } from '../job-definition.js';
import { QUEUE } from '../queues.js';
import { SchemaVersion1 } from '../schema-parts.js';

export const CleanupTarget = Type.Union([
  Type.Literal('expired-exports'),
  Type.Literal('temp-files'),
  Type.Literal('effects-ledger'),
  Type.Literal('finished-jobs'),
]);
export type CleanupTarget = Static<typeof CleanupTarget>;

export const RunCleanupPayload = Type.Object(
  {
    schemaVersion: SchemaVersion1,
    target: CleanupTarget,
    olderThanDays: Type.Integer({ minimum: 1, maximum: 3650 }),
  },
  { additionalProperties: false },
);
export type RunCleanupPayload = Static<typeof RunCleanupPayload>;

export const RunCleanupResult = Type.Object({ removed: Type.Integer({ minimum: 0 }) });
export type RunCleanupResult = Static<typeof RunCleanupResult>;

export const runCleanupJob = defineJob({
  name: 'cleanup.run',
  queue: QUEUE.cleanup,
  description: 'Remove one kind of expired data older than a number of days.',
  payload: RunCleanupPayload,
  result: RunCleanupResult,
});
