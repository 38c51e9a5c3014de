import { readFileSync } from "node:fs";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { documentText, schemaTypesText } from "../client/generate.ts";
import { app } from "./app.ts";

const committed = (file: string) => readFileSync(new URL(`../client/${file}`, import.meta.url), "utf8");
const document = JSON.parse(documentText()) as {
  paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
  components: { securitySchemes: Record<string, unknown> };
};

/** "METHOD /path" of every route the app answers, in the document's path syntax. */
function answeredRoutes(): string[] {
  const routes = app.routes
    // Middleware mounted on "*" paths is not a route; every handler of a route repeats its entry.
    // The dashboard's pages are for people, not programs: they are no part of the API.
    .filter((route) => route.method !== "ALL" && !route.path.startsWith("/dashboard"))
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`);
  return [...new Set(routes)].sort();
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const parsed = await SwaggerParser.validate(structuredClone(document) as never);
    expect((parsed as { openapi?: string }).openapi).toBe("3.1.0");
  });

  it("lists every route the app answers, and none it does not", () => {
    const documented = Object.entries(document.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(answeredRoutes().length).toBeGreaterThanOrEqual(9);
    expect(documented).toEqual(answeredRoutes());
  });

  it("describes the error answers and the bearer scheme", () => {
    expect(document.components.securitySchemes.bearerAuth).toEqual(expect.objectContaining({ scheme: "bearer" }));
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        const successes = Object.keys(operation.responses).filter((status) => status >= "200" && status < "300");
        expect(successes, `${where} documents its success`).toHaveLength(1);
        const errors = Object.keys(operation.responses).filter((status) => status >= "400");
        expect(errors, `${where} documents its errors`).not.toHaveLength(0);
        if (operation.security) expect(errors, `${where} documents 401`).toContain("401");
      }
    }
    const leads = document.paths["/v1/leads"]?.get;
    expect(leads?.security).toEqual([{ bearerAuth: [] }]);
    expect(JSON.stringify(leads?.responses["200"])).toContain("#/components/schemas/LeadsPage");
  });

  it("documents the batch with every event type", () => {
    const text = JSON.stringify(document);
    for (const type of ["content_view", "pricing_view", "download", "form_submit", "identify", "custom"]) {
      expect(text).toContain(`"const":"${type}"`);
    }
  });

  it("is committed as generated, and so are the client's types (pnpm --filter @embudo/collector openapi)", async () => {
    expect(committed("openapi.json")).toBe(documentText());
    expect(committed("schema.d.ts")).toBe(await schemaTypesText(committed("openapi.json")));
  });
});
