import type { Context, MiddlewareHandler } from "hono";
import { ApiError } from "../errors.ts";

export interface RateLimitOptions<E extends { Bindings: object }> {
  /** The Workers rate-limiting binding to count against. */
  limiter: (c: Context<E>) => RateLimit;
  /** Who is counted: requests sharing a key share a budget. */
  key: (c: Context<E>) => string;
  /** Seconds a refused client should wait (the binding's period). */
  retryAfterSeconds: number;
}

/**
 * Refuses requests past the limiter's budget with 429 and `Retry-After`. Built on the Workers
 * rate-limiting binding, which Cloudflare enforces per location when deployed and miniflare
 * emulates under `wrangler dev` and in tests, so the same code is exercised everywhere.
 */
export function rateLimit<E extends { Bindings: object }>(options: RateLimitOptions<E>): MiddlewareHandler<E> {
  return async (c, next) => {
    const { success } = await options.limiter(c).limit({ key: options.key(c) });
    if (!success) {
      const retryAfter = String(options.retryAfterSeconds);
      throw new ApiError(429, "rate_limited", `too many requests; retry after ${retryAfter} s`, {
        "Retry-After": retryAfter,
      });
    }
    await next();
  };
}

/** The client's address as Cloudflare reports it; one shared bucket when there is none (local tools). */
export function clientAddress(c: Context): string {
  return c.req.header("CF-Connecting-IP") ?? "local";
}
