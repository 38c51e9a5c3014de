import type { MiddlewareHandler } from "hono";

/**
 * Headers every API answer carries, errors included: `Cache-Control: no-store`, since leads are
 * personal data that no browser or proxy should keep, and `X-Content-Type-Options: nosniff`,
 * so nothing renders JSON as a page.
 */
export function apiHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set("Cache-Control", "no-store");
    c.res.headers.set("X-Content-Type-Options", "nosniff");
  };
}
