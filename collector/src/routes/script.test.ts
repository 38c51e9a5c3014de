import type { ErrorResponse } from "@embudo/shared";
import { describe, expect, it } from "vitest";
import { request } from "../../test/requests.ts";

const fetchScript = (headers: Record<string, string> = {}) => request("/embudo.js", { headers });

describe("GET /embudo.js", () => {
  // `pnpm test` builds the tracker first; the collector serves sdk/dist as static assets.
  it("serves the tracker's script-tag build with caching and CORS headers", async () => {
    const response = await fetchScript();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toMatch(/public, max-age=3600/);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = await response.text();
    expect(body).toContain("/v1/events");
    expect(body.length).toBeGreaterThan(1000);
  });

  it("revalidates with the ETag instead of sending the script again", async () => {
    const etag = (await fetchScript()).headers.get("ETag");
    expect(etag).toBeTruthy();
    const again = await fetchScript({ "If-None-Match": etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });
});

describe("GET /health", () => {
  it("answers without a key", async () => {
    const response = await request("/health");
    expect(await response.json()).toEqual({ ok: true });
  });

  it("answers unknown routes with a JSON 404", async () => {
    const response = await request("/v1/nothing");
    expect(response.status).toBe(404);
    expect(((await response.json()) as ErrorResponse).error.code).toBe("not_found");
  });
});
