import type { CollectorConfig } from "./config.ts";

/**
 * Bindings that `wrangler types` cannot see because they are secrets, not config.
 * Everything else in `Env` comes from the generated `worker-configuration.d.ts`.
 */
declare global {
  namespace Cloudflare {
    interface Env {
      /** Bearer key for the read API (`wrangler secret put EMBUDO_API_KEY`). Unset: every read is refused. */
      EMBUDO_API_KEY?: string;
      /**
       * Secret of the suppression list's email hashes (`wrangler secret put EMBUDO_HASH_KEY`). Set it
       * once and keep it: erasure needs it, and a new one forgets every suppressed email.
       */
      EMBUDO_HASH_KEY?: string;
      /** A scoring model document (JSON) replacing `default@2`; see shared/model/. Optional. */
      EMBUDO_MODEL?: string | object;
      /** "1": webhook endpoints may be http or on private hosts (local development). */
      EMBUDO_WEBHOOK_ALLOW_PRIVATE?: string;
      /** Seconds before each retry of a failed webhook delivery, comma-separated. */
      EMBUDO_WEBHOOK_RETRY_SECONDS?: string;
    }
  }
}

/** Hono's generic for this app: its bindings, and the configuration `requireConfig` parsed. */
export type AppEnv = { Bindings: Env; Variables: { config: CollectorConfig } };
