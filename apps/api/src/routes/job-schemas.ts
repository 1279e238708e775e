/**
 * Request and reply schemas of the jobs routes. They check the envelope only (`payload` plus
 * `options`); the payload itself is checked against the contract, whose messages name the
 * job's fields. Reply schemas also keep anything unlisted from leaving the API.
 */
import { MAX_DELAY_MS, MAX_PRIORITY } from '@imobibase/jobs-contract';
import { type Static, Type } from '@sinclair/typebox';

/** Most jobs one bulk request may carry. */
export const MAX_BULK_JOBS = 1000;

export const JobOptions = Type.Object(
  {
    delay: Type.Optional(
      Type.Integer({ minimum: 0, maximum: MAX_DELAY_MS, description: 'ms before the job may run' }),
    ),
    priority: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PRIORITY })),
    // Checked against the contract's job-id rules by the handler, so the caller gets the
    // dedicated error code rather than a generic schema message.
    idempotencyKey: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type JobOptions = Static<typeof JobOptions>;

export const JobItem = Type.Object(
  { payload: Type.Unknown(), options: Type.Optional(JobOptions) },
  { additionalProperties: false },
);
export type JobItem = Static<typeof JobItem>;

export const BulkBody = Type.Object(
  { jobs: Type.Array(JobItem, { minItems: 1, maxItems: MAX_BULK_JOBS }) },
  { additionalProperties: false },
);
export type BulkBody = Static<typeof BulkBody>;

export const JobNameParams = Type.Object({ name: Type.String() });
export type JobNameParams = Static<typeof JobNameParams>;

export const JobIdParams = Type.Object({ name: Type.String(), id: Type.String() });
export type JobIdParams = Static<typeof JobIdParams>;

const JobRef = {
  id: Type.String(),
  name: Type.String(),
  queue: Type.String(),
  state: Type.String(),
};

export const EnqueueReply = Type.Object(JobRef);
export type EnqueueReply = Static<typeof EnqueueReply>;

export const BulkReply = Type.Object({
  jobs: Type.Array(Type.Object({ ...JobRef, created: Type.Boolean() })),
});
export type BulkReply = Static<typeof BulkReply>;

export const JobStatusReply = Type.Object({
  ...JobRef,
  progress: Type.Unknown(),
  attemptsMade: Type.Integer(),
  failedReason: Type.Optional(Type.String()),
  returnvalue: Type.Optional(Type.Unknown()),
  timestamps: Type.Object({
    createdAt: Type.String({ description: 'ISO 8601' }),
    processedAt: Type.Optional(Type.String()),
    finishedAt: Type.Optional(Type.String()),
  }),
});
export type JobStatusReply = Static<typeof JobStatusReply>;
