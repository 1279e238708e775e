// Types of docker.mjs for the TypeScript files that import it (test/global-setup.ts).

/** Resolves true when the Docker engine named by DOCKER_HOST (or the local socket) answers. */
export function dockerReachable(): Promise<boolean>;
