// What a dashboard page costs beside the API calls behind it: the lead view (a qualification and
// a page of its timeline, fetched at once inside the Worker) against the same two API calls made
// by a client, and the leads view against `GET /v1/leads`, in the same collector and the same run,
// alternating so both see the same machine noise. A ratio near 1 means the page adds only its
// rendering: no fan-out, no extra round trip.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCollector } from "../scripts/local-collector.mjs";
import { contentView, newId, sendEvents } from "./requests.mjs";

const SAMPLES = Math.min(500, Number(process.env.BENCH_SAMPLES ?? 100));

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const p50 = (list) =>
  percentile(
    [...list].sort((a, b) => a - b),
    50,
  );

let client = 0;
/** Each request from its own address, so the rate limits are not what is measured. */
function from() {
  client++;
  return `10.2.${(client >> 8) & 255}.${client & 255}`;
}

async function timed(request) {
  const started = performance.now();
  const responses = await request();
  for (const response of [responses].flat()) {
    if (response.status !== 200) throw new Error(`${response.url} answered ${response.status}`);
    await response.arrayBuffer();
  }
  return performance.now() - started;
}

export async function benchDashboard() {
  const state = mkdtempSync(join(tmpdir(), "embudo-bench-"));
  const collector = await startCollector({ persistTo: state, quiet: true });
  try {
    const { url, apiKey } = collector;
    // A person of 60 events: a reader who came back for weeks, then asked for a demo.
    const visitor = newId();
    const now = Date.now();
    const events = Array.from({ length: 59 }, (_, i) => contentView(visitor, now - (59 - i) * 3_600_000, i));
    events.push({
      ...contentView(visitor, now, 60),
      type: "form_submit",
      formId: "demo",
      intent: "demo",
      traits: { email: `bench-${visitor.toLowerCase()}@globex.test`, jobTitle: "VP Marketing", companySize: 300 },
    });
    await sendEvents(url, events);
    const signIn = await fetch(`${url}/dashboard/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: url, "cf-connecting-ip": from() },
      body: new URLSearchParams({ key: apiKey }),
      redirect: "manual",
    });
    const cookie = signIn.headers.get("set-cookie")?.split(";")[0];
    if (!cookie) throw new Error(`sign-in answered ${signIn.status} without a session`);
    const api = (path) =>
      fetch(`${url}${path}`, { headers: { authorization: `Bearer ${apiKey}`, "cf-connecting-ip": from() } });
    const page = (path) => fetch(`${url}${path}`, { headers: { cookie, "cf-connecting-ip": from() } });
    // Warm both paths (isolate, objects in memory) before measuring.
    await timed(() => page(`/dashboard/leads/${visitor}`));
    await timed(() => Promise.all([api(`/v1/visitors/${visitor}`), api(`/v1/visitors/${visitor}/events?limit=50`)]));
    const t = { leadApi: [], leadPage: [], leadsApi: [], leadsPage: [] };
    for (let i = 0; i < SAMPLES; i++) {
      const pairs = [
        [
          "leadApi",
          () => Promise.all([api(`/v1/visitors/${visitor}`), api(`/v1/visitors/${visitor}/events?limit=50`)]),
        ],
        ["leadPage", () => page(`/dashboard/leads/${visitor}`)],
        ["leadsApi", () => api("/v1/leads?limit=100")],
        ["leadsPage", () => page("/dashboard/leads")],
      ];
      for (const [name, request] of i % 2 ? pairs.reverse() : pairs) t[name].push(await timed(request));
    }
    return {
      samples: SAMPLES,
      leadApi: p50(t.leadApi),
      leadPage: p50(t.leadPage),
      leadsApi: p50(t.leadsApi),
      leadsPage: p50(t.leadsPage),
    };
  } finally {
    await collector.stop();
    rmSync(state, { recursive: true, force: true });
  }
}

export function formatDashboard(r) {
  return [
    `Dashboard pages against the API calls behind them, wrangler dev, ${r.samples} samples each, alternating (p50)`,
    `  lead (60 events): the two API calls ${r.leadApi.toFixed(1)} ms, the page ${r.leadPage.toFixed(1)} ms   ratio ${(r.leadPage / r.leadApi).toFixed(2)}×`,
    `  leads (a page of 100): the API call ${r.leadsApi.toFixed(1)} ms, the page ${r.leadsPage.toFixed(1)} ms   ratio ${(r.leadsPage / r.leadsApi).toFixed(2)}×`,
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatDashboard(await benchDashboard()));
}
