import { env } from "cloudflare:workers";
import type { ErrorResponse, IngestResponse, WireEvent } from "@embudo/shared";
import { LIMITS } from "@embudo/shared";
import { describe, expect, it } from "vitest";
import {
  awaitFreshWindow,
  makeBatch,
  makeEvent,
  newClient,
  newId,
  ORIGIN,
  postEvents,
  request,
  storedCount,
  storedEvents,
} from "../../test/requests.ts";
import { RATE_LIMIT_PERIOD_SECONDS } from "../config.ts";
import { correctClockSkew } from "./events.ts";

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("Content-Type")).toMatch(/application\/json/);
  const body = (await response.json()) as ErrorResponse;
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

describe("POST /v1/events", () => {
  it("stores a valid batch once and reports every event of a resend as a duplicate", async () => {
    const visitor = newId();
    const events = [makeEvent(visitor), makeEvent(visitor, { type: "pricing_view", url: "https://acme.test/pricing" })];
    const batch = makeBatch(events);

    const first = await postEvents(batch);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await storedCount(visitor)).toBe(2);

    const again = await postEvents(batch);
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    expect(await storedCount(visitor)).toBe(2);
  });

  it("keeps only what attribution needs of every address, whatever the client sent", async () => {
    const visitor = newId();
    const response = await postEvents(
      makeBatch([
        makeEvent(visitor, {
          url: "https://acme.test/welcome?email=ana%40acme.test&utm_source=ads&gclid=Cj0#access_token=ya29.abc",
          referrer: "https://ana:hunter2@mail.example/reset?token=s3cr3t",
        }),
        makeEvent(visitor, {
          type: "download",
          href: "https://acme.test/files/guide.pdf?signature=abc&utm_campaign=q4",
        } as Partial<WireEvent>),
      ]),
    );
    expect(await response.json()).toMatchObject({ accepted: 2, rejected: [] });
    const stored = await storedEvents(visitor);
    expect(stored.map((event) => [event.url, event.referrer, event.href])).toEqual([
      ["https://acme.test/welcome?utm_source=ads&gclid=Cj0", "https://mail.example/reset", undefined],
      [expect.any(String), undefined, "https://acme.test/files/guide.pdf?utm_campaign=q4"],
    ]);
    const everything = JSON.stringify(stored);
    for (const secret of ["ana%40acme", "ya29", "hunter2", "s3cr3t", "signature"])
      expect(everything).not.toContain(secret);
  });

  it("flags the events of a headless browser as automation, as the tracker flags webdriver", async () => {
    const [headless, browser] = [newId(), newId()];
    const ua = (product: string) => `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 ${product}/140.0 Safari/537.36`;
    await postEvents(makeBatch([makeEvent(headless)]), { headers: { "User-Agent": ua("HeadlessChrome") } });
    await postEvents(makeBatch([makeEvent(browser)]), { headers: { "User-Agent": ua("Chrome") } });
    expect((await storedEvents(headless))[0]).toMatchObject({ automation: true });
    expect((await storedEvents(browser))[0]).not.toHaveProperty("automation");
  });

  it("stores the valid events of a mixed batch and names the invalid ones", async () => {
    const visitor = newId();
    const events = [
      makeEvent(visitor),
      makeEvent(visitor, { type: "download" } as never), // no href
      makeEvent(visitor, { type: "custom", name: "demo_request" } as never),
      { ...makeEvent(visitor), id: "not-a-ulid" },
      makeEvent(visitor, { type: "identify", traits: { email: "ana@acme.test" } } as never),
    ];
    const response = await postEvents(makeBatch(events));
    expect(response.status).toBe(200);
    const body = (await response.json()) as IngestResponse;
    expect(body.accepted).toBe(3);
    expect(body.rejected.map((r) => r.index)).toEqual([1, 3]);
    expect(body.rejected[0]).toMatchObject({ code: "invalid_event", message: expect.stringContaining("href") });
    expect(body.rejected[1]).toMatchObject({ code: "invalid_event", message: expect.stringContaining("id") });
    expect(await storedCount(visitor)).toBe(3);
  });

  it("refuses an event whose time, corrected by sentAt, would fall before 2020", async () => {
    const visitor = newId();
    const event = makeEvent(visitor, { ts: Date.UTC(2020, 0, 2) });
    const response = await postEvents(makeBatch([event], { sentAt: Number.MAX_SAFE_INTEGER }));
    expect(await response.json()).toMatchObject({ accepted: 0, rejected: [{ index: 0, code: "invalid_time" }] });
    expect(await storedCount(visitor)).toBe(0);
  });

  it("splits a batch over its visitors", async () => {
    const [a, b] = [newId(), newId()];
    const response = await postEvents(makeBatch([makeEvent(a), makeEvent(b), makeEvent(a)]));
    expect(await response.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    expect([await storedCount(a), await storedCount(b)]).toEqual([2, 1]);
  });

  it("counts an event repeated inside one batch once", async () => {
    const visitor = newId();
    const event = makeEvent(visitor);
    const response = await postEvents(makeBatch([event, event]));
    expect(await response.json()).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
  });

  it("stores every event exactly once under 50 concurrent requests for one visitor", async () => {
    const visitor = newId();
    const events = Array.from({ length: 50 }, () => makeEvent(visitor));
    const client = newClient();
    // Each request carries its own event plus its neighbour's, so half of all sends are duplicates.
    const responses = await Promise.all(
      events.map((event, i) => postEvents(makeBatch([event, events[(i + 1) % events.length]]), { client })),
    );
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as Array<{
      accepted: number;
      duplicates: number;
    }>;
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(bodies.reduce((n, b) => n + b.accepted, 0)).toBe(50);
    expect(bodies.reduce((n, b) => n + b.duplicates, 0)).toBe(50);
    expect(await storedCount(visitor)).toBe(50);
  });

  it("accepts application/json and requests without an Origin (server-side senders)", async () => {
    const visitor = newId();
    const response = await postEvents(makeBatch([makeEvent(visitor)]), {
      origin: null,
      headers: { "Content-Type": "application/json" },
    });
    expect(response.status).toBe(200);
    expect(await storedCount(visitor)).toBe(1);
  });

  describe("whole-request errors change nothing", () => {
    const visitor = newId();
    const valid = () => makeBatch([makeEvent(visitor)]);
    const cases: Array<[string, () => Promise<Response>, number, string]> = [
      ["malformed JSON", () => postEvents('{"site": "demo", "events": [}'), 400, "malformed_json"],
      ["an empty body", () => postEvents(""), 400, "empty_body"],
      ["a body that is an array", () => postEvents(JSON.stringify([valid()])), 400, "invalid_batch"],
      ["a body that is a string", () => postEvents('"hello"'), 400, "invalid_batch"],
      ["a batch without sentAt", () => postEvents({ ...valid(), sentAt: undefined }), 400, "invalid_batch"],
      ["invalid UTF-8", () => postEvents(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 400, "invalid_encoding"],
      ["an unknown site", () => postEvents({ ...valid(), site: "nobody" }), 401, "unknown_site"],
      ["a foreign origin", () => postEvents(valid(), { origin: "https://evil.test" }), 403, "origin_not_allowed"],
      [
        "101 events",
        () => postEvents(makeBatch(Array.from({ length: LIMITS.maxEventsPerBatch + 1 }, () => makeEvent(visitor)))),
        413,
        "too_many_events",
      ],
      [
        "a 65 KiB body",
        () => postEvents(makeBatch([makeEvent(visitor, { title: "x".repeat(65 * 1024) })])),
        413,
        "payload_too_large",
      ],
    ];

    it.each(cases)("%s", async (_, send, status, code) => {
      const response = await send();
      // Allowed origins can read every refusal, so the tracker drops what will never succeed.
      if (code !== "origin_not_allowed") expect(response.headers.get("Access-Control-Allow-Origin")).toBe(ORIGIN);
      await expectError(response, status, code);
      expect(await storedCount(visitor)).toBe(0);
    });
  });

  it("answers a flood past the rate limit with 429 and Retry-After, and stores nothing from it", async () => {
    const visitor = newId();
    const client = newClient();
    const { limit, period } = env.TEST_LIMITS.INGEST_LIMITER;
    await awaitFreshWindow(period, 10);
    // Spend the client's budget with bodies that are not even JSON: counted before anything is
    // read, so a flood of garbage costs its sender the same as a flood of events.
    let refusedAsMalformed = 0;
    for (let round = 0; round * 50 < limit; round++) {
      const responses = await Promise.all(Array.from({ length: 50 }, () => postEvents("{not json", { client })));
      refusedAsMalformed += responses.filter((r) => r.status === 400).length;
    }
    expect(refusedAsMalformed).toBe(limit);

    const refused = await postEvents(makeBatch([makeEvent(visitor)]), { client });
    await expectError(refused.clone(), 429, "rate_limited");
    // The wait the limiter's window may take: wrangler.jsonc's period, which the code repeats once.
    expect(Number(refused.headers.get("Retry-After"))).toBe(RATE_LIMIT_PERIOD_SECONDS);
    for (const { period: each } of Object.values(env.TEST_LIMITS)) expect(RATE_LIMIT_PERIOD_SECONDS).toBe(each);
    // A browser tracker can read the refusal and its Retry-After across origins.
    expect(refused.headers.get("Access-Control-Allow-Origin")).toBe(ORIGIN);
    expect(refused.headers.get("Access-Control-Expose-Headers")).toMatch(/Retry-After/i);
    expect(await storedCount(visitor)).toBe(0);

    // Another client of the same site is unaffected.
    const other = await postEvents(makeBatch([makeEvent(visitor)]));
    expect(other.status).toBe(200);
    expect(await storedCount(visitor)).toBe(1);
  }, 60_000);

  it("answers CORS preflights for allowed origins only, without credentials", async () => {
    const preflight = (origin: string) =>
      request("/v1/events", {
        method: "OPTIONS",
        headers: { Origin: origin, "Access-Control-Request-Method": "POST" },
      });
    const allowed = await preflight("http://127.0.0.1:4000");
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe("http://127.0.0.1:4000");
    expect(allowed.headers.get("Access-Control-Allow-Credentials")).toBeNull();
    const foreign = await preflight("https://evil.test");
    expect(foreign.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});

describe("correctClockSkew", () => {
  const received = Date.UTC(2026, 10, 22, 12);
  const hour = 3_600_000;
  it.each([
    ["a client clock an hour behind", received - hour - 10_000, received - hour, received - 10_000],
    ["a client clock an hour ahead", received + hour - 10_000, received + hour, received - 10_000],
    ["a correct clock", received - 10_000, received, received - 10_000],
    ["an event stamped after its batch was sent", received + 5_000, received, received],
  ])("moves %s onto the collector's clock", (_, ts, sentAt, expected) => {
    expect(correctClockSkew(ts, sentAt, received)).toBe(expected);
  });
});
