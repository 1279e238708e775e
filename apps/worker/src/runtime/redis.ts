/**
 * Redis connections for BullMQ. Workers block on Redis commands and must outlive any Redis
 * outage, so commands never give up (`maxRetriesPerRequest: null`) and reconnection never
 * stops; the delay grows to a ceiling so a long outage does not hammer the server.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';

const RECONNECT_CEILING_MS = 5_000;

/** Milliseconds before reconnect attempt `attempt` (1-based): 100, 200, 400… up to 5 s. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(RECONNECT_CEILING_MS, 100 * 2 ** Math.min(attempt - 1, 10));
}

/** A connection for BullMQ workers and queues that retries forever. */
export function createWorkerConnection(redisUrl: string, logger: Logger): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: reconnectDelayMs,
  };
  const connection = new Redis(redisUrl, options);
  watchConnection(connection, logger);
  return connection;
}

/**
 * Logs connection trouble once per outage rather than once per failed attempt, and logs the
 * recovery, so an operator sees when Redis went away and when it came back.
 */
export function watchConnection(connection: Redis, logger: Logger): void {
  let down = false;

  connection.on('error', (error: Error) => {
    if (down) {
      return;
    }
    down = true;
    logger.warn({ err: error }, 'redis connection lost; reconnecting');
  });

  connection.on('ready', () => {
    if (!down) {
      return;
    }
    down = false;
    logger.info('redis connection restored');
  });
}
