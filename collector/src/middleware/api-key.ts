import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { rateLimited, withinFailedAuthBudget } from "./rate-limit.ts";

const encoder = new TextEncoder();

/** Compares two secrets in constant time: digests first, so lengths leak nothing either. */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(given)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  return crypto.subtle.timingSafeEqual(a, b);
}

function unauthorized(message: string): ApiError {
  return new ApiError(401, "unauthorized", message, { "WWW-Authenticate": 'Bearer realm="embudo"' });
}

/**
 * Guards the qualification API with `Authorization: Bearer EMBUDO_API_KEY`. A deployment without
 * a key refuses every read, and so does one whose key equals a public site key, since anyone who
 * can view a page's source could then read every lead.
 */
export function requireApiKey(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const expected = c.env.EMBUDO_API_KEY;
    if (!expected) throw unauthorized("this collector has no API key configured (EMBUDO_API_KEY); reads are refused");
    if (Object.hasOwn(c.var.config.sites, expected)) {
      throw unauthorized("EMBUDO_API_KEY equals a public site key; reads are refused until it is changed");
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("Authorization") ?? "");
    const valid = match !== null && (await sameSecret(match[1]!, expected));
    if (!valid) {
      if (!(await withinFailedAuthBudget(c))) throw rateLimited("too many failed authentications");
      throw unauthorized(match ? "the API key is not valid" : "send the API key as `Authorization: Bearer <key>`");
    }
    await next();
  };
}
