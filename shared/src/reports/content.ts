/**
 * The content report: for each page the cohort viewed, how many viewed it, how many of those went
 * on to qualify, and how much of each qualification it earns under first-touch, last-touch and
 * linear attribution.
 */
import { z } from "zod";
import { CONTENT_STAGES } from "../limits.ts";
import type { LeadFacts, PageFacts } from "../scoring/report-facts.ts";
import { COHORT_DEFINITION, definitionsSchema, type ReportScope, ratio, reportScopeFields } from "./cohort.ts";

/** The stages content is credited for. */
const CREDITED = ["mql", "sql"] as const;
type Credited = (typeof CREDITED)[number];

const creditSchema = z.object({
  first: z.number().int().nonnegative(),
  last: z.number().int().nonnegative(),
  linear: z.number().nonnegative(),
});

const contentItemSchema = z.object({
  path: z.string().describe("The page's path: lower-case, no query, fragment or trailing slash."),
  title: z.string().nullable().describe("Its latest title."),
  stage: z.enum(CONTENT_STAGES).nullable().describe("Its content stage (pricing pages: decision); null when untagged."),
  views: z.number().int().nonnegative(),
  visitors: z.number().int().nonnegative(),
  influenced: z.object({ mql: z.number().int().nonnegative(), sql: z.number().int().nonnegative() }),
  conversionRate: z.object({ mql: z.number().nullable(), sql: z.number().nullable() }),
  attributed: z.object({ mql: creditSchema, sql: creditSchema }),
});

/** The most items a content report answers, and how many when not asked. */
export const CONTENT_LIMIT = { max: 500, default: 50 } as const;

/** `GET /v1/reports/content`: the pages the cohort viewed, and what each did for its MQLs and SQLs. */
export const contentReportSchema = z
  .object({
    ...reportScopeFields,
    items: z.array(contentItemSchema),
    itemsTotal: z.number().int().nonnegative().describe("How many pages the cohort viewed in all."),
    qualified: z
      .object({ mql: z.number().int().nonnegative(), sql: z.number().int().nonnegative() })
      .describe(
        "How many of the cohort reached MQL and SQL. Each kind of credit adds up, over all pages, to those of " +
          "them that viewed a page at or before qualifying (a lead that qualified by a download alone credits none).",
      ),
    definitions: definitionsSchema,
  })
  .meta({
    id: "ContentReport",
    description: "Which pages the leads first seen in a period read, and which converted.",
  });
/** A content report, as answered. */
export type ContentReport = z.infer<typeof contentReportSchema>;

const DEFINITIONS = {
  cohort: COHORT_DEFINITION,
  path:
    "The page's path without query, fragment or trailing slash, lower-cased: one page however it was linked. " +
    "Every page the cohort viewed is listed, pricing pages included.",
  views: "Every view of the page by the cohort, repeats included.",
  visitors: "How many leads of the cohort viewed the page (a person counts once, whatever its browsers).",
  influenced: "How many leads viewed the page at or before the moment they first reached MQL (or SQL).",
  conversionRate: "influenced divided by visitors (null when none viewed it).",
  "attributed.first": "How many MQLs (SQLs) had this page as the first page they viewed at or before reaching it.",
  "attributed.last": "How many MQLs (SQLs) had this page as the last page they viewed at or before reaching it.",
  "attributed.linear":
    "Each MQL (SQL) shares one credit evenly over the distinct pages it viewed at or before reaching it; summed " +
    "over all pages it equals the MQLs (SQLs) that viewed any page.",
  order: "By influenced.mql, then visitors, descending (then path); limit caps how many pages are answered.",
} as const;

interface Tally {
  path: string;
  title: string | null;
  stage: PageFacts["stage"];
  /** When `title` and `stage` were last seen: the latest view of any lead wins. */
  seenAt: number;
  views: number;
  visitors: number;
  influenced: Record<Credited, number>;
  attributed: Record<Credited, { first: number; last: number; linear: number }>;
}

/** The content report of `cohort`, its pages in report order, at most `limit` of them. */
export function contentReport(cohort: readonly LeadFacts[], scope: ReportScope, limit: number): ContentReport {
  const tallies = new Map<string, Tally>();
  const tally = (page: PageFacts) => {
    let t = tallies.get(page.path);
    if (!t) {
      t = {
        path: page.path,
        title: page.title,
        stage: page.stage,
        seenAt: page.lastViewAt,
        views: 0,
        visitors: 0,
        influenced: { mql: 0, sql: 0 },
        attributed: { mql: { first: 0, last: 0, linear: 0 }, sql: { first: 0, last: 0, linear: 0 } },
      };
      tallies.set(page.path, t);
    } else if (page.lastViewAt > t.seenAt) {
      t.seenAt = page.lastViewAt;
      t.title = page.title ?? t.title;
      t.stage = page.stage ?? t.stage;
    }
    return t;
  };
  const qualified = { mql: 0, sql: 0 };
  for (const lead of cohort) {
    for (const page of lead.pages) {
      const t = tally(page);
      t.views += page.views;
      t.visitors++;
    }
    for (const stage of CREDITED) {
      const at = lead.reached[stage];
      if (at === null) continue;
      qualified[stage]++;
      // lead.pages is in order of first view: the first one before `at` is the first touch.
      const before = lead.pages.filter((page) => page.firstViewAt <= at);
      for (const page of before) {
        const t = tallies.get(page.path)!;
        t.influenced[stage]++;
        t.attributed[stage].linear += 1 / before.length;
      }
      if (before[0]) tallies.get(before[0].path)!.attributed[stage].first++;
      const last = lead.lastPageBefore[stage];
      if (last) tallies.get(last)!.attributed[stage].last++;
    }
  }
  const ordered = [...tallies.values()].sort(
    (a, b) =>
      b.influenced.mql - a.influenced.mql ||
      b.visitors - a.visitors ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  return {
    ...scope,
    items: ordered.slice(0, limit).map((t) => ({
      path: t.path,
      title: t.title,
      stage: t.stage,
      views: t.views,
      visitors: t.visitors,
      influenced: t.influenced,
      conversionRate: { mql: ratio(t.influenced.mql, t.visitors), sql: ratio(t.influenced.sql, t.visitors) },
      attributed: {
        mql: { ...t.attributed.mql, linear: round(t.attributed.mql.linear) },
        sql: { ...t.attributed.sql, linear: round(t.attributed.sql.linear) },
      },
    })),
    itemsTotal: ordered.length,
    qualified,
    definitions: DEFINITIONS,
  };
}
