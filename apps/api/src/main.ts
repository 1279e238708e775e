/** Entry point of the API process: configuration, app, port, signals. */
import { pino } from 'pino';
import { buildApp } from './app.js';
import { type ApiConfig, loadApiConfig } from './config.js';
import { installShutdown } from './shutdown.js';

function configOrExit(): ApiConfig {
  try {
    return loadApiConfig();
  } catch (err) {
    // No app logger exists yet; the message names the variable, never its value.
    pino({ name: 'api' }).fatal({ err }, 'invalid configuration');
    process.exit(1);
  }
}

const config = configOrExit();
const app = buildApp({ config });
installShutdown({ app, graceMs: config.shutdownGraceMs, log: app.log });

try {
  await app.listen({
    host: config.host,
    port: config.port,
    listenTextResolver: (address) => `api listening at ${address}`,
  });
} catch (err) {
  app.log.fatal({ err }, 'api failed to start');
  process.exit(1);
}
