/**
 * Builds the API: a thin Fastify app that authenticates callers, checks jobs against the
 * contract and hands them to the queue. `buildApp` never listens, so tests drive it with
 * `inject()` and `main.ts` owns the port and the process.
 */
import { JobsClient } from '@imobibase/jobs-contract';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createAuthHook } from './auth.js';
import type { ApiConfig } from './config.js';
import { handleClientError, handleError, handleNotFound } from './error-handler.js';
import { API_ERR_SERVICE_CLOSING } from './errors.js';
import { createApiLogger, requestIdOf } from './logger.js';
import { closeConnection, createProducerConnection, createThrottledWarn } from './redis.js';
import { healthRoutes } from './routes/health.js';
import { jobRoutes, SINGLE_BODY_LIMIT_BYTES } from './routes/jobs.js';

export interface BuildAppOptions {
  config: ApiConfig;
  /**
   * Producer connection. When given, the caller owns it and closes it; when omitted, the app
   * opens one to `config.redisUrl` and closes it on `app.close()`. A given connection should
   * fail fast like ours (`enableOfflineQueue: false`).
   */
  redis?: Redis;
  /** Root logger; build it with `createApiLogger` so the redaction rules apply. */
  logger?: Logger;
}

export function buildApp(options: BuildAppOptions): FastifyInstance {
  const { config } = options;
  const logger = options.logger ?? createApiLogger({ level: config.logLevel });
  const redis = options.redis ?? createProducerConnection(config.redisUrl, logger);

  const app = Fastify({
    // Fastify's own logger type: pino's `Logger` makes every route type generic over it.
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: requestIdOf,
    requestIdHeader: false,
    bodyLimit: SINGLE_BODY_LIMIT_BYTES,
    // Job ids (idempotency keys) run to 200 characters and must fit in `/jobs/:name/:id`.
    routerOptions: { maxParamLength: 256 },
    // Idle keep-alive sockets must not hold `close()` open until they time out.
    forceCloseConnections: 'idle',
    // We answer requests that arrive while closing ourselves, with a code of our catalogue.
    return503OnClosing: false,
    // Refuse unknown fields and wrongly typed values instead of silently fixing them up.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    frameworkErrors: handleError,
    clientErrorHandler: handleClientError,
  });

  // Only JSON bodies are accepted; without this, Fastify's text parser would take a text/plain
  // body and the caller would get a schema error instead of 415.
  app.removeContentTypeParser('text/plain');

  const client = new JobsClient({
    connection: redis,
    prefix: config.redisKeyPrefix,
    onQueueError: createThrottledWarn(logger, 'job queue error'),
  });

  app.decorateRequest('serviceName', null);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  addLifecycleHooks(app, { client, redis, ownsRedis: options.redis === undefined });

  app.register(healthRoutes, { redis, pingTimeoutMs: config.enqueueTimeoutMs });
  app.register(
    async (api) => {
      api.addHook('onRequest', createAuthHook(config.serviceTokens));
      await api.register(jobRoutes, {
        client,
        redis,
        enqueueTimeoutMs: config.enqueueTimeoutMs,
      });
    },
    { prefix: '/api' },
  );
  return app;
}

interface LifecycleResources {
  client: JobsClient;
  redis: Redis;
  ownsRedis: boolean;
}

function addLifecycleHooks(app: FastifyInstance, resources: LifecycleResources): void {
  let closing = false;

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) {
      reply.header('connection', 'close');
      throw new API_ERR_SERVICE_CLOSING();
    }
  });

  app.addHook('preClose', async () => {
    closing = true;
  });

  // Runs after the server stopped and in-flight requests finished, so nothing uses Redis now.
  app.addHook('onClose', async () => {
    await resources.client.close();
    if (resources.ownsRedis) {
      await closeConnection(resources.redis);
    }
  });
}
