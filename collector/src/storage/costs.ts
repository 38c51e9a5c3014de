/**
 * Marketing spend in D1, by (month, source, campaign): written by `PUT /v1/costs`, read by
 * `GET /v1/costs` and the sources report. A few rows a month per campaign: the table stays small.
 */
import type { CostItem } from "@embudo/shared";

/** The key column holds '' for spend without a campaign (the API's null). */
const NO_CAMPAIGN = "";

interface CostRow {
  month: string;
  source: string;
  campaign: string;
  amount: number;
  currency: string;
}

/** Inserts or replaces every item, all or none (one D1 batch is one transaction). */
export async function putCosts(db: D1Database, items: readonly CostItem[]): Promise<void> {
  const upsert = db.prepare(
    `INSERT INTO costs (month, source, campaign, amount, currency) VALUES (?1, ?2, ?3, ?4, ?5)
     ON CONFLICT (month, source, campaign) DO UPDATE SET amount = excluded.amount, currency = excluded.currency`,
  );
  await db.batch(
    items.map((item) => upsert.bind(item.month, item.source, item.campaign ?? NO_CAMPAIGN, item.amount, item.currency)),
  );
}

/** Spend of the months from `from` to `to` (inclusive, `YYYY-MM`), by month, source and campaign. */
export async function listCosts(db: D1Database, from: string, to: string): Promise<CostItem[]> {
  const { results } = await db
    .prepare(
      `SELECT month, source, campaign, amount, currency FROM costs WHERE month BETWEEN ?1 AND ?2
       ORDER BY month, source, campaign`,
    )
    .bind(from, to)
    .all<CostRow>();
  return results.map((row) => ({ ...row, campaign: row.campaign === NO_CAMPAIGN ? null : row.campaign }));
}
