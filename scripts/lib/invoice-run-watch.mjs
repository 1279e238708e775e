// Watches a month-end invoice run from outside: the invoices' states in PostgreSQL and the
// failed-job counts of the queues the run uses. Imported only after dependencies are installed.

import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';

const WATCHED_QUEUES = ['invoice', 'email'];

export async function openRunWatch({ redisUrl, databaseUrl, prefix }) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const queues = WATCHED_QUEUES.map((name) => new Queue(name, { connection, prefix }));
  for (const queue of queues) {
    queue.on('error', () => {});
  }

  const failedCount = async () => {
    const counts = await Promise.all(queues.map((queue) => queue.getFailedCount()));
    return counts.reduce((sum, count) => sum + count, 0);
  };

  const invoiceCounts = async ({ agencyId, period }) => {
    const { rows } = await pool.query(
      `SELECT status, count(*)::int AS count FROM invoices
        WHERE agency_id = $1 AND period = $2 GROUP BY status`,
      [agencyId, period],
    );
    const counts = { pending: 0, issued: 0, sent: 0, total: 0 };
    for (const row of rows) {
      counts[row.status] = row.count;
      counts.total += row.count;
    }
    return counts;
  };

  const activeLeases = async (agencyId) => {
    const { rows } = await pool.query(
      "SELECT count(*)::int AS count FROM leases WHERE agency_id = $1 AND status = 'active'",
      [agencyId],
    );
    return rows[0]?.count ?? 0;
  };

  const agencyName = async (agencyId) => {
    const { rows } = await pool.query('SELECT name FROM agencies WHERE id = $1', [agencyId]);
    return rows[0]?.name ?? agencyId;
  };

  const close = async () => {
    await Promise.all(queues.map((queue) => queue.close()));
    await connection.quit();
    await pool.end();
  };

  return { failedCount, invoiceCounts, activeLeases, agencyName, close };
}
