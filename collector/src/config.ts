/**
 * The collector's configuration in one place: the sites that may send (`EMBUDO_SITES`), the
 * scoring model (`EMBUDO_MODEL`), how webhooks are sent (`EMBUDO_WEBHOOK_ALLOW_PRIVATE`,
 * `EMBUDO_WEBHOOK_RETRY_SECONDS`) and the limits that code, not a binding, enforces.
 *
 * Variables do not change within an isolate, so a configuration is parsed once per value and
 * reused by every request and every Durable Object call. A configuration that does not parse is
 * an operator's error: {@link loadConfig} throws a {@link ConfigError} naming the variable and
 * the fault, the log says it once, and every route answers 503 `misconfigured` until it is fixed,
 * rather than accepting events it could never score.
 */
import { defaultModel, describeIssues, parseScoringModel, type ScoringModel } from "@embudo/shared";
import { z } from "zod";
import { errorMessage } from "./errors.ts";
import { type SitesConfig, sitesConfigSchema } from "./sites.ts";
import { retrySchedule } from "./webhooks/retry-schedule.ts";

/**
 * The rate limiters' window in seconds: `Retry-After` of a 429. The budgets live in
 * `wrangler.jsonc` (`ratelimits[].simple`), where Cloudflare enforces them; a test checks that
 * this number is every limiter's period.
 */
export const RATE_LIMIT_PERIOD_SECONDS = 60;

/** What the collector runs with. */
export interface CollectorConfig {
  sites: SitesConfig;
  model: ScoringModel;
  webhooks: WebhookConfig;
}

/** How webhooks are sent. */
export interface WebhookConfig {
  /** Whether endpoints may be http or on private hosts: local development only. */
  allowPrivate: boolean;
  /** Seconds to wait before each retry of a failed delivery (`retry-schedule.ts`). */
  retrySeconds: readonly number[];
}

/** The variables {@link loadConfig} reads, as they arrive: objects from wrangler.jsonc, JSON text from secrets. */
export interface ConfigSource {
  EMBUDO_SITES?: unknown;
  EMBUDO_MODEL?: unknown;
  EMBUDO_WEBHOOK_ALLOW_PRIVATE?: string;
  EMBUDO_WEBHOOK_RETRY_SECONDS?: string;
}

/** A variable that does not hold a valid configuration. */
export class ConfigError extends Error {
  constructor(
    /** The variable at fault, e.g. `EMBUDO_MODEL`. */
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable} ${detail}`);
    this.name = "ConfigError";
  }
}

/** The variables {@link loadConfig} reads, in the order it compares them. */
const SOURCES = [
  "EMBUDO_SITES",
  "EMBUDO_MODEL",
  "EMBUDO_WEBHOOK_ALLOW_PRIVATE",
  "EMBUDO_WEBHOOK_RETRY_SECONDS",
] as const satisfies readonly (keyof ConfigSource)[];

/** The last values parsed and what came of them; one entry, since an isolate has one environment. */
let last: { values: unknown[]; result: CollectorConfig | ConfigError } | null = null;

/**
 * The configuration of `env`, parsed on first use of these values.
 * @throws {ConfigError} when a variable is not valid (logged once per value).
 */
export function loadConfig(env: ConfigSource): CollectorConfig {
  const values = SOURCES.map((name) => env[name]);
  if (!last || values.some((value, i) => value !== last!.values[i])) {
    let result: CollectorConfig | ConfigError;
    try {
      result = {
        sites: parseSites(env.EMBUDO_SITES),
        model: parseModel(env.EMBUDO_MODEL),
        webhooks: parseWebhooks(env),
      };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      console.error(`configuration error: ${error.message}`);
      result = error;
    }
    last = { values, result };
  }
  if (last.result instanceof ConfigError) throw last.result;
  return last.result;
}

/** How webhooks are sent: private addresses only when `EMBUDO_WEBHOOK_ALLOW_PRIVATE` is 1. */
export function parseWebhooks(env: ConfigSource): WebhookConfig {
  const allow = env.EMBUDO_WEBHOOK_ALLOW_PRIVATE;
  if (allow !== undefined && allow !== "" && allow !== "0" && allow !== "1") {
    throw new ConfigError("EMBUDO_WEBHOOK_ALLOW_PRIVATE", `must be 1 or 0, not "${allow}"`);
  }
  try {
    return { allowPrivate: allow === "1", retrySeconds: retrySchedule(env.EMBUDO_WEBHOOK_RETRY_SECONDS) };
  } catch (error) {
    throw new ConfigError("EMBUDO_WEBHOOK_RETRY_SECONDS", errorMessage(error));
  }
}

/** A variable's value as JSON: objects as they are, strings parsed. */
function jsonValue(variable: string, raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw new ConfigError(variable, "is not valid JSON");
  }
}

/**
 * The sites that may send: an object in `wrangler.jsonc`, or JSON text when set as a secret or
 * through an env file. None when unset.
 */
export function parseSites(raw: unknown): SitesConfig {
  const result = sitesConfigSchema.safeParse(jsonValue("EMBUDO_SITES", raw) ?? {});
  if (!result.success) throw new ConfigError("EMBUDO_SITES", `is not valid: ${describeIssues(result.error)}`);
  return result.data;
}

/**
 * The scoring model: `EMBUDO_MODEL` (a model document, see shared/model/) when set, otherwise
 * `default@2`. Events are stored raw, so a new model re-scores each visitor's whole history on
 * its next event or read.
 */
export function parseModel(raw: unknown): ScoringModel {
  if (raw === undefined || raw === null || raw === "") return defaultModel;
  try {
    return parseScoringModel(jsonValue("EMBUDO_MODEL", raw));
  } catch (error) {
    if (error instanceof z.ZodError)
      throw new ConfigError("EMBUDO_MODEL", `is not a valid model: ${describeIssues(error)}`);
    throw error;
  }
}
