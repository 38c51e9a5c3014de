import {
  CONTENT_LIMIT,
  type CohortLead,
  cohortOf,
  contentReport,
  contentReportSchema,
  DAY,
  daySchema,
  funnelReport,
  funnelReportSchema,
  periodOf,
  type ReportScope,
  SOURCE_GROUPINGS,
  sourcesReport,
  sourcesReportSchema,
} from "@embudo/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { ApiError } from "../errors.ts";
import { authenticated, errorResponses, newRouter } from "../openapi.ts";
import { siteQuery } from "../params/site-query.ts";
import { listCosts } from "../storage/costs.ts";
import { cohortSize, leadsFirstSeen } from "../storage/leads-index.ts";

/** How many days a report covers when not told. */
const DEFAULT_DAYS = 30;

/**
 * The most one report reads. Reports add up their cohort in the Worker, which has 128 MB: the
 * facts' JSON and the objects parsed from it take about twice their text (`pnpm bench`), so a
 * larger cohort is refused with a clear error rather than failing halfway (docs/scaling.md).
 */
export const REPORT_COHORT_LIMIT = { leads: 20_000, bytes: 24 * 1024 * 1024 };

const scopeQuery = {
  from: daySchema.optional().describe(`The cohort's first day, UTC (default: ${DEFAULT_DAYS - 1} days before to).`),
  to: daySchema.optional().describe("The cohort's last day, UTC, inclusive (default: today)."),
  site: siteQuery.optional().describe("Only leads of this site key (a person's: its primary visitor's)."),
};

const funnelQuery = z.strictObject(scopeQuery);
const contentQuery = z.strictObject({
  ...scopeQuery,
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(CONTENT_LIMIT.max)
    .default(CONTENT_LIMIT.default)
    .describe("How many pages to answer, in report order."),
});
const sourcesQuery = z.strictObject({
  ...scopeQuery,
  groupBy: z
    .enum(SOURCE_GROUPINGS)
    .default("campaign")
    .describe("campaign: channel, source, medium and campaign; source: channel and source; channel: channel alone."),
});

const COHORT =
  "Its cohort is the people and anonymous visitors first seen between `from` and `to` (UTC days, inclusive; the " +
  "last 30 days by default), and everything they did since counts. Every figure's definition is in the answer.";

/** What every report route shares: its tag, the key, the errors and the cohort in its description. */
const reportRouteCommon = {
  method: "get" as const,
  tags: ["Reports"],
  ...authenticated(),
};
const reportErrors = errorResponses(400, 401, 503);

const funnelRoute = createRoute({
  ...reportRouteCommon,
  path: "/funnel",
  summary: "The funnel report",
  description: `How many leads reached IQL, MQL and SQL, the conversion between stages and the median days each step took. ${COHORT}`,
  request: { query: funnelQuery },
  responses: {
    200: { description: "The funnel.", content: { "application/json": { schema: funnelReportSchema } } },
    ...reportErrors,
  },
});

const contentRoute = createRoute({
  ...reportRouteCommon,
  path: "/content",
  summary: "The content report",
  description:
    "For each page the cohort viewed: views, visitors, leads it influenced before they qualified, and first-touch, " +
    `last-touch and linear credit for each MQL and SQL. ${COHORT}`,
  request: { query: contentQuery },
  responses: {
    200: {
      description: "The pages, in report order.",
      content: { "application/json": { schema: contentReportSchema } },
    },
    ...reportErrors,
  },
});

const sourcesRoute = createRoute({
  ...reportRouteCommon,
  path: "/sources",
  summary: "The sources report",
  description:
    "The cohort grouped by first touch (channel, source, medium, campaign): visitors, how many reached each stage, " +
    `and the cost per MQL and per SQL from the spend of \`PUT /v1/costs\`. ${COHORT}`,
  request: { query: sourcesQuery },
  responses: {
    200: { description: "The sources.", content: { "application/json": { schema: sourcesReportSchema } } },
    ...reportErrors,
  },
});

/** The report's period and site, defaults filled in and checked. */
function scopeOf(query: { from?: string; to?: string; site?: string }, now: number): ReportScope {
  const to = query.to ?? new Date(now).toISOString().slice(0, 10);
  const from = query.from ?? new Date(Date.parse(to) - (DEFAULT_DAYS - 1) * DAY).toISOString().slice(0, 10);
  if (from > to) throw new ApiError(400, "invalid_query", `from (${from}) is after to (${to})`);
  return { from, to, site: query.site ?? null };
}

/** The cohort's leads, or a 400 when there are more than one report may read. */
async function cohortLeads(db: D1Database, scope: ReportScope): Promise<CohortLead[]> {
  const { start, end } = periodOf(scope);
  const size = await cohortSize(db, start, end, scope.site);
  if (size.leads > REPORT_COHORT_LIMIT.leads || size.bytes > REPORT_COHORT_LIMIT.bytes) {
    throw new ApiError(
      400,
      "cohort_too_large",
      `${size.leads} leads were first seen from ${scope.from} to ${scope.to}, more than one report reads ` +
        `(${REPORT_COHORT_LIMIT.leads}, or ${REPORT_COHORT_LIMIT.bytes / 1024 / 1024} MB of facts): ask for fewer days or one site`,
    );
  }
  return leadsFirstSeen(db, start, end, scope.site);
}

/**
 * `GET /v1/reports/funnel|content|sources?from=YYYY-MM-DD&to=YYYY-MM-DD&site=`: reports over the
 * leads first seen in a period, from the report facts each lead's object writes on its row.
 */
export const reportsRoute = newRouter()
  .openapi(funnelRoute, async (c) => {
    const scope = scopeOf(c.req.valid("query"), Date.now());
    const leads = await cohortLeads(c.env.DB, scope);
    return c.json(funnelReport(cohortOf(leads, scope), scope), 200);
  })
  .openapi(contentRoute, async (c) => {
    const query = c.req.valid("query");
    const scope = scopeOf(query, Date.now());
    const leads = await cohortLeads(c.env.DB, scope);
    return c.json(contentReport(cohortOf(leads, scope), scope, query.limit), 200);
  })
  .openapi(sourcesRoute, async (c) => {
    const query = c.req.valid("query");
    const scope = scopeOf(query, Date.now());
    const [leads, costs] = await Promise.all([
      cohortLeads(c.env.DB, scope),
      listCosts(c.env.DB, scope.from.slice(0, 7), scope.to.slice(0, 7)),
    ]);
    return c.json(sourcesReport(cohortOf(leads, scope), scope, query.groupBy, costs), 200);
  });
