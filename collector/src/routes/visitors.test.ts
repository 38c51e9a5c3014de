import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { LISTED_LIMITS, VISITOR_ANSWER_LIMITS, type WireEvent } from "@embudo/shared";
import { describe, expect, it } from "vitest";
import type { Schema } from "../../client/index.ts";
import {
  api,
  errorCode,
  eventually,
  KEY,
  makeBatch,
  makeEvent,
  newId,
  postEvents,
  request,
  sendAsTheyHappened,
  sendInBatches,
  storedCount,
} from "../../test/requests.ts";
import { DETAIL_DELAY_MS as INDEX_DETAIL_DELAY_MS } from "../objects/derived-write.ts";
import { personStub } from "../objects/object-naming.ts";
import { QUOTA_REFUSAL, VISITOR_QUOTA } from "../objects/visitor/visitor-quota.ts";

const DAY = 86_400_000;

/** Points after `days` of halving every 30 days (the default model's half-life), as the API rounds them. */
const decayed = (points: number, days: number) => points * 2 ** (-days / 30);

type Qualification = Schema<"Qualification">;

async function qualification(visitorId: string): Promise<Qualification> {
  const { data, response } = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId } } });
  expect(response.status).toBe(200);
  return data!;
}

/** Sales feedback; `body` may be invalid on purpose, so it is not held to the document's type. */
function feedback(visitorId: string, body: object) {
  return api.POST("/v1/visitors/{visitorId}/feedback", {
    params: { path: { visitorId } },
    body: body as Schema<"FeedbackRequest">,
  });
}

/** The lead with `email` as `GET /v1/leads` lists it. */
async function listed(visitorId: string, email: string) {
  const { data } = await api.GET("/v1/leads", { params: { query: { email } } });
  return data?.items.find((item) => item.visitorId === visitorId);
}

async function indexedStage(visitorId: string, email: string): Promise<string | undefined> {
  return (await listed(visitorId, email))?.stage;
}

/** Waits for the index to list the lead at `stage`: it hears from the lead's object a moment later. */
async function indexedAs(visitorId: string, email: string, stage: string): Promise<void> {
  await eventually(
    () => indexedStage(visitorId, email),
    (indexed) => indexed === stage,
  );
}

/** One visitor's journey over ten days: each day a session of its own, sent as the SDK would. */
function tenDayJourney(visitor: string, now: number) {
  // Its own email: every visitor that gives one email is one person, and tests must not merge.
  const email = `ana.${visitor.toLowerCase()}@acme-corp.test`;
  const day = (daysAgo: number, overrides: Partial<WireEvent>) =>
    makeEvent(visitor, { sessionId: newId(), ts: now - daysAgo * DAY, ...overrides } as Partial<WireEvent>);
  const session10 = newId();
  return {
    email,
    views: [
      makeEvent(visitor, { sessionId: session10, ts: now - 10 * DAY, url: "https://acme.test/blog/abm" }),
      makeEvent(visitor, {
        sessionId: session10,
        ts: now - 10 * DAY + 60_000,
        url: "https://acme.test/blog/lead-scoring",
      }),
    ],
    newsletter: day(9, {
      type: "form_submit",
      url: "https://acme.test/blog/abm",
      formId: "newsletter",
      intent: "newsletter",
      traits: { email },
    } as Partial<WireEvent>),
    caseStudy: day(5, { url: "https://acme.test/case-studies/globex", stage: "evaluation" }),
    whitepaper: day(5, {
      type: "download",
      url: "https://acme.test/case-studies/globex",
      href: "https://acme.test/files/whitepaper.pdf",
      stage: "evaluation",
    } as Partial<WireEvent>),
    pricing: day(1, { type: "pricing_view", url: "https://acme.test/pricing", stage: undefined }),
    demo: day(1, {
      type: "form_submit",
      url: "https://acme.test/demo",
      stage: "decision",
      formId: "demo-request",
      intent: "demo",
      traits: { email, company: "Acme Corp", jobTitle: "VP Marketing", companySize: "200" },
    } as Partial<WireEvent>),
  };
}

/** Sends a journey's events in their order, each as it happened (see `sendAsTheyHappened`); none is refused. */
async function sendJourney(events: WireEvent[]): Promise<void> {
  await sendAsTheyHappened(events, async (batch) => {
    expect(await (await postEvents(makeBatch(batch))).json()).toMatchObject({ rejected: [] });
  });
}

describe("GET /v1/visitors/:visitorId", () => {
  it("reads back a journey spread over ten days: stage, scores, reasons and stage history", async () => {
    const visitor = newId();
    const now = Date.now();
    const j = tenDayJourney(visitor, now);
    // Sent out of order: the latest days first, then the earlier ones, each batch on time.
    await sendJourney([j.pricing, j.demo, j.caseStudy]);
    await sendJourney([...j.views, j.newsletter, j.whitepaper]);

    const q = await qualification(visitor);
    expect(q.stage).toBe("sql");
    expect(q.model).toBe("default@2");
    // Fit: business email 20 + senior title 30 + company size ≥ 50 25 + company named 15.
    expect(q.score.fit).toBe(90);
    // Engagement: every event's points halved every 30 days, return visits on days 9, 5 and 1.
    const expected =
      decayed(2 * 3, 10) +
      decayed(20, 9) +
      decayed(6, 5) +
      decayed(16, 5) +
      decayed(15, 1) +
      decayed(20, 1) +
      decayed(5, 9) +
      decayed(5, 5) +
      decayed(5, 1);
    expect(q.score.engagement).toBeCloseTo(expected, 0);
    expect(q.score.byStage.evaluation).toBeCloseTo(decayed(6, 5) + decayed(16, 5), 0);
    expect(q.score.byStage.decision).toBeCloseTo(decayed(15, 1) + decayed(20, 1), 0);
    expect(q.intent).toBe("decision");
    expect(q.identity).toMatchObject({ email: j.email, company: "Acme Corp", jobTitle: "VP Marketing" });
    expect(q.counts).toEqual({ sessions: 4, contentViews: 3, downloads: 1, pricingViews: 1, forms: 2 });

    const reason = (eventId: string) => q.reasons.find((r) => r.eventId === eventId && r.kind === "engagement");
    expect(reason(j.pricing.id)).toMatchObject({ rule: "pricing_view", points: expect.closeTo(decayed(15, 1), 1) });
    expect(reason(j.demo.id)).toMatchObject({ rule: "form_submit", points: expect.closeTo(decayed(20, 1), 1) });
    expect(reason(j.whitepaper.id)).toMatchObject({ rule: "download", stage: "evaluation" });
    const points = q.reasons.map((r) => Math.abs(r.points));
    expect(points).toEqual([...points].sort((a, b) => b - a));

    expect(q.stageHistory.map((h) => [h.stage, h.reason])).toEqual([
      ["anonymous", "content_view /blog/abm"],
      ["mql", "form_submit newsletter"],
      ["sql", "form_submit demo"],
    ]);
    // Times are the events' own, moved by the few milliseconds between making and sending a batch.
    const near = (iso: string, ts: number) => Date.parse(iso) - ts;
    expect(near(q.stageHistory[2]!.at, j.demo.ts)).toBeGreaterThanOrEqual(0);
    expect(near(q.stageHistory[2]!.at, j.demo.ts)).toBeLessThan(1_000);
    expect(near(q.firstSeen, j.views[0]!.ts)).toBeLessThan(1_000);
    await indexedAs(visitor, j.email, "sql");
  });

  it("says where the lead came from: the first touch and the latest session's", async () => {
    const visitor = newId();
    const start = Date.now() - 3 * DAY;
    await postEvents(
      makeBatch([
        // Parameters that are not attribution are stripped at the door; the utm tags stay.
        makeEvent(visitor, {
          ts: start,
          url: "https://acme.test/blog/abm/?utm_source=LinkedIn&utm_medium=paid_social&utm_campaign=q4-abm&token=x",
          referrer: "https://www.linkedin.com/",
        }),
        makeEvent(visitor, { ts: start + 60_000, url: "https://acme.test/pricing", referrer: "https://acme.test/" }),
        makeEvent(visitor, {
          ts: start + 2 * DAY,
          url: "https://acme.test/compare",
          referrer: "https://www.bing.com/",
        }),
      ]),
    );
    const { source } = await qualification(visitor);
    expect(source).toEqual({
      first: {
        channel: "paid_social",
        source: "linkedin",
        medium: "paid_social",
        campaign: "q4-abm",
        landingPage: "/blog/abm",
        referrer: "https://www.linkedin.com/",
        at: expect.any(String),
      },
      latest: {
        channel: "organic_search",
        source: "www.bing.com",
        medium: null,
        campaign: null,
        landingPage: "/compare",
        referrer: "https://www.bing.com/",
        at: expect.any(String),
      },
    });
    // Times as sent, give or take the correction for the client's clock (sentAt).
    expect(Math.abs(Date.parse(source!.first.at) - start)).toBeLessThan(5_000);
    expect(Date.parse(source!.latest.at) - Date.parse(source!.first.at)).toBe(2 * DAY);
  });

  it("answers 404 for a visitor never seen and 400 for an id that is not a ULID", async () => {
    const missing = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: newId() } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.error.code).toBe("visitor_not_found");
    const malformed = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: "not-an-id" } } });
    expect(malformed.response.status).toBe(400);
    expect(malformed.error?.error.code).toBe("invalid_path");
  });
});

describe("GET /v1/visitors/:visitorId/events", () => {
  /** Every page of a visitor's timeline, `limit` at a time; `between` runs after the first page. */
  async function allPages(visitorId: string, limit: number, between?: () => Promise<unknown>) {
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { data, response } = await api.GET("/v1/visitors/{visitorId}/events", {
        params: { path: { visitorId }, query: { limit, ...(cursor ? { cursor } : {}) } },
      });
      expect(response.status).toBe(200);
      expect(data!.items.length).toBeLessThanOrEqual(limit);
      ids.push(...data!.items.map((event) => event.id));
      cursor = data!.nextCursor ?? undefined;
      if (pages++ === 0) await between?.();
    } while (cursor);
    return { ids, pages };
  }

  it("pages through the raw events newest first, each once, while new ones arrive", async () => {
    const visitor = newId();
    const now = Date.now();
    // Two events in one millisecond: the id breaks the tie.
    const events = [0, 1, 2, 3, 3, 4].map((minute) =>
      makeEvent(visitor, { ts: now - 10 * 60_000 + minute * 60_000, url: `https://acme.test/p${minute}` }),
    );
    await postEvents(makeBatch([...events].reverse()));
    const late = makeEvent(visitor, { url: "https://acme.test/late" });
    const { ids, pages } = await allPages(visitor, 2, () => postEvents(makeBatch([late])));
    // The late event is newer than every cursor: it belongs to the next read from the top.
    expect(ids).toEqual(events.map((event) => event.id).reverse());
    expect(pages).toBe(3);
    const { data } = await api.GET("/v1/visitors/{visitorId}/events", { params: { path: { visitorId: visitor } } });
    expect(data!.items.map((event) => event.id)).toEqual([late.id, ...ids]);
    // Stored as kept: skew-corrected time, where and when it arrived.
    expect(data!.items[1]).toMatchObject({
      id: events[5]!.id,
      type: "content_view",
      visitorId: visitor,
      url: "https://acme.test/p4",
      site: "demo",
      receivedAt: expect.any(Number),
      clientTs: events[5]!.ts,
    });
  });

  it("refuses an unknown visitor, a cursor it did not make and an unknown parameter", async () => {
    const missing = await api.GET("/v1/visitors/{visitorId}/events", { params: { path: { visitorId: newId() } } });
    expect(missing.response.status).toBe(404);
    const visitor = newId();
    await postEvents(makeBatch([makeEvent(visitor)]));
    const badCursor = await api.GET("/v1/visitors/{visitorId}/events", {
      params: { path: { visitorId: visitor }, query: { cursor: "bm90LW91cnM" } },
    });
    expect(badCursor.error?.error.code).toBe("invalid_cursor");
    // A cursor of another listing is not one of this timeline.
    const leadsCursor = btoa(JSON.stringify([Date.now(), "visitor:x"])).replace(/=+$/, "");
    const wrongKind = await api.GET("/v1/visitors/{visitorId}/events", {
      params: { path: { visitorId: visitor }, query: { cursor: leadsCursor } },
    });
    expect(wrongKind.error?.error.code).toBe("invalid_cursor");
    const unknown = await request(`/v1/visitors/${visitor}/events?since=yesterday`, {
      headers: { Authorization: `Bearer ${KEY}` },
    });
    expect(unknown.status).toBe(400);
  });
});

describe("the leads index", () => {
  it("lists what the visitor's qualification says, details within INDEX_DETAIL_DELAY_MS", async () => {
    const visitor = newId();
    const email = "fresh@rows.test";
    const page = "https://acme.test/blog/abm";
    await postEvents(makeBatch([makeEvent(visitor, { type: "identify", traits: { email } } as Partial<WireEvent>)]));
    await postEvents(makeBatch([makeEvent(visitor, { url: page, ts: Date.now() - 1_000 })]));
    const before = (await eventually(
      () => listed(visitor, email),
      (row) => row?.counts.contentViews === 1,
      15_000,
    ))!;
    // The same page again, the same day: no points, so stage and scores stay; last seen moves.
    const sentAt = Date.now();
    await postEvents(makeBatch([makeEvent(visitor, { url: page })]));
    // The visitor gave an email: its person's object scores it and keeps the row.
    const stub = personStub(env.PEOPLE, { space: "demo", email });
    const alarm = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
    expect(alarm).not.toBeNull();
    expect(alarm!).toBeLessThanOrEqual(sentAt + INDEX_DETAIL_DELAY_MS + 1_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    // The alarm staged the row; the index queue delivers it a moment later.
    const after = (await eventually(
      () => listed(visitor, email),
      (row) => row?.lastSeen !== before.lastSeen,
    ))!;
    const live = await qualification(visitor);
    expect(after.stage).toBe(before.stage);
    expect(after.score).toEqual(before.score);
    expect(after.lastSeen).not.toBe(before.lastSeen);
    expect(after).toEqual({ ...live, score: after.score, reasons: after.reasons });
    expect(after.reasonsTotal).toBe(live.reasonsTotal);
  });

  it("writes a change of stage at once", async () => {
    const visitor = newId();
    const email = "at-once@rows.test";
    await postEvents(makeBatch([makeEvent(visitor)]));
    await postEvents(makeBatch([makeEvent(visitor, { type: "identify", traits: { email } } as Partial<WireEvent>)]));
    // An identification moves the visitor to its person just after the request (see `#share`).
    await eventually(
      () => listed(visitor, email),
      (row) => row?.stage === "iql",
    );
  });
});

describe("the leads index under concurrent ingestion", () => {
  it("ends at the newest state of the visitor, whatever order the writes finish in", async () => {
    const visitor = newId();
    const email = "race@globex-corp.test";
    await postEvents(makeBatch([makeEvent(visitor, { type: "identify", traits: { email } } as Partial<WireEvent>)]));
    const events = Array.from({ length: 10 }, (_, i) => [
      makeEvent(visitor, { url: `https://acme.test/blog/post-${i}` }),
      makeEvent(visitor, { type: "download", href: `https://acme.test/files/guide-${i}.pdf` } as Partial<WireEvent>),
    ]).flat();
    await Promise.all(events.map((event) => postEvents(makeBatch([event]))));
    // Engagement reaches its cap of 100 on the way, so the last events may move only counts:
    // details that the alarm writes within INDEX_DETAIL_DELAY_MS.
    await runDurableObjectAlarm(personStub(env.PEOPLE, { space: "demo", email }));
    const indexed = (await eventually(
      () => listed(visitor, email),
      (row) => row?.counts.contentViews === 10 && row.counts.downloads === 10,
    ))!;
    const live = await qualification(visitor);
    expect(indexed.score.engagement).toBeCloseTo(live.score.engagement, 0);
  });
});

describe("automated browsers", () => {
  it("are stored but not scored on a site that does not opt in, and scored on one that does", async () => {
    const onAcme = newId();
    const bot = (visitor: string, overrides: Partial<WireEvent> = {}) =>
      makeEvent(visitor, { automation: true, url: "https://www.acme.test/blog/abm", ...overrides });
    const sent = await postEvents(makeBatch([bot(onAcme)], { site: "acme" }), { origin: "https://www.acme.test" });
    expect(await sent.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect(await storedCount(onAcme)).toBe(1);
    expect(
      (await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: onAcme } } })).response.status,
    ).toBe(404);
    expect((await feedback(onAcme, { outcome: "accepted" })).response.status).toBe(404);

    // The same visitor in a real browser: only the real event counts.
    await postEvents(
      makeBatch([makeEvent(onAcme, { url: "https://www.acme.test/blog/other-post" })], { site: "acme" }),
      {
        origin: "https://www.acme.test",
      },
    );
    const real = await qualification(onAcme);
    expect(real.counts.contentViews).toBe(1);
    expect(real.reasons.filter((r) => r.kind === "engagement").map((r) => r.note)).toEqual([
      expect.stringContaining("/blog/other-post"),
    ]);

    const onDemo = newId();
    await postEvents(makeBatch([bot(onDemo)]));
    expect((await qualification(onDemo)).counts.contentViews).toBe(1);
  });
});

describe("text from browsers, read back through the API", () => {
  it("comes back plain: paths as sent, no hidden characters", async () => {
    const visitor = newId();
    const markup = makeEvent(visitor, { url: "https://acme.test/blog/%3Cimg%20src=x%20onerror=alert(1)%3E" });
    const reversed = makeEvent(visitor, { type: "custom", name: "demo_\u202erequest" } as Partial<WireEvent>);
    const titled = makeEvent(visitor, { title: "Pricing\u200b\u202e", url: "https://acme.test/about" });
    const response = await postEvents(makeBatch([markup, reversed, titled]));
    expect(await response.json()).toMatchObject({ accepted: 2, rejected: [{ index: 1, code: "invalid_event" }] });
    const text = JSON.stringify(await qualification(visitor));
    expect(text).not.toMatch(/[<>\u200b\u202e]/);
    expect(text).toContain("view /blog/%3cimg%20src=x%20onerror=alert(1)%3e");
  });
});

describe("a long history", () => {
  it("keeps a lead's row and its listing small when the stage flips hundreds of times", async () => {
    const visitor = newId();
    const email = "flip@history.test";
    const start = Date.now() - 800 * 1_000;
    // The attack as reported: identify events flipping the job title between Student and CEO.
    await sendInBatches(
      Array.from({ length: 800 }, (_, i) =>
        makeEvent(visitor, {
          type: "identify",
          ts: start + i * 1_000,
          traits: { email, jobTitle: i % 2 ? "CEO" : "Student" },
        } as Partial<WireEvent>),
      ),
    );
    // Every batch ends on the same stage, so the history is a detail the alarm writes.
    await runDurableObjectAlarm(personStub(env.PEOPLE, { space: "demo", email }));
    const lead = (await eventually(
      () => listed(visitor, email),
      (row) => (row?.stageHistoryTotal ?? 0) > 700,
    ))!;
    const row = await env.DB.prepare("SELECT length(qualification) AS bytes FROM leads WHERE visitor_id = ?")
      .bind(visitor)
      .first<{ bytes: number }>();
    expect(row!.bytes).toBeLessThan(32 * 1024);
    expect(lead.stageHistory).toHaveLength(LISTED_LIMITS.stageHistory);
    expect(lead.stageHistoryTotal).toBeGreaterThan(700);
    const full = await qualification(visitor);
    expect(full.stageHistory).toHaveLength(VISITOR_ANSWER_LIMITS.stageHistory);
    expect(full.stageHistoryTotal).toBe(lead.stageHistoryTotal);
    // The latest changes are the ones kept, oldest first.
    expect(full.stageHistory.at(-1)).toEqual(lead.stageHistory.at(-1));
  });

  it("keeps the visitor's answer small with hundreds of reasons, the largest first", async () => {
    const visitor = newId();
    await sendInBatches(
      Array.from({ length: 600 }, (_, i) =>
        makeEvent(visitor, { type: "download", href: `https://acme.test/files/guide-${i}.pdf` } as Partial<WireEvent>),
      ),
    );
    const { data, response } = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: visitor } } });
    expect(data!.reasons).toHaveLength(VISITOR_ANSWER_LIMITS.reasons);
    expect(data!.reasonsTotal).toBe(600);
    expect(Number(response.headers.get("Content-Length") ?? JSON.stringify(data).length)).toBeLessThan(128 * 1024);
  });

  it("refuses a visitor's events past its daily quota, per event, and still answers duplicates", async () => {
    const visitor = newId();
    const first = Array.from({ length: VISITOR_QUOTA.perDay }, (_, i) =>
      makeEvent(visitor, { url: `https://acme.test/blog/post-${i}` }),
    );
    await sendInBatches(first);
    const past = [makeEvent(visitor), first[0]!, makeEvent(newId())];
    const response = await postEvents(makeBatch(past));
    expect(await response.json()).toEqual({
      accepted: 1,
      duplicates: 1,
      rejected: [{ index: 0, ...QUOTA_REFUSAL }],
    });
    expect(await storedCount(visitor)).toBe(VISITOR_QUOTA.perDay);
  });
});

describe("a visitor id belongs to the site it was first seen on", () => {
  it("refuses another site's events for it, per event, and changes nothing (the cross-site rewrite)", async () => {
    const visitor = newId();
    const j = tenDayJourney(visitor, Date.now());
    await sendJourney([...j.views, j.newsletter, j.caseStudy, j.whitepaper, j.pricing, j.demo]);
    const lead = await qualification(visitor);
    expect(lead.stage).toBe("sql");
    const stored = await storedCount(visitor);

    // The attack as it was reported: one identify under site B's public key, as a student.
    const hijack = makeEvent(visitor, {
      type: "identify",
      url: "https://www.acme.test/",
      traits: { email: "mallory@evil.test", jobTitle: "Student" },
    } as Partial<WireEvent>);
    const valid = makeEvent(newId(), { url: "https://www.acme.test/blog/abm" });
    const response = await postEvents(makeBatch([valid, hijack], { site: "acme" }), {
      origin: "https://www.acme.test",
    });
    expect(await response.json()).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [{ index: 1, code: "site_mismatch", message: "this visitor id belongs to another site" }],
    });

    const after = await qualification(visitor);
    expect(after).toEqual({ ...lead, score: after.score, reasons: after.reasons });
    expect(after.identity.email).toBe(j.email);
    expect(await storedCount(visitor)).toBe(stored);
    const inDemo = await api.GET("/v1/leads", { params: { query: { site: "demo", email: j.email } } });
    expect(inDemo.data?.items.map((item) => item.visitorId)).toContain(visitor);
    const inAcme = await api.GET("/v1/leads", { params: { query: { site: "acme" } } });
    expect(inAcme.data?.items.map((item) => item.visitorId)).not.toContain(visitor);
  });
});

describe("POST /v1/visitors/:visitorId/feedback", () => {
  it("recycles a rejected SQL to MQL until a new hand-raise, and disqualifies on request", async () => {
    const visitor = newId();
    const j = tenDayJourney(visitor, Date.now());
    await sendJourney([...j.views, j.newsletter, j.caseStudy, j.whitepaper, j.pricing, j.demo]);
    expect((await qualification(visitor)).stage).toBe("sql");

    const rejected = await feedback(visitor, { outcome: "rejected", reason: "not ready" });
    expect(rejected.response.status).toBe(200);
    const recycled = rejected.data!;
    expect(recycled.stage).toBe("mql");
    expect(recycled.stageHistory.at(-1)).toMatchObject({ stage: "mql", reason: "sales rejected: not ready" });
    await indexedAs(visitor, j.email, "mql");

    // More reading does not reopen the engagement path; a new hand-raise does.
    await postEvents(makeBatch([makeEvent(visitor, { url: "https://acme.test/blog/more" })]));
    expect((await qualification(visitor)).stage).toBe("mql");
    const raise = makeEvent(visitor, {
      type: "custom",
      name: "demo_request",
      url: "https://acme.test/demo",
    } as Partial<WireEvent>);
    await postEvents(makeBatch([raise]));
    const again = await qualification(visitor);
    expect(again.stage).toBe("sql");
    expect(again.stageHistory.at(-1)).toMatchObject({ stage: "sql", reason: "demo_request" });

    const disqualified = (await feedback(visitor, { outcome: "disqualified", reason: "competitor" })).data!;
    expect(disqualified.stage).toBe("disqualified");
    await indexedAs(visitor, j.email, "disqualified");
  });

  it.each([
    ["an unknown outcome", { outcome: "maybe" }],
    ["no outcome", { reason: "x" }],
    ["an extra field", { outcome: "accepted", score: 100 }],
  ])("refuses %s with 400 and changes nothing", async (_, body) => {
    const visitor = newId();
    await postEvents(makeBatch([makeEvent(visitor)]));
    const { response, error } = await feedback(visitor, body);
    expect(response.status).toBe(400);
    expect(error?.error.code).toBe("invalid_body");
    expect(await storedCount(visitor)).toBe(1);
  });

  it("answers 404 for a visitor never seen", async () => {
    expect((await feedback(newId(), { outcome: "accepted" })).response.status).toBe(404);
  });

  it("answers 409 id_conflict for an id reused with another verdict or taken by an event, recording nothing", async () => {
    const visitor = newId();
    const view = makeEvent(visitor);
    await postEvents(makeBatch([view]));
    const id = newId();
    expect((await feedback(visitor, { id, outcome: "rejected", reason: "not ready" })).response.status).toBe(200);
    for (const clash of [
      { id, outcome: "accepted" },
      { id, outcome: "rejected", reason: "another reason" },
      { id: view.id, outcome: "accepted" },
    ]) {
      const { response, error } = await feedback(visitor, clash);
      expect(response.status, JSON.stringify(clash)).toBe(409);
      expect(error?.error.code).toBe("id_conflict");
    }
    const q = await qualification(visitor);
    expect(q.reasons.filter((reason) => reason.kind === "sales").map((reason) => reason.rule)).toEqual([
      "sales:rejected",
    ]);
    expect(await storedCount(visitor)).toBe(2);
  });

  it("refuses a body over 4 KiB with 413 before reading it", async () => {
    const visitor = newId();
    await postEvents(makeBatch([makeEvent(visitor)]));
    const response = await request(`/v1/visitors/${visitor}/feedback`, {
      method: "POST",
      headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({ outcome: "accepted", reason: "x".repeat(20 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(await errorCode(response)).toBe("payload_too_large");
    expect(await storedCount(visitor)).toBe(1);
  });

  it("records a retried verdict once when the client gives it an id", async () => {
    const visitor = newId();
    const j = tenDayJourney(visitor, Date.now());
    await sendJourney([...j.views, j.newsletter, j.caseStudy, j.whitepaper, j.pricing, j.demo]);
    const verdict = { id: newId(), outcome: "rejected", reason: "not ready" };
    expect((await feedback(visitor, verdict)).data?.stage).toBe("mql");
    // The lead raises a hand again; then the first request's retry arrives.
    await postEvents(makeBatch([makeEvent(visitor, { type: "custom", name: "demo_request" } as Partial<WireEvent>)]));
    const retried = (await feedback(visitor, verdict)).data!;
    expect(retried.stage).toBe("sql");
    expect(retried.reasons.filter((r) => r.rule === "sales:rejected")).toHaveLength(1);
  });
});

describe("decay without new events", () => {
  it("moves the indexed stage when the pricing window closes, through the Durable Object's alarm", async () => {
    const visitor = newId();
    const now = Date.now();
    const closesIn = 3_000;
    const email = "lee@initech-corp.test";
    const events = [
      makeEvent(visitor, {
        type: "identify",
        traits: { email, jobTitle: "Chief Revenue Officer" },
      } as Partial<WireEvent>),
      // A pricing view that leaves the 14-day window in three seconds.
      makeEvent(visitor, { type: "pricing_view", url: "https://acme.test/pricing", ts: now - 14 * DAY + closesIn }),
      // Ten decision-stage pages today: engagement well over 70.
      ...Array.from({ length: 10 }, (_, i) =>
        makeEvent(visitor, { url: `https://acme.test/security/${i}`, stage: "decision" }),
      ),
    ];
    await sendJourney(events);
    const before = await qualification(visitor);
    expect(before.stage).toBe("sql");
    expect(before.score.engagement).toBeGreaterThanOrEqual(70);
    await indexedAs(visitor, email, "sql");

    await new Promise((resolve) => setTimeout(resolve, closesIn + 500));
    // The alarm may have fired on its own already; either way, after it the index has moved.
    await runDurableObjectAlarm(personStub(env.PEOPLE, { space: "demo", email }));
    await indexedAs(visitor, email, "mql");
    const after = await qualification(visitor);
    expect(after.stage).toBe("mql");
    expect(after.stageHistory.at(-1)).toMatchObject({
      stage: "mql",
      reason: expect.stringMatching(/pricing view older than 14 days/),
    });
  }, 20_000);
});
