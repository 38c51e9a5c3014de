import { createRoute } from "@hono/zod-openapi";
import { scriptAssetResponses, serveAsset } from "../assets.ts";
import { newRouter } from "../openapi.ts";

const trackerScriptRoute = createRoute({
  method: "get",
  path: "/embudo.js",
  summary: "The tracker",
  description: 'The script-tag build: `<script defer src="…/embudo.js" data-site="SITE_KEY"></script>`.',
  tags: ["Tracker"],
  responses: scriptAssetResponses("The tracker."),
});

/**
 * `GET /embudo.js`: the tracker's script-tag build. Cached for an hour at browsers and a day at
 * shared caches, revalidated by ETag, so a site's visitors pick up a new tracker within the hour
 * without refetching it on every page.
 */
export const scriptRoute = newRouter().openapi(trackerScriptRoute, (c) =>
  serveAsset(c, "/embudo.js", {
    contentType: "text/javascript; charset=utf-8",
    cacheControl: "public, max-age=3600, s-maxage=86400, stale-while-revalidate=604800",
    cors: true,
  }),
);
