import type { MiddlewareHandler } from "hono";
import { ConfigError, loadConfig } from "../config.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";

/**
 * Puts the parsed configuration on the context (`c.var.config`), or refuses every request with
 * 503 `misconfigured` while it does not parse: a collector that cannot score must not accept
 * events as if it could. The response names the variable; the log has the details.
 */
export function requireConfig(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    try {
      c.set("config", loadConfig(c.env));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      throw new ApiError(503, "misconfigured", `the collector is misconfigured (${error.variable}); its log says why`, {
        "Retry-After": "60",
      });
    }
    await next();
  };
}
