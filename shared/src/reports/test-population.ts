/**
 * A synthetic population for the report tests, its facts written by hand (not computed by the
 * engine), so every figure of the reports can be checked against answers worked out on paper.
 *
 * Site "acme", March 2026 (dN is March N, UTC):
 *
 * | lead | first seen | iql | mql | sql | first touch | pages (first view) |
 * |---|---|---|---|---|---|---|
 * | A | d1 10:00 | d1 11:00 | d3 10:00 | d5 10:00 | paid_social linkedin q4-abm | /blog/abm d1 (2 views), /case-studies/acme d2, /pricing d4 |
 * | B | d2 10:00 | d2 12:00 | d2 12:00 | d2 12:00 (straight to SQL) | organic_search www.google.com | /compare d2 |
 * | C | d3 10:00 | d4 10:00 | d6 10:00 | — | paid_social linkedin q4-abm | /blog/abm d3, /webinar d5, /blog/mql d7 |
 * | D | d10 10:00 | — | — | — | direct | /blog/abm d10 (3 views) |
 * | E | d11 10:00 | disqualified | | | email newsletter march | /careers d11 |
 * | H | d12 10:00 | d12 14:00 | d12 14:00 | d13 14:00, recycled | paid_search google cpc brand | /pricing d12 (2 views) |
 * | F | Feb 20 | … | | sql | paid_social linkedin q4-abm | before the period |
 * | G | d5 10:00, site "beta" | d5 12:00 | | | direct | /blog/abm d5 |
 */
import type { ContentStage } from "../limits.ts";
import type { Touch } from "../scoring/qualification.ts";
import type { LeadFacts, PageFacts } from "../scoring/report-facts.ts";
import { HOUR } from "../time.ts";
import type { CohortLead } from "./cohort.ts";

/** March `day` 2026 at `hour`:00 UTC. */
export const d = (day: number, hour = 10) => Date.UTC(2026, 2, day) + hour * HOUR;

function touch(
  channel: Touch["channel"],
  source: string | null,
  medium: string | null,
  campaign: string | null,
): Touch {
  return { channel, source, medium, campaign, landingPage: "/", referrer: null, at: "2026-03-01T00:00:00.000Z" };
}

function page(
  path: string,
  firstViewAt: number,
  views = 1,
  stage: ContentStage | null = null,
  title: string | null = null,
) {
  return { path, title, stage, views, firstViewAt, lastViewAt: firstViewAt + (views - 1) * 600_000 } as PageFacts;
}

function lead(site: string, facts: Partial<LeadFacts> & Pick<LeadFacts, "firstSeen" | "firstTouch">): CohortLead {
  return {
    site,
    facts: {
      reached: { iql: null, mql: null, sql: null },
      lastPageBefore: { iql: null, mql: null, sql: null },
      disqualified: false,
      recycled: false,
      pages: [],
      ...facts,
    },
  };
}

const linkedinAbm = touch("paid_social", "linkedin", "paid_social", "q4-abm");

export const population: CohortLead[] = [
  lead("acme", {
    firstSeen: d(1),
    reached: { iql: d(1, 11), mql: d(3), sql: d(5) },
    lastPageBefore: { iql: "/blog/abm", mql: "/case-studies/acme", sql: "/pricing" },
    firstTouch: linkedinAbm,
    pages: [
      page("/blog/abm", d(1), 2, "awareness", "ABM guide"),
      page("/case-studies/acme", d(2, 9), 1, "evaluation", "Acme case study"),
      page("/pricing", d(4, 9), 1, "decision", "Pricing"),
    ],
  }),
  lead("acme", {
    firstSeen: d(2),
    reached: { iql: d(2, 12), mql: d(2, 12), sql: d(2, 12) },
    lastPageBefore: { iql: "/compare", mql: "/compare", sql: "/compare" },
    firstTouch: touch("organic_search", "www.google.com", null, null),
    pages: [page("/compare", d(2), 1, "evaluation")],
  }),
  lead("acme", {
    firstSeen: d(3),
    reached: { iql: d(4), mql: d(6), sql: null },
    lastPageBefore: { iql: "/blog/abm", mql: "/webinar", sql: null },
    firstTouch: linkedinAbm,
    pages: [
      page("/blog/abm", d(3), 1, "awareness", "ABM guide (2026)"),
      page("/webinar", d(5), 1, "evaluation"),
      page("/blog/mql", d(7), 1, "awareness"),
    ],
  }),
  lead("acme", {
    firstSeen: d(10),
    firstTouch: touch("direct", null, null, null),
    pages: [page("/blog/abm", d(10), 3, null, null)],
  }),
  lead("acme", {
    firstSeen: d(11),
    disqualified: true,
    firstTouch: touch("email", "newsletter", "email", "march"),
    pages: [page("/careers", d(11))],
  }),
  lead("acme", {
    firstSeen: d(12),
    reached: { iql: d(12, 14), mql: d(12, 14), sql: d(13, 14) },
    lastPageBefore: { iql: "/pricing", mql: "/pricing", sql: "/pricing" },
    recycled: true,
    firstTouch: touch("paid_search", "google", "cpc", "brand"),
    pages: [page("/pricing", d(12), 2, "decision")],
  }),
  lead("acme", {
    firstSeen: Date.UTC(2026, 1, 20, 10),
    reached: { iql: Date.UTC(2026, 1, 20, 11), mql: Date.UTC(2026, 1, 21), sql: d(2) },
    firstTouch: linkedinAbm,
  }),
  lead("beta", {
    firstSeen: d(5),
    reached: { iql: d(5, 12), mql: null, sql: null },
    lastPageBefore: { iql: "/blog/abm", mql: null, sql: null },
    firstTouch: touch("direct", null, null, null),
    pages: [page("/blog/abm", d(5))],
  }),
];
