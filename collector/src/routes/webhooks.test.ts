import { exports } from "cloudflare:workers";
import { MAX_WEBHOOK_ENDPOINTS, type WireEvent } from "@embudo/shared";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEmbudoClient } from "../../client/index.ts";
import {
  errorCode,
  eventually,
  get,
  KEY,
  makeBatch,
  makeEvent,
  newClient,
  newId,
  postEvents,
  request,
} from "../../test/requests.ts";
import { CONCURRENT_ATTEMPTS } from "../webhooks/webhooks-object.ts";

/**
 * The typed client, each request from its own client address: these tests poll while retries run,
 * and would spend a single client's read budget.
 */
const api = createEmbudoClient({
  baseUrl: "http://collector.test",
  apiKey: KEY,
  fetch: (req: Request) => {
    req.headers.set("CF-Connecting-IP", newClient());
    return exports.default.fetch(req);
  },
});

/** What a receiver got: the URL, the three Standard Webhooks headers, the body as sent. */
interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** When the request reached the receiver (ms). */
  at: number;
}

/**
 * Receivers on `https://*.receiver.test`, answering from a script per URL (a status, or "hang":
 * no answer, as the 15 s limit ends it). Everything else goes to the real fetch.
 */
const received: Received[] = [];
const scripts = new Map<string, Array<number | "hang" | "slow" | Response>>();

/** How long a "slow" receiver takes to answer: well inside the 15 s limit, far past a quick one. */
const SLOW_MS = 3_000;

/** How many "slow" requests are under way, and the most there ever were at once. */
const slowAtOnce = { now: 0, most: 0 };
const realFetch = globalThis.fetch;
beforeAll(() => {
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const req = new Request(input as RequestInfo, init);
    if (!new URL(req.url).hostname.endsWith(".receiver.test")) return realFetch(input as RequestInfo, init);
    received.push({ url: req.url, headers: Object.fromEntries(req.headers), body: await req.text(), at: Date.now() });
    const next = scripts.get(req.url)?.shift() ?? 200;
    if (next === "hang") throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
    if (next === "slow") {
      slowAtOnce.now++;
      slowAtOnce.most = Math.max(slowAtOnce.most, slowAtOnce.now);
      await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
      slowAtOnce.now--;
      return new Response(null, { status: 200 });
    }
    return next instanceof Response ? next : new Response(null, { status: next });
  });
});
afterAll(() => {
  vi.restoreAllMocks();
});

/** A new endpoint on its own receiver URL, answering `script` then 200s. */
async function endpoint(
  options: { script?: Array<number | "hang" | "slow" | Response>; stages?: string[]; events?: string[] } = {},
) {
  const url = `https://crm-${newId().toLowerCase()}.receiver.test/hooks`;
  scripts.set(url, [...(options.script ?? [])]);
  const { data, response, error } = await api.POST("/v1/webhooks", {
    body: {
      url,
      description: "test receiver",
      ...(options.stages ? { stages: options.stages as never } : {}),
      ...(options.events ? { events: options.events as never } : {}),
    },
  });
  expect(response.status, JSON.stringify(error)).toBe(201);
  return data!;
}

const to = (url: string) => received.filter((r) => r.url === url);

/** A visitor who identifies, then asks for a demo: stage changes iql, then sql. */
async function qualifyLead(domain = "initech-corp.test") {
  const visitor = newId();
  const email = `lead.${visitor.toLowerCase()}@${domain}`;
  await postEvents(makeBatch([makeEvent(visitor, { type: "identify", traits: { email } } as Partial<WireEvent>)]));
  // Separate batches, one change each: changes within one score collapse into one.
  await eventually(
    async () => (await api.GET("/v1/stage-changes", { params: { query: { limit: 200 } } })).data!.items,
    (items) => items.some((item) => item.email === email),
  );
  await postEvents(
    makeBatch([
      makeEvent(visitor, {
        type: "form_submit",
        url: "https://acme.test/demo",
        formId: "demo-request",
        intent: "demo",
        traits: { email, jobTitle: "VP Marketing", company: "Initech", companySize: "200" },
      } as Partial<WireEvent>),
    ]),
  );
  return { visitor, email };
}

async function deliveries(id: string, query: { status?: "pending" | "succeeded" | "failed" } = {}) {
  const { data, response } = await api.GET("/v1/webhooks/{id}/deliveries", {
    params: { path: { id }, query: { limit: 200, ...query } },
  });
  expect(response.status).toBe(200);
  return data!.items;
}

describe("webhook endpoints", () => {
  it("are created with a secret shown once, listed and read without it, and removed", async () => {
    const created = await endpoint({ stages: ["mql", "sql"] });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^wh_/),
      events: ["lead.stage_changed", "account.stage_changed", "lead.erased"],
      stages: ["mql", "sql"],
      description: "test receiver",
      disabled: false,
      secret: expect.stringMatching(/^whsec_/),
    });
    const { data: one } = await api.GET("/v1/webhooks/{id}", { params: { path: { id: created.id } } });
    expect(one).not.toHaveProperty("secret");
    const { data: all } = await api.GET("/v1/webhooks");
    expect(all!.items.map((item) => item.id)).toContain(created.id);
    expect(JSON.stringify(all)).not.toContain(created.secret);

    const removed = await api.DELETE("/v1/webhooks/{id}", { params: { path: { id: created.id } } });
    expect(removed.response.status).toBe(204);
    const gone = await api.GET("/v1/webhooks/{id}", { params: { path: { id: created.id } } });
    expect(gone.response.status).toBe(404);
    expect(gone.error?.error.code).toBe("webhook_not_found");
  });

  it.each([
    ["http://crm.example.com/in", /https/],
    ["https://127.0.0.1/in", /public host/],
    ["https://10.0.0.8/in", /public host/],
    ["https://localhost:8443/in", /public host/],
    ["https://[::1]/in", /public host/],
  ])("refuses %s without EMBUDO_WEBHOOK_ALLOW_PRIVATE", async (url, message) => {
    const { response, error } = await api.POST("/v1/webhooks", { body: { url } });
    expect(response.status).toBe(400);
    expect(error?.error.code).toBe("invalid_webhook_url");
    expect(error?.error.message).toMatch(message);
  });

  it("hide the credentials of a URL in every answer, and deliver to it as given", async () => {
    const host = `crm-${newId().toLowerCase()}.receiver.test`;
    const url = `https://bob:s3cret-pass@${host}/hooks`;
    const { data: created } = await api.POST("/v1/webhooks", { body: { url } });
    expect(created!.url).toBe(`https://***:***@${host}/hooks`);
    const { data: all } = await api.GET("/v1/webhooks");
    const { data: one } = await api.GET("/v1/webhooks/{id}", { params: { path: { id: created!.id } } });
    expect(JSON.stringify([all, one])).not.toContain("s3cret-pass");
    await api.POST("/v1/webhooks/{id}/test", { params: { path: { id: created!.id } } });
    await eventually(
      async () => to(url),
      (got) => got.length === 1,
    );
    await api.DELETE("/v1/webhooks/{id}", { params: { path: { id: created!.id } } });
  });

  it(`are at most ${MAX_WEBHOOK_ENDPOINTS}: one more is refused until one is deleted`, async () => {
    const { data: before } = await api.GET("/v1/webhooks");
    const made: string[] = [];
    for (let i = before!.items.length; i < MAX_WEBHOOK_ENDPOINTS; i++) made.push((await endpoint()).id);
    const refused = await api.POST("/v1/webhooks", { body: { url: "https://one-more.receiver.test/hooks" } });
    expect(refused.response.status).toBe(409);
    expect(refused.error?.error.code).toBe("too_many_webhooks");
    for (const id of made) await api.DELETE("/v1/webhooks/{id}", { params: { path: { id } } });
    const again = await api.POST("/v1/webhooks", { body: { url: "https://one-more.receiver.test/hooks" } });
    expect(again.response.status).toBe(201);
    await api.DELETE("/v1/webhooks/{id}", { params: { path: { id: again.data!.id } } });
  });

  it("refuses unknown fields, events and stages, and every call without the key", async () => {
    for (const body of [
      { url: "https://crm.example.com/in", event: ["lead.stage_changed"] },
      { url: "https://crm.example.com/in", events: ["lead.created"] },
      { url: "https://crm.example.com/in", stages: ["hot"] },
    ]) {
      const { response } = await api.POST("/v1/webhooks", { body: body as never });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect((await get("/v1/webhooks")).status).toBe(401);
    const unauthorized = await request("/v1/webhooks", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ url: "https://crm.example.com/in" }),
    });
    expect(unauthorized.status).toBe(401);
    const badId = await get("/v1/webhooks/nope/deliveries", KEY);
    expect(badId.status).toBe(400);
    expect(await errorCode(badId)).toBe("invalid_path");
  });
});

describe("stage-change deliveries", () => {
  it("reach the receiver signed, verified by the standardwebhooks library, with rising sequences", async () => {
    const hook = await endpoint({ events: ["lead.stage_changed"] });
    const { visitor, email } = await qualifyLead();
    const mine = await eventually(
      async () => to(hook.url).filter((r) => r.body.includes(email)),
      (found) => found.length === 2,
    );
    const verifier = new Webhook(hook.secret);
    const payloads = mine.map(
      (r) => verifier.verify(r.body, r.headers) as { type: string; data: Record<string, unknown> },
    );
    expect(payloads.map((p) => [p.type, p.data.previousStage, p.data.stage, p.data.sequence])).toEqual([
      ["lead.stage_changed", null, "iql", 1],
      ["lead.stage_changed", "iql", "sql", 2],
    ]);
    expect(payloads[1]!.data).toMatchObject({
      visitorId: visitor,
      visitorIds: [visitor],
      email,
      reason: "form_submit demo",
      rule: expect.stringContaining("hand-raise"),
      qualification: { stage: "sql", visitorId: visitor },
    });
    // Each message has its own id, and a tampered body fails verification.
    expect(new Set(mine.map((r) => r.headers["webhook-id"])).size).toBe(2);
    expect(() => verifier.verify(mine[0]!.body.replace('"iql"', '"sql"'), mine[0]!.headers)).toThrow();
    await eventually(
      () => deliveries(hook.id, { status: "succeeded" }),
      (items) => items.length >= 2,
    );
  });

  it("go only to endpoints that want the new stage", async () => {
    const sqlOnly = await endpoint({ stages: ["sql"], events: ["lead.stage_changed"] });
    const { email } = await qualifyLead();
    const got = await eventually(
      async () => to(sqlOnly.url).filter((r) => r.body.includes(email)),
      (found) => found.length === 1,
    );
    expect(JSON.parse(got[0]!.body).data.stage).toBe("sql");
  });

  it("tell an account's receivers when the account changes stage", async () => {
    const hook = await endpoint({ events: ["account.stage_changed"] });
    const domain = `acct-${newId().toLowerCase()}.test`;
    await qualifyLead(domain);
    const got = await eventually(
      async () => to(hook.url).filter((r) => r.body.includes(domain)),
      (found) => found.some((r) => JSON.parse(r.body).data.stage !== "known"),
    );
    const verifier = new Webhook(hook.secret);
    const first = verifier.verify(got[0]!.body, got[0]!.headers) as { type: string; data: Record<string, unknown> };
    expect(first).toMatchObject({ type: "account.stage_changed", data: { domain, previousStage: null, sequence: 1 } });
  });
});

describe("retries", () => {
  it("give a receiver that fails twice the same message three times, then succeed", async () => {
    const hook = await endpoint({ script: [500, 503] });
    const test = await api.POST("/v1/webhooks/{id}/test", { params: { path: { id: hook.id } } });
    expect(test.response.status).toBe(202);
    const [done] = await eventually(
      () => deliveries(hook.id),
      (items) => items[0]?.status === "succeeded",
      10_000,
    );
    expect(done).toMatchObject({ type: "webhook.test", attempts: 3, lastStatus: 200, nextAttemptAt: null });
    const attempts = to(hook.url);
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((r) => r.headers["webhook-id"]))).toEqual(new Set([done!.messageId]));
    // Each attempt is signed afresh, and each verifies.
    for (const attempt of attempts) expect(new Webhook(hook.secret).verify(attempt.body, attempt.headers)).toBeTruthy();
  });

  it("wait as long as the receiver's Retry-After asks", async () => {
    const hook = await endpoint({ script: [new Response(null, { status: 429, headers: { "Retry-After": "3" } })] });
    await api.POST("/v1/webhooks/{id}/test", { params: { path: { id: hook.id } } });
    const [waiting] = await eventually(
      () => deliveries(hook.id),
      (items) => items[0]?.attempts === 1,
    );
    expect(waiting!.lastStatus).toBe(429);
    const wait = Date.parse(waiting!.nextAttemptAt!) - Date.parse(waiting!.lastAttemptAt!);
    expect(wait).toBeGreaterThanOrEqual(3_000);
    expect(wait).toBeLessThan(4_000);
  });

  it("never make one endpoint wait for another's slow receiver", async () => {
    const slow = await endpoint({ script: ["slow"] });
    const quick = await endpoint();
    await api.POST("/v1/webhooks/{id}/test", { params: { path: { id: slow.id } } });
    // The slow receiver has its request and is taking its time.
    await eventually(
      async () => received.filter((r) => r.url.includes(new URL(slow.url).hostname)).length,
      (n) => n === 1,
    );
    const asked = Date.now();
    await api.POST("/v1/webhooks/{id}/test", { params: { path: { id: quick.id } } });
    await eventually(
      () => deliveries(quick.id, { status: "succeeded" }),
      (items) => items.length === 1,
      SLOW_MS * 2,
    );
    expect(Date.now() - asked).toBeLessThan(SLOW_MS / 2);
    // And the slow one is recorded too, once its receiver answered.
    await eventually(
      () => deliveries(slow.id, { status: "succeeded" }),
      (items) => items.length === 1,
      SLOW_MS * 2,
    );
  }, 15_000);

  it("send one endpoint one request at a time, the oldest first", async () => {
    const hook = await endpoint({ script: ["slow"] });
    const first = await api.POST("/v1/webhooks/{id}/test", { params: { path: { id: hook.id } } });
    const second = await api.POST("/v1/webhooks/{id}/test", { params: { path: { id: hook.id } } });
    await eventually(
      () => deliveries(hook.id, { status: "succeeded" }),
      (items) => items.length === 2,
      SLOW_MS * 3,
    );
    const got = to(received.find((r) => r.url.includes(new URL(hook.url).hostname))!.url);
    expect(got.map((r) => r.headers["webhook-id"])).toEqual([first.data!.messageId, second.data!.messageId]);
    // The second went once the first, slow, had its answer.
    expect(got[1]!.at - got[0]!.at).toBeGreaterThanOrEqual(SLOW_MS - 50);
  }, 15_000);

  it(`make at most ${CONCURRENT_ATTEMPTS} requests at once, and every one of them in the end`, async () => {
    const hooks = await Promise.all(
      Array.from({ length: CONCURRENT_ATTEMPTS + 2 }, () => endpoint({ script: ["slow"] })),
    );
    slowAtOnce.most = 0;
    for (const hook of hooks) await api.POST("/v1/webhooks/{id}/test", { params: { path: { id: hook.id } } });
    for (const hook of hooks) {
      await eventually(
        () => deliveries(hook.id, { status: "succeeded" }),
        (items) => items.length === 1,
        SLOW_MS * 4,
      );
    }
    expect(slowAtOnce.most).toBe(CONCURRENT_ATTEMPTS);
    for (const hook of hooks) await api.DELETE("/v1/webhooks/{id}", { params: { path: { id: hook.id } } });
  }, 20_000);

  it("end a delivery to a receiver that never answers as failed, with every attempt counted", async () => {
    const hook = await endpoint({ script: ["hang", "hang", "hang"] });
    await api.POST("/v1/webhooks/{id}/test", { params: { path: { id: hook.id } } });
    const [failed] = await eventually(
      () => deliveries(hook.id),
      (items) => items[0]?.status === "failed",
      10_000,
    );
    // The first attempt and one per retry of the schedule (two, in tests).
    expect(failed).toMatchObject({ attempts: 3, lastStatus: null, nextAttemptAt: null });
    expect(to(hook.url)).toHaveLength(3);
  });

  it("stop at a 410: the endpoint is disabled and gets nothing more", async () => {
    const hook = await endpoint({ script: [410] });
    await api.POST("/v1/webhooks/{id}/test", { params: { path: { id: hook.id } } });
    await eventually(
      () => deliveries(hook.id),
      (items) => items[0]?.status === "failed",
    );
    const { data } = await api.GET("/v1/webhooks/{id}", { params: { path: { id: hook.id } } });
    expect(data).toMatchObject({ disabled: true, disabledReason: expect.stringContaining("410") });
    const { email } = await qualifyLead();
    await eventually(
      async () => (await api.GET("/v1/stage-changes", { params: { query: { limit: 200 } } })).data!.items,
      (items) => items.some((item) => item.email === email && item.stage === "sql"),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(to(hook.url)).toHaveLength(1);
  });
});

describe("replay and rotation", () => {
  it("replays a delivery with the same webhook-id", async () => {
    const hook = await endpoint();
    await api.POST("/v1/webhooks/{id}/test", { params: { path: { id: hook.id } } });
    const [done] = await eventually(
      () => deliveries(hook.id),
      (items) => items[0]?.status === "succeeded",
    );
    const replay = await api.POST("/v1/webhooks/{id}/deliveries/{deliveryId}/replay", {
      params: { path: { id: hook.id, deliveryId: done!.id } },
    });
    expect(replay.response.status).toBe(202);
    await eventually(
      async () => to(hook.url),
      (found) => found.length === 2,
    );
    const [first, again] = to(hook.url);
    expect(again!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
    expect(again!.body).toBe(first!.body);
    const missing = await api.POST("/v1/webhooks/{id}/deliveries/{deliveryId}/replay", {
      params: { path: { id: hook.id, deliveryId: `dlv_${newId()}` } },
    });
    expect(missing.response.status).toBe(404);
  });

  it("signs with the new secret after a rotation, and with the old one beside it for a while", async () => {
    const hook = await endpoint();
    const { data: rotated, response } = await api.POST("/v1/webhooks/{id}/rotate", {
      params: { path: { id: hook.id } },
    });
    expect(response.status).toBe(200);
    expect(rotated!.secret).not.toBe(hook.secret);
    await api.POST("/v1/webhooks/{id}/test", { params: { path: { id: hook.id } } });
    const [delivered] = await eventually(
      async () => to(hook.url),
      (found) => found.length === 1,
    );
    expect(new Webhook(rotated!.secret).verify(delivered!.body, delivered!.headers)).toBeTruthy();
    expect(new Webhook(hook.secret).verify(delivered!.body, delivered!.headers)).toBeTruthy();
    expect(() =>
      new Webhook(`whsec_${btoa("not the secret at all!!!")}`).verify(delivered!.body, delivered!.headers),
    ).toThrow();
  });
});
