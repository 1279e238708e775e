/**
 * The job catalogue: every job type of the system by name. Producers, the API and the worker
 * all read it, so a job's queue, schemas and defaults cannot drift between them.
 */
import type { Static } from '@sinclair/typebox';
import { DEFAULT_JOB_OPTIONS, type JobDefaults } from './defaults.js';
import { runBackupJob } from './jobs/backup.js';
import { runCleanupJob } from './jobs/cleanup.js';
import { sendEmailJob } from './jobs/email.js';
import { exportPersonalDataJob } from './jobs/export.js';
import { runIntegrationSyncJob } from './jobs/integration-sync.js';
import { generateInvoiceJob, monthEndInvoicesJob } from './jobs/invoice.js';
import { sendNotificationJob } from './jobs/notification.js';
import { scanPaymentRemindersJob, sendPaymentReminderJob } from './jobs/payment-reminder.js';
import { generateReportJob } from './jobs/report.js';
import { PROCESSED_QUEUES, type QueueName } from './queues.js';

/** Every job type, keyed by its name. */
export const JOB_CATALOGUE = {
  [sendEmailJob.name]: sendEmailJob,
  [generateInvoiceJob.name]: generateInvoiceJob,
  [monthEndInvoicesJob.name]: monthEndInvoicesJob,
  [generateReportJob.name]: generateReportJob,
  [sendPaymentReminderJob.name]: sendPaymentReminderJob,
  [scanPaymentRemindersJob.name]: scanPaymentRemindersJob,
  [runBackupJob.name]: runBackupJob,
  [runCleanupJob.name]: runCleanupJob,
  [sendNotificationJob.name]: sendNotificationJob,
  [exportPersonalDataJob.name]: exportPersonalDataJob,
  [runIntegrationSyncJob.name]: runIntegrationSyncJob,
} as const;

type Catalogue = typeof JOB_CATALOGUE;

/** The name of a job type, such as `invoice.generate`. */
export type JobName = keyof Catalogue;

/** The payload a job of type `Name` carries. */
export type JobPayload<Name extends JobName> = Static<Catalogue[Name]['payload']>;

/** What a job of type `Name` returns when it completes. */
export type JobResult<Name extends JobName> = Static<Catalogue[Name]['result']>;

/** The queue that jobs of type `Name` go to. */
export type QueueOfJob<Name extends JobName> = Catalogue[Name]['queue'];

/** The names of the job types that share queue `Queue`. */
export type JobNameOfQueue<Queue extends QueueName> = {
  [Name in JobName]: Catalogue[Name]['queue'] extends Queue ? Name : never;
}[JobName];

/** Every job name, in catalogue order. */
export const JOB_NAMES = Object.keys(JOB_CATALOGUE) as JobName[];

/** Whether `value` is the name of a job type. */
export function isJobName(value: string): value is JobName {
  return Object.hasOwn(JOB_CATALOGUE, value);
}

/** Whether a worker of this release processes jobs of type `name`. */
export function isJobProcessed(name: JobName): boolean {
  return (PROCESSED_QUEUES as readonly QueueName[]).includes(JOB_CATALOGUE[name].queue);
}

/** The job names that go to `queue`. */
export function jobNamesOfQueue<Queue extends QueueName>(queue: Queue): JobNameOfQueue<Queue>[] {
  return JOB_NAMES.filter((name) => JOB_CATALOGUE[name].queue === queue) as JobNameOfQueue<Queue>[];
}

/** The BullMQ options a job of type `name` gets unless the caller overrides them. */
export function jobDefaults(name: JobName): JobDefaults {
  const definition = JOB_CATALOGUE[name] as { options?: Partial<JobDefaults> };
  return { ...DEFAULT_JOB_OPTIONS, ...definition.options };
}
