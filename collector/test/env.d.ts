declare global {
  namespace Cloudflare {
    interface Env {
      TEST_INGEST_LIMIT: number;
      /** The ingestion limiter's period in wrangler.jsonc. */
      TEST_INGEST_PERIOD: number;
      TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    }
  }
}

export {};
