/**
 * Retention through the real Worker: a site that keeps events 30 days. The visitor's alarm deletes
 * exactly the expired events and re-scores; a lead left with none leaves every read.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { WireEvent } from "@embudo/shared";
import { describe, expect, it, vi } from "vitest";
import { api, eventually, makeBatch, makeEvent, newId, postEvents, storedEvents } from "../../test/requests.ts";
import { personStub, visitorStub } from "./object-naming.ts";

const DAY = 86_400_000;

async function send(events: WireEvent[]) {
  const response = await postEvents(makeBatch(events, { site: "brief" }));
  expect((await response.json()) as object).toMatchObject({ rejected: [] });
}

async function status(visitorId: string): Promise<number> {
  return (await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId } } })).response.status;
}

describe("retention", () => {
  it("deletes exactly the events past the site's retention, and re-scores the visitor without them", async () => {
    const visitor = newId();
    const now = Date.now();
    const expired = [
      makeEvent(visitor, { ts: now - 45 * DAY, url: "https://acme.test/case-studies/a", stage: "evaluation" }),
      makeEvent(visitor, { ts: now - 31 * DAY, url: "https://acme.test/case-studies/b", stage: "evaluation" }),
    ];
    const kept = [
      makeEvent(visitor, { ts: now - 29 * DAY, url: "https://acme.test/blog/a" }),
      makeEvent(visitor, { ts: now - DAY, url: "https://acme.test/blog/b" }),
    ];
    await send([...expired, ...kept]);
    // The alarm is set for the oldest event's expiry, which has passed: it runs on its own.
    await eventually(
      () => storedEvents(visitor),
      (events) => events.length === 2,
    );
    expect((await storedEvents(visitor)).map((event) => event.id)).toEqual(kept.map((event) => event.id));
    const { data } = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: visitor } } });
    expect(data!.counts.contentViews).toBe(2);
    expect(data!.score.byStage.evaluation).toBe(0);
  });

  it("moves a person's copies with them: an identify that expired takes the email away, and a person left with nothing is erased", async () => {
    const visitor = newId();
    const email = `old-${newId().toLowerCase()}@brief.test`;
    const now = Date.now();
    await send([
      makeEvent(visitor, { ts: now - 29 * DAY }),
      makeEvent(visitor, { type: "identify", ts: now - 29 * DAY + 1, traits: { email } } as Partial<WireEvent>),
      makeEvent(visitor, { ts: now - 2 * DAY }),
    ]);
    await eventually(
      async () => (await api.GET("/v1/leads", { params: { query: { email } } })).data!.items,
      (items) => items.length === 1,
    );
    // Two days on, the first two events have expired, the identify with them.
    vi.useFakeTimers({ toFake: ["Date"], now: now + 2 * DAY });
    try {
      await runDurableObjectAlarm(visitorStub(env.VISITORS, visitor));
    } finally {
      vi.useRealTimers();
    }
    // The visitor is its own anonymous lead again, with its one event left; the person is gone.
    const { data } = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: visitor } } });
    expect(data!.identity.email ?? null).toBeNull();
    expect(data!.counts.contentViews).toBe(1);
    await eventually(
      async () => (await api.GET("/v1/leads", { params: { query: { email } } })).data!.items,
      (items) => items.length === 0,
    );
    await eventually(
      async () => (await api.GET("/v1/stage-changes", { params: { query: { limit: 200 } } })).data!.items,
      (items) => !items.some((change) => change.email === email),
    );
    const held = await runInDurableObject(personStub(env.PEOPLE, email), (_, state) => ({
      spans: state.storage.sql.exec("SELECT count(*) AS n FROM spans").one().n,
      events: state.storage.sql.exec("SELECT count(*) AS n FROM events").one().n,
    }));
    expect(held).toEqual({ spans: 0, events: 0 });
  });

  it("erases a visitor left with no event: every read answers 404", async () => {
    const visitor = newId();
    await send([makeEvent(visitor, { ts: Date.now() - 60 * DAY }), makeEvent(visitor, { ts: Date.now() - 50 * DAY })]);
    await runDurableObjectAlarm(visitorStub(env.VISITORS, visitor));
    await eventually(
      () => status(visitor),
      (code) => code === 404,
    );
    expect(await storedEvents(visitor)).toEqual([]);
    const anonymous = await api.GET("/v1/leads", { params: { query: { stage: "anonymous", limit: 200 } } });
    expect(JSON.stringify(anonymous.data)).not.toContain(visitor);
  });
});
