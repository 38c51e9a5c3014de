import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineProject } from "vitest/config";
import { unstable_readConfig } from "wrangler";

/** The ingestion limiter as wrangler.jsonc declares it: tests keep its period, not its budget. */
const ingestLimiter = unstable_readConfig({
  config: fileURLToPath(new URL("./wrangler.jsonc", import.meta.url)),
}).ratelimits.find((limiter) => limiter.name === "INGEST_LIMITER");
if (!ingestLimiter) throw new Error("wrangler.jsonc declares no INGEST_LIMITER");

/**
 * The ingestion rate limit in tests: the same binding and code path as wrangler.jsonc's, with a
 * smaller budget so the flood test needs 100 requests rather than 600.
 */
const TEST_INGEST_LIMIT = 100;

/**
 * Sites in tests: the local `demo` site that `pnpm collector` serves, plus a real site that does
 * not score automated browsers.
 */
const TEST_SITES = {
  ...(JSON.parse(readFileSync(new URL("./local-sites.json", import.meta.url), "utf8")) as object),
  acme: { origins: ["https://www.acme.test"], scoreAutomation: false },
};

/** The collector's tests run inside workerd, with the bindings of wrangler.jsonc. */
export default defineProject({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        ratelimits: {
          INGEST_LIMITER: { simple: { limit: TEST_INGEST_LIMIT, period: ingestLimiter.simple.period } },
        },
        bindings: {
          TEST_INGEST_LIMIT,
          TEST_INGEST_PERIOD: ingestLimiter.simple.period,
          EMBUDO_SITES: TEST_SITES,
          EMBUDO_API_KEY: "test-api-key",
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
