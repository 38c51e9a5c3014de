/**
 * How routes are declared: each route file builds its router with {@link newRouter} and declares
 * every route with `createRoute`, from the zod schemas in `@embudo/shared`. One declaration gives
 * the validation, the typed handler and the route's entry in `GET /openapi.json`.
 */
import { describeIssues, errorResponseSchema } from "@embudo/shared";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { AppEnv } from "./env.ts";
import { ApiError } from "./errors.ts";
import { requireApiKey } from "./middleware/api-key.ts";
import { rateLimit } from "./middleware/rate-limit.ts";

/** The name of the bearer security scheme in the document. */
export const BEARER_AUTH = "bearerAuth";

/**
 * Spread into `createRoute` for a route that needs `Authorization: Bearer EMBUDO_API_KEY`: the
 * document's security requirement and the middleware that enforces it, declared together. The
 * client is counted first, then the key is checked, so a caller without it learns nothing from validation;
 * `more` runs after it (a body limit, say).
 */
export function authenticated(...more: MiddlewareHandler<AppEnv>[]) {
  return {
    security: [{ [BEARER_AUTH]: [] as string[] }],
    middleware: [rateLimit((env) => env.API_LIMITER), requireApiKey(), ...more],
  };
}

/** Refuses a body over `maxBytes` with 413 before anything reads it. */
export function limitBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, "payload_too_large", `a request body holds at most ${maxBytes} bytes`);
    },
  });
}

/** The document's header; paths and components come from the routes. */
export const DOCUMENT_INFO = {
  openapi: "3.1.0",
  info: {
    title: "Embudo collector",
    version: "1",
    description:
      "Ingestion of the tracker's events, and the qualification API: which visitors are anonymous, IQL, MQL or " +
      "SQL, and why. Read routes need `Authorization: Bearer EMBUDO_API_KEY`. Every error is " +
      '`{"error": {"code", "message"}}`.',
  },
} as const;

/** The error code of a request part that fails its schema. */
const INVALID_CODES: Record<string, string> = {
  query: "invalid_query",
  param: "invalid_path",
  json: "invalid_body",
  form: "invalid_body",
  header: "invalid_header",
  cookie: "invalid_cookie",
};

/**
 * A router whose routes refuse what fails their schemas with 400 and the error shape, the code
 * naming the part at fault (`invalid_query`, `invalid_path`, `invalid_body`).
 */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new ApiError(400, INVALID_CODES[result.target] ?? "invalid_request", describeIssues(result.error));
      }
    },
  });
}

/** What each error status means on this API, for the document. */
const ERROR_MEANINGS = {
  400: "The request is malformed or fails its schema.",
  401: "Missing or wrong API key, or an unknown site key.",
  403: "The Origin is not one of the site's.",
  404: "Nothing with that id has been seen.",
  409: "The request conflicts with what is stored (an id used by something else, an ambiguous name): see `code`.",
  413: "The body is too large.",
  415: "The body's media type is not one the route takes.",
  429: "Rate limited: retry after `Retry-After` seconds.",
  503: "Storage is unavailable, or the collector is misconfigured: retry after `Retry-After` seconds.",
} as const;

/** The error answers a route may give, each with the error shape, for `createRoute`'s `responses`. */
export function errorResponses<S extends keyof typeof ERROR_MEANINGS>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: ERROR_MEANINGS[status], content: { "application/json": { schema: errorResponseSchema } } },
    ]),
  ) as unknown as Record<
    S,
    { description: string; content: { "application/json": { schema: typeof errorResponseSchema } } }
  >;
}

/**
 * Registers `schema` as the document's component `name`, written by zod itself as JSON Schema
 * 2020-12 (the dialect of OpenAPI 3.1), and returns a reference to it. For schemas the OpenAPI
 * generator cannot read: the wire format drops unusable traits with `.catch()`, which zod
 * describes and zod-to-openapi does not.
 */
export function registerJsonSchema(
  router: OpenAPIHono<AppEnv>,
  name: string,
  schema: z.ZodType,
  io: "input" | "output",
): { $ref: string } {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, target: "draft-2020-12" });
  // Both sides are JSON Schema 2020-12; the two libraries' TypeScript types differ only in detail.
  router.openAPIRegistry.registerComponent("schemas", name, json as never);
  return { $ref: `#/components/schemas/${name}` };
}
