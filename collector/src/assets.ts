import type { Context } from "hono";
import type { AppEnv } from "./env.ts";
import { ApiError } from "./errors.ts";
import { errorResponses } from "./openapi.ts";

/** What {@link serveAsset} answers with a script, for `createRoute`'s `responses`. */
export function scriptAssetResponses(description: string) {
  return {
    200: { description, content: { "text/javascript": { schema: { type: "string" as const } } } },
    304: { description: "Not modified since the ETag sent in If-None-Match." },
    ...errorResponses(503),
  };
}

/**
 * Answers with a file of the static assets that `pnpm build` assembles (`dist/assets`), with the
 * caching the caller chooses and the asset server's ETag, so a browser revalidates rather than
 * downloads again.
 */
export async function serveAsset(
  c: Context<AppEnv>,
  path: string,
  headers: { contentType: string; cacheControl: string; cors?: boolean },
): Promise<Response> {
  const ifNoneMatch = c.req.header("If-None-Match");
  const asset = await c.env.ASSETS.fetch(new URL(path, c.req.url), {
    headers: ifNoneMatch ? { "If-None-Match": ifNoneMatch } : {},
  });
  if (asset.status === 404) {
    throw new ApiError(503, "assets_not_built", `${path} has not been built; run \`pnpm build\``);
  }
  const response = new Headers(asset.headers);
  response.set("Content-Type", headers.contentType);
  response.set("Cache-Control", headers.cacheControl);
  response.set("X-Content-Type-Options", "nosniff");
  if (headers.cors) response.set("Access-Control-Allow-Origin", "*");
  return new Response(asset.body, { status: asset.status, headers: response });
}
