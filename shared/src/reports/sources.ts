/**
 * The sources report: the cohort grouped by where each lead first came from, how far each group
 * went down the funnel, and what it cost per qualified lead.
 */
import { z } from "zod";
import type { CostItem } from "../api.ts";
import { CHANNELS } from "../scoring/channels.ts";
import type { LeadFacts } from "../scoring/report-facts.ts";
import { FUNNEL_STAGES } from "../scoring/stage-names.ts";
import { COHORT_DEFINITION, definitionsSchema, type ReportScope, ratio, reportScopeFields } from "./cohort.ts";

/** How rows are grouped: by campaign (channel, source, medium, campaign), by source, or by channel. */
export const SOURCE_GROUPINGS = ["campaign", "source", "channel"] as const;
/** One of {@link SOURCE_GROUPINGS}. */
export type SourceGrouping = (typeof SOURCE_GROUPINGS)[number];

const stageCounts = z.object({
  iql: z.number().int().nonnegative(),
  mql: z.number().int().nonnegative(),
  sql: z.number().int().nonnegative(),
});

const sourceItemSchema = z.object({
  channel: z.enum(CHANNELS),
  source: z.string().nullable(),
  medium: z.string().nullable(),
  campaign: z.string().nullable(),
  visitors: z.number().int().nonnegative(),
  reached: stageCounts,
  conversionRate: z.object({ mql: z.number().nullable(), sql: z.number().nullable() }),
  cost: z.number().nullable(),
  currency: z.string().nullable(),
  costPerMql: z.number().nullable(),
  costPerSql: z.number().nullable(),
});

/** `GET /v1/reports/sources`: the cohort by first touch, with the cost per MQL and per SQL. */
export const sourcesReportSchema = z
  .object({
    ...reportScopeFields,
    groupBy: z.enum(SOURCE_GROUPINGS),
    items: z.array(sourceItemSchema),
    unattributedCost: z
      .array(
        z.object({ source: z.string(), campaign: z.string().nullable(), amount: z.number(), currency: z.string() }),
      )
      .describe("Spend in the period whose source and campaign no lead of the cohort came from."),
    definitions: definitionsSchema,
  })
  .meta({ id: "SourcesReport", description: "Where the leads first seen in a period came from, and what they cost." });
/** A sources report, as answered. */
export type SourcesReport = z.infer<typeof sourcesReportSchema>;

const DEFINITIONS = {
  cohort: COHORT_DEFINITION,
  groupBy:
    "Each lead counts in the row of its first touch (source.first): by campaign, rows are channel, source, medium " +
    "and campaign; by source, channel and source; by channel, the channel alone.",
  visitors: "How many leads of the cohort the row holds.",
  reached: "How many of them were ever at that stage or a later one (iql < mql < sql).",
  conversionRate: "reached.mql (reached.sql) divided by visitors.",
  cost:
    "Spend recorded for the months that overlap the period whose source and campaign the row's leads first came " +
    "with (spend without a campaign: leads that came with none). Each item counts in one row only: among the rows " +
    "it matches, a paid channel's first, then the one with most visitors, then the first in key order. Null with no spend, or with spend in " +
    "more than one currency.",
  costPerMql: "cost divided by reached.mql, rounded to cents; null without cost or without MQLs.",
  costPerSql: "cost divided by reached.sql, rounded to cents; null without cost or without SQLs.",
  unattributedCost: "Spend in the period that matches no lead of the cohort, so it is in no row.",
} as const;

interface Row {
  channel: (typeof CHANNELS)[number];
  source: string | null;
  medium: string | null;
  campaign: string | null;
  visitors: number;
  reached: { iql: number; mql: number; sql: number };
  spend: CostItem[];
}

const PAID = new Set(["paid_search", "paid_social"]);

/**
 * The sources report of `cohort`, with `costs` (any months: those overlapping the period count).
 */
export function sourcesReport(
  cohort: readonly LeadFacts[],
  scope: ReportScope,
  groupBy: SourceGrouping,
  costs: readonly CostItem[],
): SourcesReport {
  const rows = new Map<string, Row>();
  /** For each (source, campaign) of a first touch, the rows its leads are in. */
  const rowsOfTag = new Map<string, Set<Row>>();
  const tagKey = (source: string | null, campaign: string | null) => JSON.stringify([source, campaign]);
  for (const lead of cohort) {
    const touch = lead.firstTouch;
    const channel = touch?.channel ?? "direct";
    const source = groupBy === "channel" ? null : (touch?.source ?? null);
    const medium = groupBy === "campaign" ? (touch?.medium ?? null) : null;
    const campaign = groupBy === "campaign" ? (touch?.campaign ?? null) : null;
    const key = JSON.stringify([channel, source, medium, campaign]);
    let row = rows.get(key);
    if (!row) {
      row = { channel, source, medium, campaign, visitors: 0, reached: { iql: 0, mql: 0, sql: 0 }, spend: [] };
      rows.set(key, row);
    }
    row.visitors++;
    for (const stage of FUNNEL_STAGES) if (lead.reached[stage] !== null) row.reached[stage]++;
    const tag = tagKey(touch?.source ?? null, touch?.campaign ?? null);
    const tagged = rowsOfTag.get(tag);
    if (tagged) tagged.add(row);
    else rowsOfTag.set(tag, new Set([row]));
  }

  const fromMonth = scope.from.slice(0, 7);
  const toMonth = scope.to.slice(0, 7);
  const unattributedCost: SourcesReport["unattributedCost"] = [];
  for (const item of costs) {
    if (item.month < fromMonth || item.month > toMonth) continue;
    const candidates = [...(rowsOfTag.get(tagKey(item.source, item.campaign)) ?? [])];
    candidates.sort((a, b) => Number(PAID.has(b.channel)) - Number(PAID.has(a.channel)) || b.visitors - a.visitors);
    const row = candidates[0];
    if (row) row.spend.push(item);
    else
      unattributedCost.push({
        source: item.source,
        campaign: item.campaign,
        amount: item.amount,
        currency: item.currency,
      });
  }

  const cents = (n: number) => Math.round(n * 100) / 100;
  const items = [...rows.values()]
    .sort((a, b) => b.visitors - a.visitors || compareKeys(a, b))
    .map(({ spend, ...row }) => {
      const currencies = new Set(spend.map((item) => item.currency));
      const cost =
        spend.length > 0 && currencies.size === 1 ? cents(spend.reduce((sum, item) => sum + item.amount, 0)) : null;
      return {
        ...row,
        conversionRate: { mql: ratio(row.reached.mql, row.visitors), sql: ratio(row.reached.sql, row.visitors) },
        cost,
        currency: cost === null ? null : [...currencies][0]!,
        costPerMql: cost === null || row.reached.mql === 0 ? null : cents(cost / row.reached.mql),
        costPerSql: cost === null || row.reached.sql === 0 ? null : cents(cost / row.reached.sql),
      };
    });
  return { ...scope, groupBy, items, unattributedCost, definitions: DEFINITIONS };
}

function compareKeys(a: Row, b: Row): number {
  const key = (row: Row) => JSON.stringify([row.channel, row.source, row.medium, row.campaign]);
  const [x, y] = [key(a), key(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
