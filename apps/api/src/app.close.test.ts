import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { testConfig } from './test-helpers.js';

describe('closing a listening app', () => {
  it('does not wait for an idle keep-alive connection', async () => {
    const app = buildApp({ config: testConfig() });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const agent = new Agent({ keepAlive: true });

    // One request leaves its socket open and idle in the agent's pool.
    const socket = await new Promise<Socket>((resolve, reject) => {
      const req = request(`${address}/health/live`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(req.socket as Socket));
      });
      req.on('error', reject);
      req.end();
    });
    expect(socket.destroyed).toBe(false);
    const socketClosed = once(socket, 'close');

    // Without closing idle connections this waits out the keep-alive timeout (72 s in
    // Fastify), far past the test's timeout.
    await app.close();
    await socketClosed;

    expect(socket.destroyed).toBe(true);
    agent.destroy();
  });

  it('answers a request arriving on an open connection while closing with 503', async () => {
    const app = buildApp({ config: testConfig() });
    const slowHandler = signal();
    const releaseSlow = signal();
    const closingStarted = signal();
    const lateRejected = signal();
    app.get('/test/slow', async () => {
      slowHandler.fire();
      await releaseSlow.fired;
      return { done: true };
    });
    // Registered after the app's own hooks, so these run once the app knows it is closing.
    app.addHook('preClose', async () => closingStarted.fire());
    app.addHook('onError', async (request) => {
      if (request.url === '/health/live') {
        lateRejected.fire();
      }
    });
    const address = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));

    // A slow request keeps the connection busy, so closing cannot drop it as idle; the next
    // request on it arrives after close() began.
    const socket = connect(Number(address.port), address.hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    const socketClosed = once(socket, 'close');
    socket.write('GET /test/slow HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await slowHandler.fired;

    const closing = app.close();
    await closingStarted.fired;
    socket.write('GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await lateRejected.fired;
    releaseSlow.fire();
    await closing;
    await socketClosed;

    const replies = Buffer.concat(chunks).toString('utf8');
    expect(replies).toMatch(/^HTTP\/1\.1 200 /);
    expect(replies).toContain('HTTP/1.1 503 ');
    expect(replies).toContain('"code":"API_ERR_SERVICE_CLOSING"');
  });
});

function signal(): { fire: () => void; fired: Promise<void> } {
  let fire: () => void = () => {};
  const fired = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { fire, fired };
}
