/**
 * Bearer-token authentication of calling services. Each configured service has its own token;
 * the name of the one that matched is bound to the request's logger so every line of the
 * request says who called.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceToken } from './config.js';
import { API_ERR_AUTH_INVALID, API_ERR_AUTH_MISSING } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Name of the authenticated calling service; null on unauthenticated routes. */
    serviceName: string | null;
  }
}

const BEARER = /^Bearer[ ]+([^\s]+)[ ]*$/i;

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Returns the name of the service whose token is `presented`, or undefined. Both sides are
 * hashed so the comparison is of equal-length digests, and every token is compared even after
 * a match, so the time taken says nothing about which token or how much of it matched.
 */
export function createTokenMatcher(
  tokens: readonly ServiceToken[],
): (presented: string) => string | undefined {
  const known = tokens.map((entry) => ({ name: entry.name, digest: sha256(entry.token) }));

  return (presented) => {
    const digest = sha256(presented);
    let matched: string | undefined;
    for (const entry of known) {
      const equal = timingSafeEqual(entry.digest, digest);
      matched = equal ? entry.name : matched;
    }
    return matched;
  };
}

/** An `onRequest` hook that admits only requests bearing a configured service token. */
export function createAuthHook(tokens: readonly ServiceToken[]) {
  const match = createTokenMatcher(tokens);

  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const header = request.headers.authorization;
    if (header === undefined || header.trim() === '') {
      throw new API_ERR_AUTH_MISSING();
    }

    const token = BEARER.exec(header)?.[1];
    const serviceName = token === undefined ? undefined : match(token);
    if (serviceName === undefined) {
      throw new API_ERR_AUTH_INVALID();
    }

    request.serviceName = serviceName;
    request.log = request.log.child({ caller: serviceName });
    reply.log = request.log;
  };
}
