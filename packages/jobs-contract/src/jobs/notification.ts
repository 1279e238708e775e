/** Notifications: tell an agency user something, in-app, over websocket and by web push. */
import { type Static, Type } from '@sinclair/typebox';
import { defineJob } from '../job-definition.js';
import { QUEUE } from '../queues.js';
import { SchemaVersion1, Uuid } from '../schema-parts.js';

export const NotificationChannel = Type.Union([
  Type.Literal('in-app'),
  Type.Literal('websocket'),
  Type.Literal('web-push'),
]);
export type NotificationChannel = Static<typeof NotificationChannel>;

export const SendNotificationPayload = Type.Object(
  {
    schemaVersion: SchemaVersion1,
    agencyId: Uuid,
    userId: Uuid,
    channels: Type.Array(NotificationChannel, { minItems: 1, maxItems: 3, uniqueItems: true }),
    kind: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9.-]+$' }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.Optional(Type.String({ maxLength: 2000 })),
    link: Type.Optional(Type.String({ maxLength: 500, pattern: '^/' })),
  },
  { additionalProperties: false },
);
export type SendNotificationPayload = Static<typeof SendNotificationPayload>;

export const SendNotificationResult = Type.Object({
  delivered: Type.Array(NotificationChannel),
});
export type SendNotificationResult = Static<typeof SendNotificationResult>;

export const sendNotificationJob = defineJob({
  name: 'notification.send',
  queue: QUEUE.notification,
  description: 'Deliver one notification to one user on the chosen channels.',
  payload: SendNotificationPayload,
  result: SendNotificationResult,
});
