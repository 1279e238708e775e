// What the figures were measured on, printed at the top of every benchmark's output.

import { cpus, loadavg, totalmem } from 'node:os';
import { Redis } from 'ioredis';
import pg from 'pg';
import { printRows, say } from './format.mjs';

/** Machine, Node, and (when their URLs are given) the Redis and PostgreSQL versions. */
export async function describeEnvironment({ redisUrl, databaseUrl } = {}) {
  const info = {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    loadAverage1m: loadavg()[0],
  };
  if (redisUrl) {
    const redis = new Redis(redisUrl, { lazyConnect: true });
    await redis.connect();
    info.redis = /^redis_version:(\S+)/m.exec(await redis.info('server'))?.[1];
    redis.disconnect();
  }
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    info.postgres = (await client.query('SHOW server_version')).rows[0].server_version;
    await client.end();
  }
  return info;
}

export function printEnvironment(info) {
  say('environment');
  printRows([
    ['cpu', `${info.cores} cores, ${info.cpuModel}, ${info.memoryGiB} GiB`],
    ['node', info.node],
    ...(info.redis ? [['redis', info.redis]] : []),
    ...(info.postgres ? [['postgresql', info.postgres]] : []),
    // Another busy process on a 2-core machine moves every figure; this shows if one was there.
    ['load average (1 min)', info.loadAverage1m.toFixed(2)],
  ]);
  say();
}
