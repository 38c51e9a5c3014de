declare global {
  namespace Cloudflare {
    interface Env {
      /** Each rate limiter's budget in tests; periods as in wrangler.jsonc. */
      TEST_LIMITS: Record<"INGEST_LIMITER" | "API_LIMITER" | "AUTH_FAILURE_LIMITER", { limit: number; period: number }>;
      TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    }
  }
}

export {};
