/**
 * A person erased at their request is gone, and stays gone. A reader becomes an SQL on the demo
 * site (a blog post, pricing, a demo request), and the export holds its events; it is erased
 * through `DELETE /v1/visitors/:visitorId`, which counts what went. Then the same browser page
 * browses on and submits forms with the same email: the collector refuses each of those events as
 * `suppressed` (read from its answers to the tracker's requests) and stores none, the API knows
 * nothing of the person any more, and a repeated erasure erases nothing.
 */
import type { EventRejection, IngestResponse, WireBatch, WireEvent } from "@embudo/shared";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { useBrowser } from "../support/use-browser.ts";
import { Visitor } from "../support/visitor.ts";

const { siteUrl, ...stack } = inject("e2e");
const browser = useBrowser();
const EMAIL = "dora@vandelay-corp.test";
const DEMO_REQUEST = {
  name: "Dora Vance",
  email: EMAIL,
  company: "Vandelay Industries",
  jobTitle: "VP Procurement",
  companySize: "200",
};

/** A batch the tracker posted, and the collector's answer to it. */
interface Answered {
  events: WireEvent[];
  answer: IngestResponse;
}

/** What the collector answered about one event: its batch's answer, and its rejection if any. */
interface Outcome {
  batch: Answered;
  rejection: EventRejection | undefined;
}

describe("a person erased at their request", () => {
  let dora: Visitor;
  let visitorId: string;
  /** The collector's answers to the tracker's `POST /v1/events`, in the order they arrived. */
  const answered: Answered[] = [];
  /** Posts that got no 200 answer with a body: each is a failure to report, not to skip. */
  const failedPosts: string[] = [];
  let exported: number;

  /** Waits until the collector has answered a batch that carried `event`, and returns what it said of it. */
  async function outcomeOf(event: WireEvent, timeoutMs = 10_000): Promise<Outcome> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      expect(failedPosts, "posts to /v1/events that failed").toEqual([]);
      const batch = answered.filter((candidate) => candidate.events.some((sent) => sent.id === event.id)).at(-1);
      if (batch) {
        const index = batch.events.findIndex((sent) => sent.id === event.id);
        return { batch, rejection: batch.answer.rejected.find((rejection) => rejection.index === index) };
      }
      if (Date.now() > deadline)
        throw new Error(`no answer to the batch carrying the ${event.type} of ${event.url} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Waits until the collector has answered about `event`, so that each step is answered before the next. */
  async function answeredAbout(event: Promise<WireEvent>): Promise<WireEvent> {
    const sent = await event;
    await outcomeOf(sent);
    return sent;
  }

  /**
   * Opens `url` and returns the new view the tracker sent: `visit()` returns the first view of a
   * URL ever sent, which for a page seen before erasure is the old one.
   */
  async function visitAgain(url: string): Promise<WireEvent> {
    const before = new Set(dora.sent.events.map((event) => event.id));
    await dora.page.goto(url);
    return dora.sent.waitFor(
      `a new view of ${url}`,
      (event) => event.url === url && event.type.endsWith("_view") && !before.has(event.id),
    );
  }

  beforeAll(async () => {
    dora = await Visitor.open(browser(), { siteUrl, ...stack });
    // The tracker never reads the answers to its posts, so Chromium never finishes loading them and
    // `response.json()` would wait forever: the posts are intercepted instead, sent on to the
    // collector as they are, and its answer is read here and handed back to the page unchanged.
    await dora.context.route(`${stack.collectorUrl}/v1/events`, async (route) => {
      const request = route.request();
      if (request.method() !== "POST") return route.continue();
      const { events } = JSON.parse(request.postData() ?? "{}") as WireBatch;
      try {
        const response = await route.fetch();
        if (response.ok()) answered.push({ events, answer: (await response.json()) as IngestResponse });
        else failedPosts.push(`${response.status()} ${await response.text()}`);
        await route.fulfill({ response });
      } catch (error) {
        // The collector unreachable, or the context closed at the end: the page gets a network error.
        failedPosts.push((error as Error).message);
        await route.abort().catch(() => {});
      }
    });
  });
  afterAll(() => dora?.close());

  it("is an SQL after a blog post, pricing and a demo request, and its export holds every event it sent", async () => {
    const steps = [
      await answeredAbout(dora.visit(`${siteUrl}/blog/freight-rfp-checklist/`)),
      await answeredAbout(dora.visit(`${siteUrl}/pricing/`)),
      await answeredAbout(dora.visit(`${siteUrl}/demo/`)),
      await answeredAbout(dora.submitForm("#demo-request", DEMO_REQUEST)),
    ];
    const demoRequest = steps.at(-1)!;
    expect(demoRequest).toMatchObject({ type: "form_submit", intent: "demo", traits: { email: EMAIL } });
    for (const step of steps) expect((await outcomeOf(step)).rejection, `${step.type} ${step.url}`).toBeUndefined();
    visitorId = dora.visitorId();

    await dora.expectQualification({ stage: "sql", identity: { email: EMAIL }, visitorIds: [visitorId] });
    // The erasure finds the visitor through the leads index, which the index queue writes a moment later.
    await expect
      .poll(
        async () =>
          (await dora.api.GET("/v1/leads", { params: { query: { email: EMAIL } } })).data?.items.map(
            (lead) => lead.visitorId,
          ),
        { timeout: 10_000 },
      )
      .toEqual([visitorId]);
    // Its stage history is listed too, so that its erasure has it to remove.
    await expect
      .poll(
        async () =>
          (await dora.api.GET("/v1/stage-changes", { params: { query: { limit: 200 } } })).data?.items
            .filter((change) => change.email === EMAIL)
            .map((change) => change.stage),
        { timeout: 10_000 },
      )
      .toContain("sql");

    const sentIds = dora.sent.events.map((event) => event.id).sort();
    const { data: held, response } = await dora.api.GET("/v1/visitors/{visitorId}/export", {
      params: { path: { visitorId } },
    });
    expect(response.status).toBe(200);
    expect(held!.visitorIds).toEqual([visitorId]);
    expect(held!.qualification).toMatchObject({ stage: "sql", identity: { email: EMAIL } });
    expect(held!.events.map((event) => event.id).sort()).toEqual(sentIds);
    expect(held!.events.find((event) => event.id === demoRequest.id)).toMatchObject({
      type: "form_submit",
      visitorId,
      traits: { email: EMAIL, company: "Vandelay Industries" },
    });
    exported = held!.events.length;
  });

  it("is erased by DELETE /v1/visitors/:visitorId, which counts every exported event", async () => {
    const { data, error, response } = await dora.api.DELETE("/v1/visitors/{visitorId}", {
      params: { path: { visitorId } },
    });
    expect(error, JSON.stringify(error)).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data!.erased.visitors).toBeGreaterThanOrEqual(1);
    expect(data!.erased.events).toBe(exported);
  });

  it("refuses as suppressed every event the same browser sends afterwards, forms with its email included", async () => {
    const before = answered.length;
    const sentBefore = new Set(dora.sent.events.map((event) => event.id));
    const steps = [
      await answeredAbout(visitAgain(`${siteUrl}/blog/carrier-scorecards/`)),
      await answeredAbout(dora.submitForm("#newsletter", { email: EMAIL })),
      await answeredAbout(visitAgain(`${siteUrl}/pricing/`)),
      await answeredAbout(visitAgain(`${siteUrl}/demo/`)),
      await answeredAbout(dora.submitForm("#demo-request", DEMO_REQUEST)),
    ];
    expect(steps.map((event) => event.type)).toEqual([
      "content_view",
      "form_submit",
      "pricing_view",
      "content_view",
      "form_submit",
    ]);
    expect(steps.filter((event) => sentBefore.has(event.id))).toEqual([]);
    expect(steps.filter((event) => event.type === "form_submit").map((event) => event.traits?.email)).toEqual([
      EMAIL,
      EMAIL,
    ]);
    // The browser never forgot who it was: its events carry the erased visitor id.
    expect(dora.visitorId()).toBe(visitorId);

    for (const step of steps) {
      expect((await outcomeOf(step)).rejection, `${step.type} ${step.url}`).toMatchObject({ code: "suppressed" });
    }
    // Every batch answered since the erasure refused all it carried: nothing accepted, nothing a duplicate.
    const since = answered.slice(before);
    expect(since.length).toBeGreaterThan(0);
    for (const { events, answer } of since) {
      expect(answer).toMatchObject({ accepted: 0, duplicates: 0 });
      expect(answer.rejected.map((rejection) => [rejection.index, rejection.code])).toEqual(
        events.map((_, index) => [index, "suppressed"]),
      );
    }
  });

  it("is unknown to the API afterwards: no qualification, events, export, lead or stage change", async () => {
    const path = { params: { path: { visitorId } } };
    const qualification = await dora.api.GET("/v1/visitors/{visitorId}", path);
    expect(qualification.response.status, JSON.stringify(qualification.data)).toBe(404);
    const events = await dora.api.GET("/v1/visitors/{visitorId}/events", {
      params: { path: { visitorId }, query: { limit: 100 } },
    });
    expect(events.response.status, JSON.stringify(events.data)).toBe(404);
    const held = await dora.api.GET("/v1/visitors/{visitorId}/export", path);
    expect(held.response.status, JSON.stringify(held.data)).toBe(404);
    const { data: leads } = await dora.api.GET("/v1/leads", { params: { query: { email: EMAIL } } });
    expect(leads!.items).toEqual([]);
    const { data: changes } = await dora.api.GET("/v1/stage-changes", { params: { query: { limit: 200 } } });
    expect(changes!.items.filter((change) => change.email === EMAIL || change.visitorId === visitorId)).toEqual([]);
  });

  it("erases nothing when asked again, by visitor or by email", async () => {
    const again = await dora.api.DELETE("/v1/visitors/{visitorId}", { params: { path: { visitorId } } });
    expect(again.response.status).toBe(200);
    expect(again.data).toEqual({ erased: { visitors: 0, events: 0 } });
    const byEmail = await dora.api.DELETE("/v1/people", { params: { query: { email: EMAIL } } });
    expect(byEmail.response.status).toBe(200);
    expect(byEmail.data).toEqual({ erased: { visitors: 0, events: 0 } });
  });
});
