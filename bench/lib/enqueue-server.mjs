// Child process of bench/api-enqueue.mjs: serves POST /api/jobs/:name on 127.0.0.1, port 0,
// either with the real API (`api`: buildApp, service-token auth, contract checks, request
// logging at info into a file) or with a bare Fastify route that calls Queue.add (`bare`).
// It tells its parent the port over IPC and closes on SIGTERM.
//
//   ENQUEUE_SERVER=api|bare REDIS_URL=... REDIS_KEY_PREFIX=... [API_SERVICE_TOKENS=...]
//   [LOG_FILE=...] node bench/lib/enqueue-server.mjs

import { Queue } from 'bullmq';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { buildApp } from '../../apps/api/dist/app.js';
import { loadApiConfig } from '../../apps/api/dist/config.js';
import { createApiLogger } from '../../apps/api/dist/logger.js';
import { isJobName, jobDefaults } from '../../packages/jobs-contract/dist/index.js';

function realApi() {
  const config = loadApiConfig({ ...process.env, LOG_LEVEL: process.env.API_LOG_LEVEL ?? 'info' });
  // Like the daemon's stdout: pino's synchronous destination, here a file.
  const logger = createApiLogger({
    level: config.logLevel,
    destination: pino.destination({ dest: process.env.LOG_FILE, sync: true }),
  });
  return { app: buildApp({ config, logger }), close: async () => {} };
}

function bareRoute() {
  const connection = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1 });
  const prefix = process.env.REDIS_KEY_PREFIX;
  const queues = new Map();
  const queueOf = (name) => {
    const queueName = name.split('.')[0];
    if (!queues.has(queueName)) {
      queues.set(queueName, new Queue(queueName, { connection, prefix }));
    }
    return queues.get(queueName);
  };

  const app = Fastify();
  app.post('/api/jobs/:name', async (request, reply) => {
    const { name } = request.params;
    if (!isJobName(name)) {
      return reply.code(404).send();
    }
    const job = await queueOf(name).add(name, request.body.payload, jobDefaults(name));
    reply.code(202);
    return { id: job.id };
  });

  const close = async () => {
    await Promise.all([...queues.values()].map((queue) => queue.close()));
    connection.disconnect();
  };
  return { app, close };
}

const server = process.env.ENQUEUE_SERVER === 'api' ? realApi() : bareRoute();
await server.app.listen({ host: '127.0.0.1', port: 0 });
process.send({ port: server.app.server.address().port });

process.once('SIGTERM', async () => {
  await server.app.close();
  await server.close();
  process.exit(0);
});
