/**
 * The visitor's object, called as the ingestion route calls it: what it stores, what it refuses,
 * and that everything it keeps in `meta` is declared in its state schema.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { WireEvent } from "@embudo/shared";
import { describe, expect, it } from "vitest";
import { api, eventually, makeEvent, newId, storedMetaKeys } from "../../../test/requests.ts";
import { SITE_MISMATCH, SUPPRESSED_VISITOR } from "../../refusals.ts";
import { visitorStub } from "../object-naming.ts";
import { metaKeys } from "../object-state.ts";
import type { StoredEvent } from "../stored-events.ts";
import { VISITOR_STATE } from "./visitor-object.ts";

/** An event as the ingestion route hands it to the object: validated, timed, with its site. */
function stored(visitorId: string, overrides: Partial<WireEvent> = {}, site = "demo"): StoredEvent {
  const event = makeEvent(visitorId, overrides);
  return { ...event, site, receivedAt: Date.now(), clientTs: event.ts } as StoredEvent;
}

function ingest(visitorId: string, events: StoredEvent[]) {
  return runInDurableObject(visitorStub(env.VISITORS, visitorId), (instance) => instance.ingest(events));
}

/** Every key the visitor's object keeps in `meta`. */
function metaKeysStored(visitorId: string): Promise<string[]> {
  return storedMetaKeys(visitorStub(env.VISITORS, visitorId));
}

describe("VisitorObject", () => {
  it("stores each event once: a retried batch answers duplicates and stores nothing", async () => {
    const visitor = newId();
    const events = [stored(visitor), stored(visitor)];
    expect(await ingest(visitor, events)).toEqual({ accepted: 2, duplicates: 0, refused: [] });
    expect(await ingest(visitor, events)).toEqual({ accepted: 0, duplicates: 2, refused: [] });
    const events2 = await runInDurableObject(
      visitorStub(env.VISITORS, visitor),
      async (instance) => (await instance.exportPage(100)).items,
    );
    expect(events2.map((event) => event.id)).toEqual(events.map((event) => event.id));
  });

  it("belongs to the site of its first batch: another site's events are refused one by one", async () => {
    const visitor = newId();
    await ingest(visitor, [stored(visitor)]);
    const foreign = stored(visitor, {}, "acme");
    const own = stored(visitor);
    expect(await ingest(visitor, [foreign, own])).toEqual({
      accepted: 1,
      duplicates: 0,
      refused: [{ id: foreign.id, ...SITE_MISMATCH }],
    });
  });

  it("refuses every event once erased, and keeps nothing but the count it erased", async () => {
    const visitor = newId();
    await ingest(visitor, [stored(visitor), stored(visitor)]);
    const stub = visitorStub(env.VISITORS, visitor);
    expect(await runInDurableObject(stub, (instance) => instance.eraseLead(visitor))).toEqual({
      erased: { visitors: 1, events: 2 },
      email: null,
    });
    const late = stored(visitor);
    expect(await ingest(visitor, [late])).toEqual({
      accepted: 0,
      duplicates: 0,
      refused: [{ id: late.id, ...SUPPRESSED_VISITOR }],
    });
    expect(await metaKeysStored(visitor)).toEqual(["erased"]);
    expect(await runInDurableObject(stub, (instance) => instance.eraseLead(visitor))).toEqual({
      erased: { visitors: 0, events: 0 },
      email: null,
    });
  });

  it("keeps in meta only what its state schema declares, through a journey from anonymous to a person", async () => {
    const visitor = newId();
    await ingest(visitor, [stored(visitor)]);
    await ingest(visitor, [
      stored(visitor, {
        type: "identify",
        traits: { email: `ana-${visitor.toLowerCase()}@acme.test` },
      } as Partial<WireEvent>),
    ]);
    await eventually(
      async () => (await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: visitor } } })).data?.stage,
      (stage) => stage === "iql",
    );
    const declared = new Set(metaKeys(VISITOR_STATE));
    const kept = await metaKeysStored(visitor);
    expect(kept).toEqual(expect.arrayContaining(["site", "visitorId", "lead", "sharedTimeline"]));
    expect(kept.filter((key) => !declared.has(key))).toEqual([]);
  });
});
