// Types of services.mjs for the TypeScript files that import it (test/global-setup.ts).

export type ServicesName = 'demo' | 'test' | 'bench';

export interface PrivateServices {
  redisUrl: string;
  databaseUrl: string;
  /** Which services this call started (false: reused, or taken from the environment). */
  started: { redis: boolean; postgres: boolean };
  /**
   * Drops this process's lease; stops the services when no other process holds one and a
   * lease holder had started them.
   */
  release(): Promise<void>;
  /**
   * Stops both private services now, whoever else uses them. With `onlyStarted` it is
   * `release()`: only what a lease holder started, once no other process uses it.
   */
  stop(options?: { onlyStarted?: boolean }): Promise<unknown>;
}

export interface ServiceStatus {
  url: string;
  running: boolean;
  dir: string;
}

export const REPO_ROOT: string;
export const SERVICE_PORTS: Record<ServicesName, { redisPort: number; postgresPort: number }>;

export function startPrivateServices(options: {
  name: ServicesName;
  /** Outlive every lease: only stop() or `services.mjs stop` end them. @defaultValue false */
  keepRunning?: boolean;
}): Promise<PrivateServices>;
export function stopPrivateServices(options: {
  name: ServicesName;
}): Promise<{ redis: boolean; postgres: boolean }>;
export function privateServicesStatus(options: {
  name: ServicesName;
}): Promise<{ redis: ServiceStatus; postgres: ServiceStatus }>;
