/**
 * How the dashboard reads the qualification API: through the client typed from the API's own
 * OpenAPI document (`collector/client`), so every answer a view shows has the document's type and
 * none is cast. Its requests never leave the isolate: they go to the app's own fetch.
 */
import type { Context, MiddlewareHandler } from "hono";
import { createEmbudoClient, type EmbudoClient } from "../../client/index.ts";
import type { AppEnv } from "../env.ts";

/** How the dashboard reaches the API: the app's own fetch, so every view is one API answer. */
export type ApiFetch = (request: Request, env: Env, ctx: ExecutionContext) => Response | Promise<Response>;

/** Hono's generic for the signed-in pages: the app's, and the API client of the request (`c.var.api`). */
export type DashboardEnv = {
  Bindings: AppEnv["Bindings"];
  Variables: AppEnv["Variables"] & { api: EmbudoClient };
};

/**
 * The API as the signed-in client of `c` calls it: with the deployment's key (never sent to the
 * browser) and the client's address, so the API's rate limits count the dashboard as that client.
 */
function apiFor(c: Context<DashboardEnv>, fetchApi: ApiFetch): EmbudoClient {
  const client = c.req.header("CF-Connecting-IP");
  return createEmbudoClient({
    // The dashboard's own origin: the request goes to the app's fetch, never over the network.
    baseUrl: new URL(c.req.url).origin,
    apiKey: c.env.EMBUDO_API_KEY,
    fetch: async (request) => {
      if (client) request.headers.set("CF-Connecting-IP", client);
      return fetchApi(request, c.env, c.executionCtx);
    },
  });
}

/**
 * Gives every signed-in page its API client as `c.var.api`.
 * @param fetchApi the app's own fetch: every view reads through the qualification API.
 */
export function readThroughApi(fetchApi: ApiFetch): MiddlewareHandler<DashboardEnv> {
  return async (c, next) => {
    c.set("api", apiFor(c, fetchApi));
    await next();
  };
}
