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

/**
 * Inserts or replaces every item, all or none (one D1 batch is one transaction). An amount of 0
 * removes the item's row: spend recorded by mistake, in the wrong currency say, can be undone.
 */
export async function putCosts(db: D1Database, items: readonly CostItem[]): Promise<void> {
  const upsert = db.prepare(
    `INSERT INTO costs (month, source, campaign, amount, currency) VALUES (?1, ?2, ?3, ?4, ?5)
     ON CONFLICT (month, source, campaign) DO UPDATE SET amount = excluded.amount, currency = excluded.currency`,
  );
  const remove = db.prepare("DELETE FROM costs WHERE month = ?1 AND source = ?2 AND campaign = ?3");
  await db.batch(
    items.map((item) => {
      const campaign = item.campaign ?? NO_CAMPAIGN;
      return item.amount === 0
        ? remove.bind(item.month, item.source, campaign)
        : upsert.bind(item.month, item.source, campaign, item.amount, item.currency);
    }),
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
