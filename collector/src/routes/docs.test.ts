import { describe, expect, it } from "vitest";
import committed from "../../client/openapi.json";
import { request } from "../../test/requests.ts";

describe("GET /openapi.json", () => {
  it("answers the committed document without a key", async () => {
    const response = await request("/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(committed);
  });
});

describe("GET /docs", () => {
  it("serves the API reference with a strict Content-Security-Policy and its own script", async () => {
    const response = await request("/docs");
    expect(response.status).toBe(200);
    const html = await response.text();
    const policy = response.headers.get("Content-Security-Policy") ?? "";
    const nonce = /script-src 'nonce-([\w-]+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    // Every script the page runs is the collector's own, and carries this response's nonce.
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
    expect(html).toContain('src="/docs/scalar.js"');
    expect(html).toContain("/openapi.json");
    // A fresh nonce per response.
    const again = (await request("/docs")).headers.get("Content-Security-Policy");
    expect(again).not.toBe(policy);
  });

  it("serves the reference's script from the collector's assets", async () => {
    const response = await request("/docs/scalar.js");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect((await response.text()).length).toBeGreaterThan(100_000);
  });
});
