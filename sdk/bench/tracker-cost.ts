/**
 * What a tracker costs the page that loads it: Embudo's script tag beside Plausible's published
 * tracker and a do-nothing tracker, measured in the same run of headless Chromium.
 *
 *   pnpm --filter @embudo/sdk-bench bench [--runs 60] [--tracker NAME=PATH]…
 *
 * Each load opens the article of `article.ts` in a fresh browser context (a new renderer: cold
 * HTTP and code caches, empty localStorage) with one tracker in it, records a Chromium trace of
 * it, and stops 150 ms after the tracker's first request reached the server. `trace.ts` turns
 * the trace into the tracker's main-thread cost. Loads run in rounds, one load per tracker per
 * round in rotating order, after a warm-up round that is thrown away, so slow spells of a shared
 * machine fall on every tracker alike. The report gives medians and 90th percentiles, and ratios
 * of medians measured in this run with a bootstrap interval (`stats.ts`): single timings on a
 * shared machine are noise, and two identical builds measured in one run differ by a few percent.
 *
 * `--tracker NAME=PATH` adds a classic script (given `data-site` and `data-api`, like Embudo's
 * tag) to the run, to compare a change against the built tracker.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { ensureChromium, launchChromium } from "@embudo/e2e/browser";
import type { Browser } from "playwright-core";
import { article } from "./article.ts";
import { medianRatio, quantile } from "./stats.ts";
import { type MainThreadCost, mainThreadCost, type TraceEvent } from "./trace.ts";

/** How long a load may take to send its first event before it counts as a failed load. */
const SEND_TIMEOUT_MS = 5000;
/** Time left after the first request for its callbacks to run and be traced. */
const SETTLE_MS = 150;
/** Embudo's CPU budget on load, as a fraction of Plausible's measured in the same run. */
const GOAL_RATIO = 0.9;

interface Tracker {
  key: string;
  label: string;
  /** Where the server serves the file. */
  path: string;
  /** The file, gzipped at the best level, as a CDN would serve it. */
  gzipped: Buffer;
  /** Loaded as an ES module (its evaluation is then counted by module events). */
  module: boolean;
  /** The page's script element for this tracker, served at `src` by the server at `origin`. */
  tag(origin: string, src: string): string;
}

interface Load extends MainThreadCost {
  sent: boolean;
  errors: number;
}

const file = (key: string, label: string, location: string, module: boolean, tag: Tracker["tag"]): Tracker => ({
  key,
  label,
  path: `/trackers/${key}/${basename(location)}`,
  gzipped: gzipSync(readFileSync(location), { level: 9 }),
  module,
  tag,
});

/** A classic script tag with Embudo's attributes; `data-api` points at the benchmark's server. */
const classic = (key: string, label: string, location: string) =>
  file(
    key,
    label,
    location,
    false,
    (origin, src) => `<script defer src="${src}" data-site="bench" data-api="${origin}"></script>`,
  );

function trackers(extra: string[]): Tracker[] {
  const embudo = fileURLToPath(import.meta.resolve("@embudo/sdk/script"));
  const plausibleUrl = import.meta.resolve("@plausible-analytics/tracker");
  const plausible = fileURLToPath(plausibleUrl);
  const { version } = JSON.parse(readFileSync(new URL("package.json", plausibleUrl), "utf8"));
  return [
    classic("embudo", "Embudo, sdk/dist/embudo.js", embudo),
    // Plausible publishes its tracker as an ES module with init(); its defaults (no downloads,
    // no forms) are what it costs a page out of the box. On 127.0.0.1 and under WebDriver it
    // sends nothing unless told to capture on localhost.
    file("plausible", `Plausible ${version}, npm`, plausible, true, (origin, src) => {
      const options = { domain: "bench.example", endpoint: `${origin}/api/event`, captureOnLocalhost: true };
      return `<script type="module">import { init } from "${src}"; init(${JSON.stringify(options)});</script>`;
    }),
    classic(
      "do-nothing",
      "do-nothing: one id, one POST",
      fileURLToPath(new URL("do-nothing-tracker.js", import.meta.url)),
    ),
    ...extra.map((spec) => {
      const [key, location] = spec.split("=");
      if (!key || !location) throw new Error(`--tracker takes NAME=PATH, not ${spec}`);
      return classic(key, `${key}, ${location}`, location);
    }),
  ];
}

/**
 * The benchmark's web server: the article with a tracker, the trackers' files, and an endpoint
 * that answers every POST with 202 and tells who is waiting for a load's first request.
 */
async function startServer(list: Tracker[]) {
  const waiting = new Map<string, () => void>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://bench");
    if (request.method === "POST") {
      // The load a request belongs to is in its page's address, which the Referer carries.
      const run = new URL(request.headers.referer ?? "http://bench/").searchParams.get("run") ?? "";
      request.resume().on("end", () => {
        waiting.get(run)?.();
        response.writeHead(202, { "cache-control": "no-store" }).end();
      });
      return;
    }
    const tracker = list.find((candidate) => candidate.path === url.pathname);
    if (tracker) {
      response.writeHead(200, {
        "content-type": "text/javascript",
        "content-encoding": "gzip",
        "cache-control": "no-store",
      });
      response.end(tracker.gzipped);
      return;
    }
    const shown = list.find((candidate) => candidate.key === url.searchParams.get("tracker"));
    if (url.pathname === "/article" && shown) {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      response.end(article(shown.tag(origin, shown.path)));
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    /** Resolves true once the load `run` sent a request, false after {@link SEND_TIMEOUT_MS}. */
    firstRequest(run: string): Promise<boolean> {
      return new Promise((resolve) => {
        const timeout = setTimeout(() => resolve(false), SEND_TIMEOUT_MS);
        waiting.set(run, () => {
          clearTimeout(timeout);
          waiting.delete(run);
          resolve(true);
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Server = Awaited<ReturnType<typeof startServer>>;

/** One cold load of the article with `tracker`, traced. */
async function measure(browser: Browser, server: Server, tracker: Tracker, run: string): Promise<Load> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    let errors = 0;
    page.on("pageerror", () => errors++);
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on("Tracing.dataCollected", ({ value }) => events.push(...(value as unknown as TraceEvent[])));
    const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
    await cdp.send("Tracing.start", {
      traceConfig: { includedCategories: ["devtools.timeline", "v8"] },
      transferMode: "ReportEvents",
    });
    const url = `${server.origin}/article?tracker=${tracker.key}&run=${run}`;
    const sent = server.firstRequest(run);
    await page.goto(url, { waitUntil: "load" });
    const delivered = await sent;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    await cdp.send("Tracing.end");
    await complete;
    // The page's own URL too: a module tracker is started by an inline script.
    const cost = mainThreadCost(events, [server.origin + tracker.path, url], tracker.module);
    return { ...cost, sent: delivered, errors };
  } finally {
    await context.close();
  }
}

function report(list: Tracker[], loads: Map<string, Load[]>): string[] {
  const sample = (key: string, field: keyof MainThreadCost) => loads.get(key)!.map((load) => load[field]);
  const ms = (value: number) => value.toFixed(2);
  const rows = [
    ["tracker", "gzip B", "CPU median ms", "CPU p90", "wall median ms", "wall p90", "loads that sent", "JS errors"],
    ...list.map((tracker) => {
      const of = loads.get(tracker.key)!;
      const [cpu, wall] = [sample(tracker.key, "cpu"), sample(tracker.key, "wall")];
      return [
        tracker.label,
        String(tracker.gzipped.length),
        ms(quantile(cpu, 0.5)),
        ms(quantile(cpu, 0.9)),
        ms(quantile(wall, 0.5)),
        ms(quantile(wall, 0.9)),
        `${of.filter((load) => load.sent).length}/${of.length}`,
        String(of.reduce((sum, load) => sum + load.errors, 0)),
      ];
    }),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) =>
    row.map((cell, column) => (column ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  "),
  );
  const ratio = (a: string, b: string, field: keyof MainThreadCost) => {
    const { ratio, low, high } = medianRatio(sample(a, field), sample(b, field));
    return `${field === "cpu" ? "CPU" : "wall"} ${ratio.toFixed(2)}× (${low.toFixed(2)}–${high.toFixed(2)})`;
  };
  const both = (a: string, b: string) => `${ratio(a, b, "cpu")}, ${ratio(a, b, "wall")}`;
  const cpu = medianRatio(sample("embudo", "cpu"), sample("plausible", "cpu"));
  lines.push(
    "",
    "Ratios of medians, same run (95% bootstrap interval):",
    `  Embudo / Plausible:     ${both("embudo", "plausible")}`,
    `  Embudo / do-nothing:    ${both("embudo", "do-nothing")}`,
    `  Plausible / do-nothing: ${both("plausible", "do-nothing")}`,
    `Goal: Embudo's CPU at most ${GOAL_RATIO}× Plausible's: ${cpu.ratio <= GOAL_RATIO ? "met" : "MISSED"} (${cpu.ratio.toFixed(2)}×` +
      (cpu.high <= GOAL_RATIO ? ", the whole interval below it)" : ")"),
  );
  return lines;
}

async function main() {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "60" }, tracker: { type: "string", multiple: true, default: [] } },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a positive integer, not ${values.runs}`);
  const list = trackers(values.tracker);
  const server = await startServer(list);
  const browser = await launchChromium(ensureChromium());
  const loads = new Map(list.map((tracker) => [tracker.key, [] as Load[]]));
  try {
    console.error(`Chromium ${browser.version()}: ${runs} rounds of ${list.length} cold loads, after a warm-up round`);
    for (let round = -1; round < runs; round++) {
      // Rotating the order spreads any cost of going first or last over every tracker.
      const shift = Math.max(round, 0) % list.length;
      for (const tracker of [...list.slice(shift), ...list.slice(0, shift)]) {
        const load = await measure(browser, server, tracker, `${tracker.key}-${round}`);
        if (round >= 0) loads.get(tracker.key)!.push(load);
      }
      if ((round + 1) % 10 === 0 && round > 0) console.error(`  ${round + 1}/${runs} rounds`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  for (const line of report(list, loads)) console.log(line);
  const failed = [...loads.values()].flat().filter((load) => !load.sent || load.errors).length;
  if (failed) {
    console.error(`${failed} loads sent nothing or threw: their figures do not measure a working tracker`);
    process.exitCode = 1;
  }
}

await main();
