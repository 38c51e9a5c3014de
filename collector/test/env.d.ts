declare global {
  namespace Cloudflare {
    interface Env {
      TEST_INGEST_LIMIT: number;
      TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    }
  }
}

export {};
