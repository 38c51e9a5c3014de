import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineProject } from "vitest/config";
import { unstable_readConfig } from "wrangler";

/** The rate limiters as wrangler.jsonc declares them: tests keep their periods. */
const limiters = unstable_readConfig({
  config: fileURLToPath(new URL("./wrangler.jsonc", import.meta.url)),
}).ratelimits;
function limiter(name: string) {
  const found = limiters.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`wrangler.jsonc declares no ${name}`);
  return found.simple;
}

/**
 * Budgets in tests: the same bindings and code paths as wrangler.jsonc's. The flood tests need
 * smaller budgets than 600 a minute; the failed-authentication budget is the real one.
 */
const TEST_LIMITS = {
  INGEST_LIMITER: { limit: 100, period: limiter("INGEST_LIMITER").period },
  API_LIMITER: { limit: 150, period: limiter("API_LIMITER").period },
  AUTH_FAILURE_LIMITER: limiter("AUTH_FAILURE_LIMITER"),
};

/**
 * Sites in tests: the local `demo` site that `pnpm collector` serves, a real site that does not
 * score automated browsers, sites that keep events a month or a day, and two sites in one group.
 */
const localSites = JSON.parse(readFileSync(new URL("./local-sites.json", import.meta.url), "utf8")) as {
  demo: object;
};
const TEST_SITES = {
  ...localSites,
  // Tests date events back to 2025 (each in a period of its own), which the default retention
  // would delete: the demo site keeps ten years here.
  demo: { ...localSites.demo, retentionDays: 3650 },
  acme: { origins: ["https://www.acme.test"], scoreAutomation: false },
  // A site that keeps a month, for the retention tests.
  brief: { origins: ["http://localhost:*"], scoreAutomation: true, retentionDays: 30 },
  // A site that keeps a day: its events expire while a test runs.
  daily: { origins: ["http://localhost:*"], scoreAutomation: true, retentionDays: 1 },
  // Two sites of one company, one people space: a person on either is one person.
  "brand-a": { origins: ["http://localhost:*"], scoreAutomation: true, group: "brands" },
  "brand-b": { origins: ["http://localhost:*"], scoreAutomation: true, group: "brands" },
};

/** The collector's tests run inside workerd, with the bindings of wrangler.jsonc. */
export default defineProject({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        // The queues as wrangler.jsonc declares them, but delivering at once rather than after
        // their one-second batch window: tests wait with `eventually`, not for a timer.
        queueConsumers: {
          "embudo-index": { maxBatchSize: 100, maxBatchTimeout: 0, maxRetries: 5 },
        },
        ratelimits: Object.fromEntries(Object.entries(TEST_LIMITS).map(([name, simple]) => [name, { simple }])),
        bindings: {
          TEST_LIMITS,
          EMBUDO_SITES: TEST_SITES,
          EMBUDO_API_KEY: "test-api-key",
          EMBUDO_HASH_KEY: "test-hash-key",
          // Webhook retries one second apart, so a delivery's whole schedule fits in a test.
          EMBUDO_WEBHOOK_RETRY_SECONDS: "1,1",
          TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL("./migrations", import.meta.url))),
        },
      },
    })),
  ],
  test: {
    name: "collector",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["**/*.node.test.ts"],
    setupFiles: ["./test/apply-migrations.ts"],
  },
});
