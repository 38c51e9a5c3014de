/**
 * Keyset pagination over a D1 index table, newest change first: the one listing query behind
 * `GET /v1/leads`, `GET /v1/accounts` and `GET /v1/stage-changes`.
 */

/** Where a page ends: the last row's change time and key. */
export interface IndexCursor {
  changedAt: number;
  key: string;
}

/** One page, and where the next starts (null on the last). */
export interface IndexPage<T> {
  items: T[];
  next: IndexCursor | null;
}

export interface NewestFirstQuery {
  /** The table, its key column and the column holding each row's answer (JSON). */
  table: "leads" | "accounts" | "stage_changes";
  key: string;
  body: string;
  /** SQL conditions with their one parameter each (none for a literal condition). */
  filters: Array<[condition: string, ...params: unknown[]]>;
  limit: number;
  after?: IndexCursor;
}

/**
 * Lists rows ordered by (changed_at, key) descending, starting after `after`: every row of an
 * unchanging index is visited exactly once, however many pages it takes, ties in time included.
 */
export async function listNewestFirst<T>(db: D1Database, query: NewestFirstQuery): Promise<IndexPage<T>> {
  const { table, key, body } = query;
  const filters = [...query.filters];
  if (query.after) {
    const { changedAt, key: last } = query.after;
    filters.push([`(changed_at < ? OR (changed_at = ? AND ${key} < ?))`, changedAt, changedAt, last]);
  }
  const where = filters.length > 0 ? `WHERE ${filters.map(([condition]) => condition).join(" AND ")}` : "";
  const { results } = await db
    .prepare(
      `SELECT ${key} AS key, changed_at, ${body} AS body FROM ${table} ${where}
       ORDER BY changed_at DESC, ${key} DESC LIMIT ?`,
    )
    .bind(...filters.flatMap(([, ...params]) => params), query.limit + 1)
    .all<{ key: string; changed_at: number; body: string }>();
  const page = results.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => JSON.parse(row.body) as T),
    next: results.length > query.limit && last ? { changedAt: last.changed_at, key: last.key } : null,
  };
}
