import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";

/**
 * `GET /embudo.js`: the tracker's script-tag build, from the static assets that `sdk/` builds.
 * Cached for an hour at browsers and a day at shared caches, revalidated by ETag, so a site's
 * visitors pick up a new tracker within the hour without refetching it on every page.
 */
export const scriptRoute = new Hono<AppEnv>().get("/embudo.js", async (c) => {
  const ifNoneMatch = c.req.header("If-None-Match");
  const asset = await c.env.ASSETS.fetch(new URL("/embudo.js", c.req.url), {
    headers: ifNoneMatch ? { "If-None-Match": ifNoneMatch } : {},
  });
  if (asset.status === 404) {
    throw new ApiError(503, "script_not_built", "the tracker has not been built; run `pnpm build`");
  }
  const headers = new Headers(asset.headers);
  headers.set("Content-Type", "text/javascript; charset=utf-8");
  headers.set("Cache-Control", "public, max-age=3600, s-maxage=86400, stale-while-revalidate=604800");
  headers.set("Access-Control-Allow-Origin", "*");
  headers.set("X-Content-Type-Options", "nosniff");
  return new Response(asset.body, { status: asset.status, headers });
});
