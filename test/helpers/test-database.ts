// A fresh PostgreSQL database per test run, so runs never see each other's rows and the
// developer's own databases stay untouched.

import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** Connection URL of the new database: the server URL with its database name swapped. */
  url: string;
  /** Drops the database, closing any connections tests left open. */
  drop(): Promise<void>;
}

/** Creates `imobibase_test_<random>` on the server that `serverUrl` points at. */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `imobibase_test_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

// CREATE/DROP DATABASE cannot run inside the database they name, so they go through the
// database the server URL already names.
async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
