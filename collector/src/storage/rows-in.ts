/** D1 binds at most 100 parameters a query: longer lists are asked in chunks of this many. */
const MAX_BOUND = 100;

/**
 * The rows of `query` for every value of `values`, however many: `query` takes the placeholders of
 * one chunk (`?, ?, …`) to put in its `IN (…)`, and the chunks' rows come back together.
 */
export async function rowsIn<Row>(
  db: D1Database,
  values: readonly string[],
  query: (placeholders: string) => string,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (let i = 0; i < values.length; i += MAX_BOUND) {
    const chunk = values.slice(i, i + MAX_BOUND);
    const { results } = await db
      .prepare(query(chunk.map(() => "?").join(", ")))
      .bind(...chunk)
      .all<Row>();
    rows.push(...results);
  }
  return rows;
}
