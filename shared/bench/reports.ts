/**
 * Benchmark of the reports (pure, in Node): `npx tsx shared/bench/reports.ts`.
 *
 * A report reads its cohort's facts from D1 as JSON and adds them up in the Worker. This times
 * both halves for a cohort of 20,000 leads (the most one report reads) against one of 2,000 in
 * the same run, so the ratio says whether the cost grows linearly, and the absolute time says how
 * much of a Worker's CPU budget the largest report takes on this machine.
 */
import { performance } from "node:perf_hooks";
import {
  type CohortLead,
  type CostItem,
  cohortOf,
  contentReport,
  DAY,
  funnelReport,
  type LeadFacts,
  sourcesReport,
} from "../src/index.ts";
import { prng } from "./prng.ts";

const start = Date.UTC(2026, 2, 1);
const scope = { from: "2026-03-01", to: "2026-03-31", site: null };
const PATHS = Array.from({ length: 60 }, (_, i) => `/blog/post-${i}`);
const CHANNELS = ["paid_social", "organic_search", "direct", "email", "paid_search", "referral"] as const;

/** `count` leads' facts as D1 hands them over: JSON text, about 8 pages each. */
function cohortRows(count: number): Array<{ site: string; facts: string }> {
  const random = prng(count);
  return Array.from({ length: count }, () => {
    const firstSeen = start + Math.floor(random() * 30 * DAY);
    const iql = random() < 0.3 ? firstSeen + Math.floor(random() * DAY) : null;
    const mql = iql !== null && random() < 0.5 ? iql + Math.floor(random() * 5 * DAY) : null;
    const sql = mql !== null && random() < 0.3 ? mql + Math.floor(random() * 5 * DAY) : null;
    const pages = Array.from({ length: 1 + Math.floor(random() * 15) }, (_, i) => {
      const at = firstSeen + i * 3_600_000;
      return {
        path: PATHS[Math.floor(random() * PATHS.length)]!,
        title: null,
        stage: null,
        views: 1,
        firstViewAt: at,
        lastViewAt: at,
      };
    });
    const unique = [...new Map(pages.map((page) => [page.path, page])).values()];
    const channel = CHANNELS[Math.floor(random() * CHANNELS.length)]!;
    const facts: LeadFacts = {
      firstSeen,
      reached: { iql, mql, sql },
      lastPageBefore: {
        iql: unique[0]!.path,
        mql: mql === null ? null : unique.at(-1)!.path,
        sql: sql === null ? null : unique.at(-1)!.path,
      },
      disqualified: random() < 0.05,
      recycled: false,
      firstTouch: {
        channel,
        source: channel === "direct" ? null : "linkedin",
        medium: null,
        campaign: `c${Math.floor(random() * 10)}`,
        landingPage: unique[0]!.path,
        referrer: null,
        at: new Date(firstSeen).toISOString(),
      },
      pages: unique,
    };
    return { site: "acme", facts: JSON.stringify(facts) };
  });
}

const costs: CostItem[] = Array.from({ length: 10 }, (_, i) => ({
  month: "2026-03",
  source: "linkedin",
  campaign: `c${i}`,
  amount: 1000,
  currency: "EUR",
}));

function median(runs: number, fn: () => unknown): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const begin = performance.now();
    fn();
    times.push(performance.now() - begin);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

function measure(count: number) {
  const rows = cohortRows(count);
  let leads: CohortLead[] = [];
  const parse = median(5, () => {
    leads = rows.map((row) => ({ site: row.site, facts: JSON.parse(row.facts) as LeadFacts }));
  });
  const cohort = cohortOf(leads, scope);
  return {
    count,
    parse,
    funnel: median(5, () => funnelReport(cohort, scope)),
    content: median(5, () => contentReport(cohort, scope, 50)),
    sources: median(5, () => sourcesReport(cohort, scope, "campaign", costs)),
  };
}

const small = measure(2_000);
const large = measure(20_000);
console.log(`Embudo reports — Node ${process.version}, median of 5`);
for (const r of [small, large]) {
  console.log(
    `  ${r.count.toLocaleString("en-US").padStart(6)} leads: parse facts ${r.parse.toFixed(1)} ms, ` +
      `funnel ${r.funnel.toFixed(1)} ms, content ${r.content.toFixed(1)} ms, sources ${r.sources.toFixed(1)} ms`,
  );
}
const total = (r: typeof small) => r.parse + Math.max(r.funnel, r.content, r.sources);
console.log(
  `  20,000 vs 2,000 leads: ${(total(large) / total(small)).toFixed(1)}× the time (parse + the slowest report) for 10× the leads`,
);
