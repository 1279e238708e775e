/**
 * Queue names and the Redis key prefix shared by every producer and the worker.
 *
 * BullMQ namespaces its keys with `prefix`; every process that touches a queue must use the
 * same one, so it lives here and nowhere else.
 */

/** Prefix of every BullMQ key in Redis (`imobibase:<queue>:...`). */
export const REDIS_KEY_PREFIX = 'imobibase';

/** The nine queues of the system, one per job type. */
export const QUEUE = {
  email: 'email',
  invoice: 'invoice',
  report: 'report',
  paymentReminder: 'payment-reminder',
  backup: 'backup',
  cleanup: 'cleanup',
  notification: 'notification',
  export: 'export',
  integrationSync: 'integration-sync',
} as const;

/** A queue's name as BullMQ knows it. */
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

/** Every queue name, in a stable order. */
export const QUEUE_NAMES: readonly QueueName[] = Object.values(QUEUE);

/**
 * The queues the worker of this release has processors for. The catalogue defines every job
 * type of the system ahead of its processor; producers refuse a job whose queue is not here,
 * since nothing would ever run it.
 */
export const PROCESSED_QUEUES = ['email', 'invoice'] as const satisfies readonly QueueName[];
export type ProcessedQueue = (typeof PROCESSED_QUEUES)[number];

/** Whether `value` names one of the system's queues. */
export function isQueueName(value: string): value is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(value);
}
