/**
 * The outside services processors use, built once per worker process from its configuration
 * and closed together on shutdown.
 */
import { JobsClient } from '@imobibase/jobs-contract';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { WorkerConfig } from './config.js';
import { findEffect, recordEffect } from './db/effects.js';
import { createPool } from './db/pool.js';
import { createMailTransport } from './email/index.js';
import type { EffectsLedger, MailTransport } from './email/types.js';
import type { Logger } from './logger.js';
import { createStorage } from './storage/create-storage.js';
import type { ObjectStorage } from './storage/storage.js';

export interface WorkerServices {
  config: WorkerConfig;
  pool: pg.Pool;
  storage: ObjectStorage;
  mail: MailTransport;
  ledger: EffectsLedger;
  /** Producer for the jobs a processor hands on (an invoice's email, a batch's children). */
  jobs: JobsClient;
}

export function createServices(options: {
  config: WorkerConfig;
  connection: Redis;
  logger: Logger;
}): WorkerServices {
  const { config, connection, logger } = options;
  const pool = createPool(config.databaseUrl, { maxConnections: config.databasePoolMax, logger });

  return {
    config,
    pool,
    storage: createStorage(config.storage),
    mail: createMailTransport(config.mail),
    ledger: {
      find: (key) => findEffect(pool, key),
      record: (entry) => recordEffect(pool, entry),
    },
    jobs: new JobsClient({
      connection,
      prefix: config.redisKeyPrefix,
      onQueueError: (error, queue) => logger.debug({ err: error, queue }, 'producer queue error'),
    }),
  };
}

/** Closes every service; one failing to close does not keep the others open. */
export async function closeServices(services: WorkerServices, logger: Logger): Promise<void> {
  const closers: [string, () => Promise<unknown>][] = [
    ['jobs', () => services.jobs.close()],
    ['mail', () => services.mail.close()],
    ['storage', () => services.storage.close()],
    ['pool', () => services.pool.end()],
  ];

  const results = await Promise.allSettled(closers.map(([, close]) => close()));
  results.forEach((result, index) => {
    if (result.status === 'rejected') {
      logger.warn({ err: result.reason, service: closers[index]?.[0] }, 'service failed to close');
    }
  });
}
