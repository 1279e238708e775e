import type { QueryResult, QueryResultRow } from 'pg';

/**
 * The part of `pg.Pool`, `pg.PoolClient` and `pg.Client` the query modules use, so each query
 * runs on a pool or inside a caller's transaction alike.
 */
export interface Queryable {
  query<Row extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<QueryResult<Row>>;
}
