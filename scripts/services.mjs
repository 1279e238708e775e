#!/usr/bin/env node
// Private Redis and PostgreSQL for the demo or the tests:
//   node scripts/services.mjs start|stop|status [demo|test|bench]   (default: demo)

import {
  privateServicesStatus,
  startPrivateServices,
  stopPrivateServices,
} from './lib/services.mjs';

const USAGE = 'usage: node scripts/services.mjs start|stop|status [demo|test|bench]';

const commands = {
  async start(name) {
    const services = await startPrivateServices({ name, keepRunning: true });
    // With REDIS_URL or DATABASE_URL set, that service is the caller's and is not touched.
    const how = (started, fromEnv) => {
      if (fromEnv) {
        return 'from the environment; not started or checked';
      }
      return started ? 'started' : 'reused';
    };
    const { redis, postgres } = services.started;
    console.log(`REDIS_URL=${services.redisUrl}    # ${how(redis, process.env.REDIS_URL)}`);
    console.log(
      `DATABASE_URL=${services.databaseUrl}    # ${how(postgres, process.env.DATABASE_URL)}`,
    );
  },

  async stop(name) {
    const stopped = await stopPrivateServices({ name });
    const how = (done) => (done ? 'stopped' : 'was not running');
    console.log(`redis: ${how(stopped.redis)}`);
    console.log(`postgres: ${how(stopped.postgres)}`);
  },

  async status(name) {
    const status = await privateServicesStatus({ name });
    for (const [service, { url, running, dir }] of Object.entries(status)) {
      console.log(`${service}: ${running ? 'running' : 'stopped'}  ${url}  (data: ${dir})`);
    }
  },
};

async function main() {
  const [command, name = 'demo', ...rest] = process.argv.slice(2);
  const run = commands[command];
  if (!run || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }

  try {
    await run(name);
    return 0;
  } catch (err) {
    console.error(`services ${command} ${name} failed: ${err.message}`);
    return 1;
  }
}

process.exitCode = await main();
