/** Integration sync: exchange data with a partner's HTTP API for one agency. */
import { type Static, Type } from '@sinclair/typebox';
import { defineJob } from '../job-definition.js';
import { QUEUE } from '../queues.js';
import { SchemaVersion1, Uuid } from '../schema-parts.js';

export const IntegrationName = Type.Union([
  Type.Literal('bank-slips'),
  Type.Literal('listing-portal'),
  Type.Literal('accounting'),
]);
export type IntegrationName = Static<typeof IntegrationName>;

export const RunIntegrationSyncPayload = Type.Object(
  {
    schemaVersion: SchemaVersion1,
    agencyId: Uuid,
    integration: IntegrationName,
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type RunIntegrationSyncPayload = Static<typeof RunIntegrationSyncPayload>;

export const RunIntegrationSyncResult = Type.Object({
  fetched: Type.Integer({ minimum: 0 }),
  updated: Type.Integer({ minimum: 0 }),
  cursor: Type.Optional(Type.String()),
});
export type RunIntegrationSyncResult = Static<typeof RunIntegrationSyncResult>;

export const runIntegrationSyncJob = defineJob({
  name: 'integration-sync.run',
  queue: QUEUE.integrationSync,
  description: 'Pull changes from a partner API since the last cursor and apply them.',
  payload: RunIntegrationSyncPayload,
  result: RunIntegrationSyncResult,
});
