import { env } from "cloudflare:workers";
import { defaultModel, type ErrorResponse } from "@embudo/shared";
import { afterEach, describe, expect, it, vi } from "vitest";
import committed from "../../client/openapi.json";
import { makeBatch, makeEvent, newId, ORIGIN, storedCount } from "../../test/requests.ts";
import { app } from "../app.ts";
import { ConfigError, loadConfig } from "../config.ts";

/** Sends a request to the app with `overrides` in place of the Worker's bindings. */
function requestWith(overrides: Partial<Env>, path: string, init: RequestInit = {}) {
  return app.request(`http://collector.test${path}`, init, { ...env, ...overrides });
}

/** Every route of the API document, as a request with its path parameters filled in. */
function documentedRequests(): Array<[string, string]> {
  return Object.entries(committed.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method): [string, string] => [method.toUpperCase(), path.replace("{visitorId}", newId())]),
  );
}

const broken: Array<[string, Partial<Env>, string]> = [
  ["a model that is not JSON", { EMBUDO_MODEL: "{not json" }, "EMBUDO_MODEL"],
  ["a model with a wrong value", { EMBUDO_MODEL: { ...defaultModel, id: "no-version" } }, "EMBUDO_MODEL"],
  ["sites that are not JSON", { EMBUDO_SITES: "{" as never }, "EMBUDO_SITES"],
  ["a site with origins that are not a list", { EMBUDO_SITES: { demo: { origins: "*" } } }, "EMBUDO_SITES"],
];

describe("a broken configuration", () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(broken)(
    "(%s) makes every route answer 503 misconfigured, and stores nothing",
    async (_, overrides, variable) => {
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      for (const [method, path] of documentedRequests()) {
        const response = await requestWith(overrides, path, {
          method,
          headers: { Authorization: "Bearer test-api-key", "Content-Type": "application/json" },
          ...(method === "POST" ? { body: "{}" } : {}),
        });
        expect(response.status, `${method} ${path}`).toBe(503);
        const body = (await response.json()) as ErrorResponse;
        expect(body.error.code).toBe("misconfigured");
        expect(body.error.message).toContain(variable);
      }

      const visitor = newId();
      const ingestion = await requestWith(overrides, "/v1/events", {
        method: "POST",
        headers: { "Content-Type": "text/plain", Origin: ORIGIN },
        body: JSON.stringify(makeBatch([makeEvent(visitor)])),
      });
      expect(ingestion.status).toBe(503);
      expect(await storedCount(visitor)).toBe(0);
      // The log says what is wrong, once per value rather than once per request.
      const lines = logged.mock.calls.map((call) => String(call[0])).filter((line) => line.includes(variable));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^configuration error: ${variable} is not (valid|a valid model)`));
    },
  );

  it("is named by loadConfig with the variable and the fault", () => {
    expect(() => loadConfig({ EMBUDO_MODEL: { ...defaultModel, id: "no-version" } })).toThrow(ConfigError);
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => loadConfig({ EMBUDO_MODEL: "{" })).toThrow("EMBUDO_MODEL is not valid JSON");
  });

  it("reads how webhooks are sent, and names a bad value", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(loadConfig({}).webhooks).toEqual({
      allowPrivate: false,
      retrySeconds: [5, 300, 1800, 7200, 18_000, 36_000, 36_000],
    });
    expect(loadConfig({ EMBUDO_WEBHOOK_ALLOW_PRIVATE: "1", EMBUDO_WEBHOOK_RETRY_SECONDS: "1,2" }).webhooks).toEqual({
      allowPrivate: true,
      retrySeconds: [1, 2],
    });
    expect(() => loadConfig({ EMBUDO_WEBHOOK_ALLOW_PRIVATE: "yes" })).toThrow(
      'EMBUDO_WEBHOOK_ALLOW_PRIVATE must be 1 or 0, not "yes"',
    );
    expect(() => loadConfig({ EMBUDO_WEBHOOK_RETRY_SECONDS: "5,5m" })).toThrow(
      /^EMBUDO_WEBHOOK_RETRY_SECONDS must be seconds/,
    );
  });

  it("recovers once the value is fixed", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await requestWith({ EMBUDO_MODEL: "{" }, "/health")).status).toBe(503);
    expect((await requestWith({}, "/health")).status).toBe(200);
  });
});
