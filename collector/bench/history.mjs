// What one ingestion costs for a visitor with a long history: a visitor holding as many events as
// a visitor may send in a day (1,000, the samples included) beside one with 10, in the same
// collector and the same run. Each ingestion stores the event, re-scores the whole history and
// writes the leads index, as in production. (The engine's bench compares 10 and 10,000 events.)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCollector } from "../scripts/local-collector.mjs";
import { contentView, newId, seedViews, sendEvents } from "./requests.mjs";

const SAMPLES = Math.min(500, Number(process.env.BENCH_SAMPLES ?? 200));
/** The long history: the visitor's daily quota, less the samples it still has to take. */
const LONG = 1_000 - SAMPLES;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function benchHistory() {
  const state = mkdtempSync(join(tmpdir(), "embudo-bench-"));
  const collector = await startCollector({ persistTo: state, quiet: true });
  try {
    const long = newId();
    const short = newId();
    await seedViews(collector.url, long, LONG);
    await seedViews(collector.url, short, 10);
    const timings = { [long]: [], [short]: [] };
    for (let i = 0; i < SAMPLES; i++) {
      // Alternate, so both visitors see the same machine noise.
      for (const visitorId of i % 2 ? [long, short] : [short, long]) {
        const started = performance.now();
        await sendEvents(collector.url, [contentView(visitorId, Date.now(), i)]);
        timings[visitorId].push(performance.now() - started);
      }
    }
    const summary = (list) => {
      const sorted = [...list].sort((a, b) => a - b);
      return { p50: percentile(sorted, 50), p90: percentile(sorted, 90) };
    };
    return { samples: SAMPLES, long: summary(timings[long]), short: summary(timings[short]) };
  } finally {
    await collector.stop();
    rmSync(state, { recursive: true, force: true });
  }
}

export function formatHistory(r) {
  return [
    `One ingestion (1 event, store + full re-score + index), wrangler dev, ${r.samples} samples each, alternating`,
    `  visitor with    10–${10 + r.samples} events   p50 ${r.short.p50.toFixed(1)} ms   p90 ${r.short.p90.toFixed(1)} ms`,
    `  visitor with ${LONG}–1,000 events   p50 ${r.long.p50.toFixed(1)} ms   p90 ${r.long.p90.toFixed(1)} ms`,
    `  ratio (p50): ${(r.long.p50 / r.short.p50).toFixed(2)}×`,
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatHistory(await benchHistory()));
}
