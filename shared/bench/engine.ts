/**
 * Benchmark of the pure scoring engine (no I/O): `npx tsx shared/bench/engine.ts`.
 *
 * 1. Throughput: 1,000,000 events of 10,000 visitors (100 each), each visitor scored from
 *    scratch (every event prepared: URL parsed, stage matched), then re-scored three more times
 *    with the events it prepared (a `PreparedCache`), as the collector's objects re-score on
 *    every ingestion: the rate the collector sustains.
 *    Visitors are generated in batches outside the timed section and dropped after scoring, so
 *    memory stays flat.
 * 2. Cost of one full re-score as history grows: a visitor with 10 events vs one with 10,000,
 *    from scratch and prepared.
 * 3. A person merged from two visitors of 1,000 events each (`assessPerson`: union, each event
 *    once, replayed as one history) against one visitor of 1,000 and one of 2,000, prepared.
 *
 * Events come from a seeded generator, so runs are comparable. Performance claims come from
 * here, never from timed unit tests (docs/architecture.md, "Measuring").
 */
import { performance } from "node:perf_hooks";
import {
  assessPerson,
  assessVisitor,
  defaultModel,
  PreparedCache,
  type ScoringEvent,
  scoreVisitor,
} from "../src/index.ts";
import { Journey } from "../src/scoring/journey.ts";
import { prng } from "./prng.ts";

const VISITORS = Number(process.env.BENCH_VISITORS ?? 10_000);
const EVENTS_PER_VISITOR = 100;
const BATCH = 500;
/** Re-scores of each visitor with its prepared events, as ingestions would make them. */
const RESCORE_ROUNDS = 3;

const PAGES = [
  "/",
  "/about",
  "/blog/abm",
  "/blog/mql-vs-sql",
  "/blog/lead-scoring",
  "/blog/inbound",
  "/guides/b2b-funnel",
  "/case-studies/acme",
  "/case-studies/globex",
  "/compare/spreadsheets",
  "/webinars/scoring-101",
  "/templates/icp",
  "/security/",
  "/integrations",
  "/careers",
];
const FILES = ["/whitepapers/roi.pdf", "/files/guia-abm.pdf", "/templates/icp.xlsx", "/ebooks/inbound.pdf"];
const TITLES = ["VP of Marketing", "Head of Growth", "Marketing Analyst", "Student", "CEO", "Directora Comercial"];

/** One visitor's journey of `count` events over a few weeks. */
function visitorEvents(visitor: number, count: number, random: () => number): ScoringEvent[] {
  const j = new Journey({ visitor, firstId: visitor * 1_000_000, start: Date.UTC(2026, 0, 1) + visitor * 60_000 });
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  while (j.events.length < count) {
    const roll = random();
    const after = random() < 0.08 ? 60 * 24 * (1 + random() * 3) : 0.5 + random() * 5;
    if (roll < 0.7) j.view(pick(PAGES), { after });
    else if (roll < 0.8) j.pricing("/pricing", { after });
    else if (roll < 0.87) j.download(pick(FILES), { after });
    else if (roll < 0.93) {
      j.form(random() < 0.8 ? "newsletter" : "demo-request", {
        after,
        intent: random() < 0.8 ? "newsletter" : "demo",
        traits: {
          email: `v${visitor}@${random() < 0.5 ? "acme.test" : "gmail.com"}`,
          jobTitle: pick(TITLES),
          company: "Acme",
          companySize: 120,
        },
      });
    } else if (roll < 0.97) j.custom(random() < 0.5 ? "demo_request" : "video_played", { after });
    else if (roll < 0.99) j.identify({ email: `v${visitor}@acme.test`, phone: "+34 600" }, { after });
    else j.sales(pick(["accepted", "rejected", "disqualified"] as const), "bench", { after });
  }
  return j.events;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

function throughput() {
  const random = prng(42);
  let scoringMs = 0;
  let rescoringMs = 0;
  let events = 0;
  let peakHeap = 0;
  const stages: Record<string, number> = {};
  for (let first = 0; first < VISITORS; first += BATCH) {
    const batch: ScoringEvent[][] = [];
    for (let v = first; v < Math.min(VISITORS, first + BATCH); v++)
      batch.push(visitorEvents(v + 1, EVENTS_PER_VISITOR, random));
    const now = Math.max(...batch.map((e) => e.at(-1)!.ts)) + 60_000;
    const caches = batch.map(() => new PreparedCache());
    let start = performance.now();
    for (const [i, visitorEvents] of batch.entries()) {
      const q = scoreVisitor(visitorEvents, defaultModel, now, { cache: caches[i]! });
      stages[q.stage] = (stages[q.stage] ?? 0) + 1;
      events += visitorEvents.length;
    }
    scoringMs += performance.now() - start;
    // The collector's objects re-score a visitor's whole history on every ingestion, with the
    // events they prepared before: that steady state is what RESCORE_ROUNDS times.
    start = performance.now();
    for (let round = 0; round < RESCORE_ROUNDS; round++) {
      for (const [i, visitorEvents] of batch.entries())
        scoreVisitor(visitorEvents, defaultModel, now, { cache: caches[i]! });
    }
    rescoringMs += performance.now() - start;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  return { scoringMs, rescoringMs, events, peakHeap, stages };
}

/** Median time of one call, after warm-up. */
function median(runs: number, fn: () => unknown): number {
  for (let i = 0; i < Math.min(20, runs); i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function rescore(size: number, runs: number) {
  const events = visitorEvents(999_999, size, prng(size));
  const now = events.at(-1)!.ts + 60_000;
  const shuffled = [...events].reverse();
  const cache = new PreparedCache();
  return {
    size,
    sorted: median(runs, () => scoreVisitor(events, defaultModel, now)),
    unsorted: median(runs, () => scoreVisitor(shuffled, defaultModel, now)),
    assess: median(runs, () => assessVisitor(events, defaultModel, now)),
    prepared: median(runs, () => assessVisitor(events, defaultModel, now, { cache })),
  };
}

const result = throughput();
console.log(`Embudo scoring engine — Node ${process.version}, model ${defaultModel.id}`);
console.log(
  `throughput: ${fmt(result.events)} events of ${fmt(VISITORS)} visitors scored in ${(result.scoringMs / 1000).toFixed(2)} s` +
    ` = ${fmt(result.events / (result.scoringMs / 1000))} events/s (${fmt(VISITORS / (result.scoringMs / 1000))} visitors/s)`,
);
const rescoreRate = (RESCORE_ROUNDS * result.events) / (result.rescoringMs / 1000);
console.log(
  `  re-scored ${RESCORE_ROUNDS} more times with their prepared events (as on every ingestion) in ` +
    `${(result.rescoringMs / 1000).toFixed(2)} s = ${fmt(rescoreRate)} events/s ` +
    `(${(rescoreRate / (result.events / (result.scoringMs / 1000))).toFixed(2)}× the first score's rate)`,
);
console.log(
  `  stages: ${Object.entries(result.stages)
    .map(([stage, n]) => `${stage} ${n}`)
    .join(", ")}`,
);
console.log(`  peak heap while scoring: ${mb(result.peakHeap)} (events generated ${BATCH} visitors at a time)`);
console.log("full re-score of one visitor (median):");
const small = rescore(10, 2000);
const large = rescore(10_000, 50);
for (const r of [small, large]) {
  console.log(
    `  ${fmt(r.size).padStart(6)} events: ${r.sorted.toFixed(3)} ms sorted, ${r.unsorted.toFixed(3)} ms unsorted, ` +
      `${r.assess.toFixed(3)} ms with nextStageReviewAt (${fmt(r.size / (r.sorted / 1000))} events/s), ` +
      `${r.prepared.toFixed(3)} ms prepared (${fmt(r.size / (r.prepared / 1000))} events/s)`,
  );
}
console.log(`  10,000 vs 10 events: ${(large.sorted / small.sorted).toFixed(0)}× the time for 1,000× the events`);

/** Two visitors' events given one email: what a person of two browsers holds. */
function sameEmail(events: ScoringEvent[], email: string): ScoringEvent[] {
  return events.map((event) =>
    event.type === "form_submit" || event.type === "identify"
      ? ({ ...event, traits: { ...event.traits, email } } as ScoringEvent)
      : event,
  );
}

const email = "buyer@acme.test";
const phone = sameEmail(visitorEvents(700_001, 1_000, prng(7)), email);
const laptop = sameEmail(visitorEvents(700_002, 1_000, prng(8)), email);
const alone2000 = visitorEvents(700_003, 2_000, prng(9));
const union = [...phone, ...laptop];
const mergeNow = Math.max(phone.at(-1)!.ts, laptop.at(-1)!.ts) + 60_000;
// Each with its own prepared events, as each person's and visitor's object keeps them.
const [mergedCache, singleCache, single2000Cache] = [new PreparedCache(), new PreparedCache(), new PreparedCache()];
const merged = median(50, () => assessPerson(email, union, defaultModel, mergeNow, { cache: mergedCache }));
const single = median(50, () => assessVisitor(phone, defaultModel, mergeNow, { cache: singleCache }));
const single2000 = median(50, () =>
  assessVisitor(alone2000, defaultModel, alone2000.at(-1)!.ts + 60_000, { cache: single2000Cache }),
);
console.log("a person merged from two visitors (median):");
console.log(
  `  2 × 1,000 events: ${merged.toFixed(3)} ms; one visitor of 1,000: ${single.toFixed(3)} ms; of 2,000: ${single2000.toFixed(3)} ms`,
);
console.log(
  `  merged / 1,000-event visitor: ${(merged / single).toFixed(2)}×; merged / 2,000-event visitor: ${(merged / single2000).toFixed(2)}×`,
);
