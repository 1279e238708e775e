/**
 * Throw-away databases for tests: `createFreshDatabase` makes an empty database with a random
 * name on the server of a base URL (optionally migrated) and `drop` removes it, closing any
 * connection still open to it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from './migrate.js';

export interface FreshDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function withAdminClient<Result>(
  baseUrl: string,
  work: (client: pg.Client) => Promise<Result>,
): Promise<Result> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createFreshDatabase(
  baseUrl: string,
  opts: { migrate?: boolean } = {},
): Promise<FreshDatabase> {
  // The name is generated here from hex digits only, so quoting it is enough.
  const name = `imobibase_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(baseUrl, (client) => client.query(`CREATE DATABASE "${name}"`));

  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database: FreshDatabase = {
    name,
    url: url.toString(),
    drop: () =>
      withAdminClient(baseUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };

  if (opts.migrate) {
    await runMigrations(database.url).catch(async (err: unknown) => {
      await database.drop();
      throw err;
    });
  }
  return database;
}

/** The server the tests use: `DATABASE_URL`, or the dev default of `npm run services`. */
export function testDatabaseUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://imobibase@127.0.0.1:55499/imobibase_dev';
}
