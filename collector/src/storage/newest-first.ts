/**
 * Keyset pagination over a D1 index table, newest change first (or highest score first): the one
 * listing query behind `GET /v1/leads`, `GET /v1/accounts` and `GET /v1/stage-changes`.
 */

/** Where a page ends: the last row's sort value (its change time, unless sorted by a score) and key. */
export interface IndexCursor {
  value: number;
  key: string;
}

/** The columns a listing may be sorted by, highest first; each has an index per filter it is used with. */
export type SortColumn = "changed_at" | "engagement" | "fit";

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
  /** The column rows are listed by, highest first, ties by key (default: `changed_at`). */
  sortBy?: SortColumn;
  limit: number;
  after?: IndexCursor;
}

/**
 * Lists rows ordered by (sort column, key) descending, starting after `after`: every row of an
 * unchanging index is visited exactly once, however many pages it takes, ties included.
 */
export async function listNewestFirst<T>(db: D1Database, query: NewestFirstQuery): Promise<IndexPage<T>> {
  const { table, key, body } = query;
  const sort = query.sortBy ?? "changed_at";
  const filters = [...query.filters];
  if (query.after) {
    const { value, key: last } = query.after;
    filters.push([`(${sort} < ? OR (${sort} = ? AND ${key} < ?))`, value, value, last]);
  }
  const where = filters.length > 0 ? `WHERE ${filters.map(([condition]) => condition).join(" AND ")}` : "";
  const { results } = await db
    .prepare(
      `SELECT ${key} AS key, ${sort} AS sort_value, ${body} AS body FROM ${table} ${where}
       ORDER BY ${sort} DESC, ${key} DESC LIMIT ?`,
    )
    .bind(...filters.flatMap(([, ...params]) => params), query.limit + 1)
    .all<{ key: string; sort_value: number; body: string }>();
  const page = results.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => JSON.parse(row.body) as T),
    next: results.length > query.limit && last ? { value: last.sort_value, key: last.key } : null,
  };
}
