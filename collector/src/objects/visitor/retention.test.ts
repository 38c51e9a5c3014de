/**
 * Retention through the real Worker: a site that keeps events 30 days. The visitor's alarm deletes
 * exactly the expired events and re-scores; a lead left with none leaves every read.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { WireEvent } from "@embudo/shared";
import { describe, expect, it, vi } from "vitest";
import {
  api,
  eventually,
  makeBatch,
  makeEvent,
  newId,
  postEvents,
  sendAsTheyHappened,
  storedEvents,
  storedMetaKeys,
} from "../../../test/requests.ts";
import { accountStub, personStub, visitorStub } from "../object-naming.ts";

const DAY = 86_400_000;

/** Sends the events as they happened (the site's history arrived on time), none refused. */
async function send(events: WireEvent[]) {
  await sendAsTheyHappened(events, async (batch) => {
    const response = await postEvents(makeBatch(batch, { site: "brief" }));
    expect((await response.json()) as object).toMatchObject({ rejected: [] });
  });
}

async function status(visitorId: string): Promise<number> {
  return (await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId } } })).response.status;
}

/** Runs the visitor's alarm as if `days` had passed. */
async function alarmAfter(visitorId: string, days: number): Promise<void> {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + days * DAY });
  try {
    expect(await runDurableObjectAlarm(visitorStub(env.VISITORS, visitorId))).toBe(true);
  } finally {
    vi.useRealTimers();
  }
}

describe("retention", () => {
  it("refuses an event older than the site keeps, and stores the rest of its batch", async () => {
    const visitor = newId();
    const response = await postEvents(
      makeBatch([makeEvent(visitor, { ts: Date.now() - 31 * DAY }), makeEvent(visitor)], { site: "brief" }),
    );
    expect(await response.json()).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [{ index: 0, code: "expired", message: "the site keeps events 30 days; this one is older" }],
    });
  });

  it("deletes exactly the events past the site's retention, and re-scores the visitor without them", async () => {
    const visitor = newId();
    const now = Date.now();
    const expiring = [
      makeEvent(visitor, { ts: now - 29.5 * DAY, url: "https://acme.test/case-studies/a", stage: "evaluation" }),
      makeEvent(visitor, { ts: now - 28.5 * DAY, url: "https://acme.test/case-studies/b", stage: "evaluation" }),
    ];
    const kept = [
      makeEvent(visitor, { ts: now - 27 * DAY, url: "https://acme.test/blog/a" }),
      makeEvent(visitor, { ts: now - DAY, url: "https://acme.test/blog/b" }),
    ];
    await send([...expiring, ...kept]);
    const before = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: visitor } } });
    expect(before.data!.counts.contentViews).toBe(4);
    expect(before.data!.score.byStage.evaluation).toBeGreaterThan(0);
    // Two days on, the two oldest are past the 30 days; the alarm set for the first expiry deletes them.
    await alarmAfter(visitor, 2);
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
    await alarmAfter(visitor, 2);
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
    const person = personStub(env.PEOPLE, { space: "brief", email });
    const held = await runInDurableObject(person, (_, state) => ({
      spans: state.storage.sql.exec("SELECT count(*) AS n FROM spans").one().n,
      events: state.storage.sql.exec("SELECT count(*) AS n FROM events").one().n,
    }));
    expect(held).toEqual({ spans: 0, events: 0 });
    // As an erasure would leave it: the person keeps no email, and its account's history names nobody.
    expect(await storedMetaKeys(person)).not.toContain("email");
    expect(
      JSON.stringify(
        await runInDurableObject(person, (_, state) => state.storage.sql.exec("SELECT * FROM meta").toArray()),
      ),
    ).not.toContain(email);
    const history = await runInDurableObject(
      accountStub(env.ACCOUNTS, { space: "brief", domain: "brief.test" }),
      (_, state) =>
        state.storage.sql
          .exec<{ body: string }>("SELECT body FROM stage_history")
          .toArray()
          .map((row) => row.body),
    );
    expect(history.length).toBeGreaterThan(0);
    expect(history.join("\n")).not.toContain(email);
  });

  it("erases a visitor left with no event: every read answers 404", async () => {
    const visitor = newId();
    await send([
      makeEvent(visitor, { ts: Date.now() - 29 * DAY }),
      makeEvent(visitor, { ts: Date.now() - 28.5 * DAY }),
    ]);
    expect(
      (await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: visitor } } })).response.status,
    ).toBe(200);
    await alarmAfter(visitor, 2);
    await eventually(
      () => status(visitor),
      (code) => code === 404,
    );
    expect(await storedEvents(visitor)).toEqual([]);
    await eventually(
      () => api.GET("/v1/leads", { params: { query: { stage: "anonymous", limit: 200 } } }),
      ({ data }) => !JSON.stringify(data).includes(visitor),
    );
  });
});
