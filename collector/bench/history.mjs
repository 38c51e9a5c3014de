// What one ingestion costs for a visitor with a long history: a visitor with 10,000 stored events
// beside one with 10, in the same collector and the same run. Each ingestion stores the event,
// re-scores the whole history and writes the leads index, as in production.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monotonicFactory } from "ulid";
import { startCollector } from "../scripts/local-collector.mjs";

const DAY = 86_400_000;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const newId = monotonicFactory();

function event(visitorId, ts, i) {
  return {
    id: newId(),
    type: "content_view",
    visitorId,
    sessionId: visitorId,
    ts,
    url: `https://acme.test/blog/post-${i % 500}`,
    stage: ["awareness", "evaluation", "decision"][i % 3],
  };
}

async function send(url, events, client) {
  const response = await fetch(`${url}/v1/events`, {
    method: "POST",
    headers: { "content-type": "text/plain", "cf-connecting-ip": client },
    body: JSON.stringify({ site: "demo", sentAt: Date.now(), events }),
  });
  if (response.status !== 200) throw new Error(`ingestion answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** Stores `count` events for a visitor, spread over the last 90 days, 100 per request. */
async function seed(url, visitorId, count) {
  const start = Date.now() - 90 * DAY;
  for (let i = 0; i < count; i += 100) {
    const batch = Array.from({ length: Math.min(100, count - i) }, (_, j) =>
      event(visitorId, start + ((i + j) * 90 * DAY) / count, i + j),
    );
    await send(url, batch, `seed-${i / 100}`);
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function benchHistory() {
  const state = mkdtempSync(join(tmpdir(), "embudo-bench-"));
  const collector = await startCollector({ persistTo: state, quiet: true });
  try {
    const long = newId();
    const short = newId();
    await seed(collector.url, long, 10_000);
    await seed(collector.url, short, 10);
    const timings = { [long]: [], [short]: [] };
    for (let i = 0; i < SAMPLES; i++) {
      // Alternate, so both visitors see the same machine noise.
      for (const visitorId of i % 2 ? [long, short] : [short, long]) {
        const started = performance.now();
        await send(collector.url, [event(visitorId, Date.now(), i)], `sample-${i}`);
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
    `  visitor with     10 events   p50 ${r.short.p50.toFixed(1)} ms   p90 ${r.short.p90.toFixed(1)} ms`,
    `  visitor with 10,000 events   p50 ${r.long.p50.toFixed(1)} ms   p90 ${r.long.p90.toFixed(1)} ms`,
    `  ratio (p50): ${(r.long.p50 / r.short.p50).toFixed(2)}×`,
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatHistory(await benchHistory()));
}
