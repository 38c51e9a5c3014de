// Ingestion benchmark: the collector under `wrangler dev` on 127.0.0.1, loaded by autocannon.
// Reports events/s, p50 and p99 for batches of 10 events beside a no-op route (`/health`)
// measured in the same run, so the ratio means something on a shared, noisy machine.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { monotonicFactory } from "ulid";
import { startCollector } from "../scripts/local-collector.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const EVENTS_PER_BATCH = 10;
const VISITORS = Number(process.env.BENCH_VISITORS ?? 1000);

const newId = monotonicFactory();
const visitors = Array.from({ length: VISITORS }, () => newId());

/** A fresh batch of 10 content views for one of the visitors, from one of many client addresses. */
function nextBatch(n) {
  const visitorId = visitors[n % VISITORS];
  const now = Date.now();
  const events = Array.from({ length: EVENTS_PER_BATCH }, (_, i) => ({
    id: newId(),
    type: "content_view",
    visitorId,
    sessionId: visitorId,
    ts: now - i,
    url: `https://acme.test/blog/post-${i}`,
    stage: "awareness",
  }));
  return JSON.stringify({ site: "demo", sentAt: now, events });
}

function load(url, extra = {}) {
  return autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...extra });
}

export async function benchIngestion() {
  const state = mkdtempSync(join(tmpdir(), "embudo-bench-"));
  const collector = await startCollector({ persistTo: state, quiet: true });
  try {
    let n = 0;
    const ingest = {
      method: "POST",
      requests: [
        {
          setupRequest: (request) => {
            n++;
            // Many client addresses, so the per-client rate limit is not what is measured.
            return {
              ...request,
              headers: { "content-type": "text/plain", "cf-connecting-ip": `10.0.${(n >> 8) & 255}.${n & 255}` },
              body: nextBatch(n),
            };
          },
        },
      ],
    };
    // Warm both paths (workerd compiles lazily, objects are created on first use).
    await autocannon({ url: `${collector.url}/health`, amount: 200, connections: 4 });
    await autocannon({ url: `${collector.url}/v1/events`, amount: 200, connections: 4, ...ingest });

    const noop = await load(`${collector.url}/health`);
    const events = await load(`${collector.url}/v1/events`, ingest);
    const non2xx = events.non2xx + events.errors;
    const eventsPerSecond = events.requests.average * EVENTS_PER_BATCH;
    return {
      seconds: SECONDS,
      connections: CONNECTIONS,
      noop: { requestsPerSecond: noop.requests.average, p50: noop.latency.p50, p99: noop.latency.p99 },
      ingest: {
        requestsPerSecond: events.requests.average,
        eventsPerSecond,
        p50: events.latency.p50,
        p99: events.latency.p99,
        failed: non2xx,
      },
    };
  } finally {
    await collector.stop();
    rmSync(state, { recursive: true, force: true });
  }
}

export function formatIngestion(r) {
  return [
    `Ingestion (wrangler dev on 127.0.0.1, ${r.connections} connections, ${r.seconds} s each, same run)`,
    `  no-op GET /health       ${r.noop.requestsPerSecond.toFixed(0)} req/s   p50 ${r.noop.p50} ms   p99 ${r.noop.p99} ms`,
    `  POST /v1/events (10/req) ${r.ingest.requestsPerSecond.toFixed(0)} req/s = ${r.ingest.eventsPerSecond.toFixed(0)} events/s   p50 ${r.ingest.p50} ms   p99 ${r.ingest.p99} ms   failed ${r.ingest.failed}`,
    `  ratio: ingestion requests/s are ${(r.ingest.requestsPerSecond / r.noop.requestsPerSecond).toFixed(2)}× the no-op's; events/s are ${(r.ingest.eventsPerSecond / r.noop.requestsPerSecond).toFixed(2)}× the no-op's req/s`,
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatIngestion(await benchIngestion()));
}
