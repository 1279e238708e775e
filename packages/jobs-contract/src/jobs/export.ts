/** LGPD exports: a data subject's personal data, packaged behind an expiring link. */
import { type Static, Type } from '@sinclair/typebox';
import { defineJob } from '../job-definition.js';
import { QUEUE } from '../queues.js';
import { SchemaVersion1, StorageKey, Uuid } from '../schema-parts.js';

export const ExportPersonalDataPayload = Type.Object(
  {
    schemaVersion: SchemaVersion1,
    agencyId: Uuid,
    renterId: Uuid,
    requestId: Uuid,
  },
  { additionalProperties: false },
);
export type ExportPersonalDataPayload = Static<typeof ExportPersonalDataPayload>;

export const ExportPersonalDataResult = Type.Object({
  storageKey: StorageKey,
  expiresAt: Type.String({ description: 'ISO 8601 instant the link stops working' }),
});
export type ExportPersonalDataResult = Static<typeof ExportPersonalDataResult>;

export const exportPersonalDataJob = defineJob({
  name: 'export.personal-data',
  queue: QUEUE.export,
  description: "Package a renter's personal data and send them an expiring link.",
  payload: ExportPersonalDataPayload,
  result: ExportPersonalDataResult,
});
