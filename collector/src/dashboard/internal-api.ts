import type { Context } from "hono";
import type { AppEnv } from "../env.ts";

/** How the dashboard reaches the API: the app's own fetch, so every view is one API answer. */
export type ApiFetch = (request: Request, env: Env, ctx: ExecutionContext) => Response | Promise<Response>;

/** An API answer: its status and its JSON body. */
export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/**
 * Calls the qualification API from inside the Worker, with the deployment's key (never sent to
 * the browser) and the signed-in client's address, so the API's rate limits count the dashboard
 * as that client. The request never leaves the isolate.
 */
export async function callApi<T>(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  const headers = new Headers({ Authorization: `Bearer ${c.env.EMBUDO_API_KEY}` });
  const client = c.req.header("CF-Connecting-IP");
  if (client) headers.set("CF-Connecting-IP", client);
  if (body !== undefined) headers.set("Content-Type", "application/json");
  const request = new Request(new URL(path, c.req.url), {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const response = await fetchApi(request, c.env, c.executionCtx);
  return { status: response.status, body: (await response.json()) as T };
}

/** A query string of the values that are set, for an API path. */
export function queryString(values: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== "") params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
