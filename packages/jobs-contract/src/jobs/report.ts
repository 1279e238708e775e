/** Reports: an agency's tabular report rendered as PDF, XLSX or CSV into storage. */
import { type Static, Type } from '@sinclair/typebox';
import { defineJob } from '../job-definition.js';
import { QUEUE } from '../queues.js';
import { IsoDate, Locale, SchemaVersion1, StorageKey, Uuid } from '../schema-parts.js';

export const GenerateReportPayload = Type.Object(
  {
    schemaVersion: SchemaVersion1,
    agencyId: Uuid,
    requestedBy: Uuid,
    report: Type.Union([
      Type.Literal('rent-roll'),
      Type.Literal('delinquency'),
      Type.Literal('revenue'),
    ]),
    format: Type.Union([Type.Literal('pdf'), Type.Literal('xlsx'), Type.Literal('csv')]),
    locale: Locale,
    from: IsoDate,
    to: IsoDate,
  },
  { additionalProperties: false },
);
export type GenerateReportPayload = Static<typeof GenerateReportPayload>;

export const GenerateReportResult = Type.Object({
  storageKey: StorageKey,
  rows: Type.Integer({ minimum: 0 }),
  sizeBytes: Type.Integer({ minimum: 0 }),
});
export type GenerateReportResult = Static<typeof GenerateReportResult>;

export const generateReportJob = defineJob({
  name: 'report.generate',
  queue: QUEUE.report,
  description: 'Build a report of an agency for a date range and store the file.',
  payload: GenerateReportPayload,
  result: GenerateReportResult,
});
