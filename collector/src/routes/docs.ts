import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import { z } from "zod";
import { scriptAssetResponses, serveAsset } from "../assets.ts";
import type { AppEnv } from "../env.ts";
import { DOCUMENT_INFO, errorResponses } from "../openapi.ts";

const documentRoute = createRoute({
  method: "get",
  path: "/openapi.json",
  summary: "This API's OpenAPI document",
  description: "OpenAPI 3.1, generated from the same zod schemas that validate the requests.",
  tags: ["Documentation"],
  responses: {
    200: {
      description: "The OpenAPI document.",
      content: { "application/json": { schema: z.looseObject({ openapi: z.string(), info: z.looseObject({}) }) } },
    },
    ...errorResponses(503),
  },
});

const referenceRoute = createRoute({
  method: "get",
  path: "/docs",
  summary: "API reference",
  description: "The OpenAPI document rendered by Scalar, served from this collector (no third-party script).",
  tags: ["Documentation"],
  responses: {
    200: { description: "An HTML page.", content: { "text/html": { schema: { type: "string" } } } },
    ...errorResponses(503),
  },
});

const referenceScriptRoute = createRoute({
  method: "get",
  path: "/docs/scalar.js",
  summary: "The API reference's script",
  description: "Scalar's standalone bundle, a static asset of this collector.",
  tags: ["Documentation"],
  responses: scriptAssetResponses("JavaScript."),
});

/**
 * Adds `GET /openapi.json` (the document of every route `app` declares), `GET /docs` (Scalar's
 * reference, under a strict Content-Security-Policy) and the reference's script to `app`. The
 * document is built once per isolate: routes do not change while it runs.
 */
export function addDocumentation(app: OpenAPIHono<AppEnv>): void {
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  app.openapi(documentRoute, (c) => {
    document ??= app.getOpenAPI31Document(DOCUMENT_INFO);
    return c.json(document, 200);
  });

  app.openapi(referenceRoute, async (c) => {
    const nonce = crypto.randomUUID();
    c.header(
      "Content-Security-Policy",
      `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; ` +
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    const render = Scalar<AppEnv>({
      url: "/openapi.json",
      cdn: "/docs/scalar.js",
      pageTitle: "Embudo API",
      nonce,
      // A dozen operations: show them all rather than one tag at a time.
      defaultOpenAllTags: true,
      // Nothing that calls Scalar's hosted services (fonts, AI agent, MCP, deploy toolbar, telemetry):
      // the CSP would block them, and a reference that may hold an API key should not need them.
      withDefaultFonts: false,
      agent: { disabled: true },
      mcp: { disabled: true },
      showDeveloperTools: "never",
      telemetry: false,
    });
    return (await render(c, async () => {})) as Response;
  });

  app.openapi(referenceScriptRoute, (c) =>
    serveAsset(c, "/docs/scalar.js", {
      contentType: "text/javascript; charset=utf-8",
      cacheControl: "public, max-age=86400",
    }),
  );
}
