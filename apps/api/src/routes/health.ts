/**
 * Health routes for the orchestrator, outside `/api` and without authentication. Liveness
 * says only that the process answers; readiness says whether Redis does, so a replica that
 * cannot enqueue is taken out of rotation until it can.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { LogLevel } from '../config.js';
import { waitUntilReady } from '../redis.js';
import { withTimeout } from '../with-timeout.js';

/**
 * Longest a readiness check waits for Redis, connection included. Orchestrators time probes
 * out after about a second; answering 503 before that is more useful than no answer.
 */
export const READY_PING_TIMEOUT_MS = 500;

const QUIETER_THAN_WARN: readonly LogLevel[] = ['error', 'fatal', 'silent'];

const LiveReply = Type.Object({ status: Type.Literal('ok') });

const ReadyReply = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  redis: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
});

export interface HealthRoutesOptions {
  redis: Redis;
  /** Upper bound of the PING; the shorter of this and {@link READY_PING_TIMEOUT_MS} applies. */
  pingTimeoutMs: number;
}

export async function healthRoutes(app: FastifyInstance, options: HealthRoutesOptions) {
  const pingTimeoutMs = Math.min(options.pingTimeoutMs, READY_PING_TIMEOUT_MS);

  // Probes arrive every few seconds; their request lines would drown the useful ones. A route's
  // level replaces the app's, so an app set quieter than warn keeps its own.
  const appLevel = app.log.level as LogLevel;
  const logLevel: LogLevel = QUIETER_THAN_WARN.includes(appLevel) ? appLevel : 'warn';

  app.get('/health/live', { logLevel, schema: { response: { 200: LiveReply } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get(
    '/health/ready',
    { logLevel, schema: { response: { 200: ReadyReply, 503: ReadyReply } } },
    async (_request, reply) => {
      try {
        const deadlineMs = Date.now() + pingTimeoutMs;
        await waitUntilReady(options.redis, pingTimeoutMs);
        await withTimeout(options.redis.ping(), Math.max(deadlineMs - Date.now(), 1));
        return { status: 'ok' as const, redis: 'ok' as const };
      } catch {
        // Not logged here: the connection's own listener reports outages, throttled.
        reply.code(503);
        return { status: 'unavailable' as const, redis: 'unavailable' as const };
      }
    },
  );
}
