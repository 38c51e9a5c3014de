import type { ErrorResponse } from "@embudo/shared";
import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeBatch, makeEvent, newClient, newId, postEvents, request } from "../../test/requests.ts";
import { app as collector } from "../app.ts";
import type { AppEnv } from "../env.ts";
import { onError } from "../errors.ts";
import { DOCUMENT_INFO } from "../openapi.ts";
import { requireApiKey } from "./api-key.ts";
import { requireConfig } from "./config.ts";

const KEY = "test-api-key"; // the binding vitest.config.ts gives the Worker

/** What the examples address: a visitor that sent events, and a webhook endpoint with a delivery. */
interface Subjects {
  visitorId: string;
  webhookId: string;
  deliveryId: string;
}

/**
 * A valid request to each route the API document says needs the key, keyed "METHOD /path", in
 * the order they are sent (removing the webhook endpoint and erasing people come last).
 */
const examples: Record<string, (s: Subjects) => Array<[string, string, string | undefined]>> = {
  "GET /v1/visitors/{visitorId}": ({ visitorId }) => [["GET", `/v1/visitors/${visitorId}`, undefined]],
  "GET /v1/visitors/{visitorId}/events": ({ visitorId }) => [["GET", `/v1/visitors/${visitorId}/events`, undefined]],
  "POST /v1/visitors/{visitorId}/claim": ({ visitorId }) => [
    ["POST", `/v1/visitors/${visitorId}/claim`, JSON.stringify({ decision: "confirmed" })],
  ],
  "POST /v1/visitors/{visitorId}/feedback": ({ visitorId }) => [
    ["POST", `/v1/visitors/${visitorId}/feedback`, JSON.stringify({ outcome: "rejected", reason: "not ready" })],
  ],
  "GET /v1/leads": () => [
    ["GET", "/v1/leads", undefined],
    ["GET", "/v1/leads?stage=mql", undefined],
    ["GET", "/v1/leads?email=ana@acme.test", undefined],
  ],
  "GET /v1/stage-changes": () => [
    ["GET", "/v1/stage-changes", undefined],
    ["GET", "/v1/stage-changes?stage=sql&site=demo", undefined],
  ],
  "PUT /v1/costs": () => [
    ["PUT", "/v1/costs", JSON.stringify({ items: [{ month: "2026-10", source: "x", amount: 1, currency: "EUR" }] })],
  ],
  "GET /v1/reports/funnel": () => [["GET", "/v1/reports/funnel", undefined]],
  "GET /v1/reports/content": () => [["GET", "/v1/reports/content?limit=5", undefined]],
  "GET /v1/reports/sources": () => [["GET", "/v1/reports/sources?groupBy=channel", undefined]],
  "GET /v1/costs": () => [["GET", "/v1/costs?from=2026-01&to=2026-12", undefined]],
  "GET /v1/accounts/{domain}": () => [["GET", "/v1/accounts/key-check.test", undefined]],
  "GET /v1/accounts": () => [
    ["GET", "/v1/accounts", undefined],
    ["GET", "/v1/accounts?stage=mqa", undefined],
  ],
  "POST /v1/webhooks": () => [["POST", "/v1/webhooks", JSON.stringify({ url: "https://crm.example.com/hooks" })]],
  "GET /v1/webhooks": () => [["GET", "/v1/webhooks", undefined]],
  "GET /v1/webhooks/{id}": ({ webhookId }) => [["GET", `/v1/webhooks/${webhookId}`, undefined]],
  "POST /v1/webhooks/{id}/rotate": ({ webhookId }) => [["POST", `/v1/webhooks/${webhookId}/rotate`, undefined]],
  "POST /v1/webhooks/{id}/test": ({ webhookId }) => [["POST", `/v1/webhooks/${webhookId}/test`, undefined]],
  "GET /v1/webhooks/{id}/deliveries": ({ webhookId }) => [
    ["GET", `/v1/webhooks/${webhookId}/deliveries?status=pending`, undefined],
  ],
  "POST /v1/webhooks/{id}/deliveries/{deliveryId}/replay": ({ webhookId, deliveryId }) => [
    ["POST", `/v1/webhooks/${webhookId}/deliveries/${deliveryId}/replay`, undefined],
  ],
  "DELETE /v1/webhooks/{id}": ({ webhookId }) => [["DELETE", `/v1/webhooks/${webhookId}`, undefined]],
  "GET /v1/visitors/{visitorId}/export": ({ visitorId }) => [["GET", `/v1/visitors/${visitorId}/export`, undefined]],
  // The erasures come after every other use of their subjects.
  "DELETE /v1/visitors/{visitorId}": ({ visitorId }) => [["DELETE", `/v1/visitors/${visitorId}`, undefined]],
  "DELETE /v1/people": () => [["DELETE", "/v1/people?email=ana@key-check.test", undefined]],
};

/** The operations the document marks with the bearer scheme, as "METHOD /path". */
function securedOperations(): string[] {
  const document = collector.getOpenAPI31Document(DOCUMENT_INFO);
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { security?: unknown[] }>)
      .filter(([, operation]) => (operation.security?.length ?? 0) > 0)
      .map(([method]) => `${method.toUpperCase()} ${path}`),
  );
}

/** Every request of the qualification API, as [method, path, body]. */
function readRoutes(subjects: Subjects): Array<[string, string, string | undefined]> {
  return Object.values(examples).flatMap((example) => example(subjects));
}

/** Ids the refusals name: nothing needs to exist for a request to be refused. */
const NOBODY = { webhookId: `wh_${newId()}`, deliveryId: `dlv_${newId()}` };

describe("the API document's secured routes", () => {
  it("each have an example here, so the tests below cover every one of them", () => {
    expect(securedOperations().sort()).toEqual(Object.keys(examples).sort());
  });
});

/** One request, from a client of its own: these refusals must not spend a shared failure budget. */
function call(method: string, path: string, body: string | undefined, authorization?: string) {
  const headers: Record<string, string> = { "CF-Connecting-IP": newClient() };
  if (authorization !== undefined) headers.Authorization = authorization;
  if (body) headers["Content-Type"] = "application/json";
  return request(path, { method, headers, body });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the qualification API's key", () => {
  const visitor = newId();

  it.each([
    ["no Authorization header", undefined],
    ["an empty bearer", "Bearer "],
    ["a wrong key", "Bearer not-the-key"],
    ["the key with a suffix", `Bearer ${KEY}x`],
    ["the public site key", "Bearer demo"],
    ["the key as Basic auth", `Basic ${btoa(`${KEY}:`)}`],
  ])("refuses %s on every route", async (_, authorization) => {
    await postEvents(makeBatch([makeEvent(visitor)]));
    for (const [method, path, body] of readRoutes({ visitorId: visitor, ...NOBODY })) {
      const response = await call(method, path, body, authorization);
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
      const json = (await response.json()) as ErrorResponse;
      expect(json.error.code).toBe("unauthorized");
      expect(JSON.stringify(json)).not.toContain(KEY);
    }
  });

  it("lets the right key through on every route", async () => {
    // The webhook test delivery's receiver: answered here, so nothing leaves the test.
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, "fetch").mockImplementation((input, init) =>
      new Request(input as RequestInfo, init).url.startsWith("https://crm.example.com/")
        ? Promise.resolve(new Response(null, { status: 204 }))
        : realFetch(input as RequestInfo, init),
    );
    // A person of key-check.test, so its account exists too.
    const identify = makeEvent(visitor, { type: "identify", traits: { email: "ana@key-check.test" } } as never);
    await postEvents(makeBatch([makeEvent(visitor), identify]));
    // The person reports to its account from its alarm, right after the ingestion.
    for (let tries = 0; tries < 100; tries++) {
      if ((await call("GET", "/v1/accounts/key-check.test", undefined, `Bearer ${KEY}`)).status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const webhook = (await (
      await call("POST", "/v1/webhooks", JSON.stringify({ url: "https://crm.example.com/in" }), `Bearer ${KEY}`)
    ).json()) as { id: string };
    const delivery = (await (
      await call("POST", `/v1/webhooks/${webhook.id}/test`, undefined, `Bearer ${KEY}`)
    ).json()) as {
      id: string;
    };
    for (const [method, path, body] of readRoutes({
      visitorId: visitor,
      webhookId: webhook.id,
      deliveryId: delivery.id,
    })) {
      const response = await call(method, path, body, `Bearer ${KEY}`);
      expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(200);
      expect(response.status, `${method} ${path}`).toBeLessThan(300);
    }
  });

  it("leaves /health open", async () => {
    expect((await call("GET", "/health", undefined)).status).toBe(200);
  });
});

describe("requireApiKey", () => {
  const app = new Hono<AppEnv>()
    .use("*", requireConfig())
    .use("*", requireApiKey())
    .get("/", (c) => c.text("read"))
    .onError(onError);
  const sites = { demo: { origins: [] } };

  it("refuses every read when the deployment has no key", async () => {
    const response = await app.request("/", { headers: { Authorization: "Bearer anything" } }, {
      EMBUDO_SITES: sites,
    } as never);
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorResponse).error.message).toMatch(/no API key configured/);
  });

  it("refuses every read when the key equals a public site key", async () => {
    const response = await app.request("/", { headers: { Authorization: "Bearer demo" } }, {
      EMBUDO_SITES: sites,
      EMBUDO_API_KEY: "demo",
    } as never);
    expect(response.status).toBe(401);
  });

  it("accepts the configured key", async () => {
    const response = await app.request("/", { headers: { Authorization: "Bearer s3cret" } }, {
      EMBUDO_SITES: sites,
      EMBUDO_API_KEY: "s3cret",
    } as never);
    expect(await response.text()).toBe("read");
  });
});
