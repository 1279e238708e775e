// Tells whether a Docker engine answers, so tests can prefer throwaway containers. Only the
// engine the environment points at is asked: DOCKER_HOST, else the default local socket.

import { existsSync } from 'node:fs';
import { request } from 'node:http';

const DEFAULT_SOCKET = '/var/run/docker.sock';
const PING_TIMEOUT_MS = 1_500;

/** Resolves true when the engine answers GET /_ping with 200, false otherwise. */
export async function dockerReachable() {
  const target = engineTarget(process.env.DOCKER_HOST);
  if (!target) {
    return false;
  }
  return ping(target);
}

function engineTarget(dockerHost) {
  if (!dockerHost) {
    return existsSync(DEFAULT_SOCKET) ? { socketPath: DEFAULT_SOCKET } : undefined;
  }
  if (dockerHost.startsWith('unix://')) {
    return { socketPath: dockerHost.slice('unix://'.length) };
  }
  if (dockerHost.startsWith('tcp://')) {
    const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
    return { host: url.hostname, port: Number(url.port || 2375) };
  }
  // ssh:// and named pipes need Docker's own client; treat them as unreachable.
  return undefined;
}

function ping(target) {
  return new Promise((resolve) => {
    const req = request({ ...target, method: 'GET', path: '/_ping', timeout: PING_TIMEOUT_MS });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}
