/** Backups: a pg_dump of the application database into storage, with retention. */
import { type Static, Type } from '@sinclair/typebox';
import { defineJob } from '../job-definition.js';
import { QUEUE } from '../queues.js';
import { SchemaVersion1, StorageKey } from '../schema-parts.js';

export const RunBackupPayload = Type.Object(
  {
    schemaVersion: SchemaVersion1,
    retentionDays: Type.Integer({ minimum: 1, maximum: 3650, description: 'days kept' }),
  },
  { additionalProperties: false },
);
export type RunBackupPayload = Static<typeof RunBackupPayload>;

export const RunBackupResult = Type.Object({
  storageKey: StorageKey,
  sizeBytes: Type.Integer({ minimum: 0 }),
  pruned: Type.Integer({ minimum: 0, description: 'older backups removed' }),
});
export type RunBackupResult = Static<typeof RunBackupResult>;

export const runBackupJob = defineJob({
  name: 'backup.run',
  queue: QUEUE.backup,
  description: 'Dump the database to storage and remove backups past retention.',
  payload: RunBackupPayload,
  result: RunBackupResult,
  // A dump is long and heavy; one retry is enough before an operator looks at it.
  options: { attempts: 2 },
});
