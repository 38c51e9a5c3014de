import type { Context, MiddlewareHandler } from "hono";
import { RATE_LIMIT_PERIOD_SECONDS } from "../config.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";

/** The client's address as Cloudflare reports it; one shared bucket when there is none (local tools). */
export function clientAddress(c: Context): string {
  return c.req.header("CF-Connecting-IP") ?? "local";
}

/** The 429 of a client past a limiter's budget, with `Retry-After` its window. */
export function rateLimited(what: string): ApiError {
  const retryAfter = String(RATE_LIMIT_PERIOD_SECONDS);
  return new ApiError(429, "rate_limited", `${what}; retry after ${retryAfter} s`, { "Retry-After": retryAfter });
}

/**
 * Counts the request against `limiter`, per client address, and refuses it with 429 past the
 * budget. Put first, before any body is read or parsed, so that a flood of invalid requests is
 * counted too. Built on the Workers rate-limiting binding, which Cloudflare enforces per location
 * and miniflare emulates under `wrangler dev` and in tests, so the same code runs everywhere.
 */
export function rateLimit(limiter: (env: Env) => RateLimit): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { success } = await limiter(c.env).limit({ key: clientAddress(c) });
    if (!success) throw rateLimited("too many requests");
    await next();
  };
}

/**
 * Counts a failed authentication of the client; true while it is within its budget. Past it,
 * the caller answers 429 rather than 401, so guessing keys costs a window per few guesses.
 */
export async function withinFailedAuthBudget(c: Context<AppEnv>): Promise<boolean> {
  const { success } = await c.env.AUTH_FAILURE_LIMITER.limit({ key: clientAddress(c) });
  return success;
}
