/**
 * The person's object, called as visitors' objects call it: copies kept per visitor, so a span
 * replaced or withdrawn leaves every other visitor's events alone; an erased person takes
 * nothing; and everything it keeps in `meta` is declared in its state schema.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { WireEvent } from "@embudo/shared";
import { describe, expect, it } from "vitest";
import { api, makeEvent, newId, storedMetaKeys } from "../../../test/requests.ts";
import { personStub } from "../object-naming.ts";
import { metaKeys } from "../object-state.ts";
import type { StoredEvent } from "../stored-events.ts";
import { PERSON_LIMITS, PERSON_STATE } from "./person-object.ts";

/** A content view of a page of its own (views of one page in a day count once). */
function stored(visitorId: string, overrides: Partial<WireEvent> = {}): StoredEvent {
  const event = makeEvent(visitorId, { url: `https://acme.test/blog/${newId()}`, ...overrides });
  // One network: the visitors of these tests are one person's browsers at home.
  return { ...event, site: "demo", receivedAt: Date.now(), clientTs: event.ts, network: "home" } as StoredEvent;
}

function identify(visitorId: string, email: string): StoredEvent {
  return stored(visitorId, { type: "identify", traits: { email } } as Partial<WireEvent>);
}

function newEmail(): string {
  return `ana-${newId().toLowerCase()}@acme.test`;
}

describe("PersonObject", () => {
  it("lets a browser join while it has room: a seat is kept until its span arrives, and freed when it leaves", async () => {
    const email = newEmail();
    const key = { space: "demo", email };
    const [laptop, phone, flood] = [newId(), newId(), newId()];
    const stub = personStub(env.PEOPLE, key);
    expect(await stub.join(key, laptop, 2)).toBe("joined");
    // Taken, with the room the person's members have left: what the browser may still add.
    expect(await stub.add(key, laptop, [identify(laptop, email), stored(laptop)], "request")).toEqual({
      taken: true,
      room: PERSON_LIMITS.events - 2,
    });
    // A browser bringing more events than a person may hold is kept out, however few browsers it has.
    expect(await stub.join(key, flood, PERSON_LIMITS.events)).toBe("full");
    expect(await stub.join(key, phone, 1)).toBe("joined");
    // In already: asked again (a retried batch), it is let in whatever it brings.
    expect(await stub.join(key, laptop, PERSON_LIMITS.events)).toBe("joined");
    const seats = () =>
      runInDurableObject(stub, (_, state) =>
        state.storage.sql
          .exec<{ visitor_id: string }>("SELECT visitor_id FROM join_seats ORDER BY visitor_id")
          .toArray()
          .map((row) => row.visitor_id),
      );
    expect(await seats()).toEqual([laptop, phone].sort());
    // The browser whose span landed first is the founder on record; a seat alone founds nothing.
    const founder = await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'founder'").toArray(),
    );
    expect(founder.map((row) => row.value)).toEqual([laptop]);
    expect(await stub.replace(key, phone, "[]", "request")).toMatchObject({ taken: true });
    expect(await seats()).toEqual([laptop]);
  });

  it("keeps copies per visitor: replacing one visitor's span leaves the other's events", async () => {
    const email = newEmail();
    const key = { space: "demo", email };
    const [laptop, phone] = [newId(), newId()];
    const stub = personStub(env.PEOPLE, key);
    await runInDurableObject(stub, async (person) => {
      expect(await person.add(key, laptop, [identify(laptop, email), stored(laptop)], "request")).toMatchObject({
        taken: true,
      });
      // Two members hold five events between them: the room is the members' together.
      expect(await person.add(key, phone, [identify(phone, email), stored(phone), stored(phone)], "request")).toEqual({
        taken: true,
        room: PERSON_LIMITS.events - 5,
      });
      expect((await person.qualification())!.counts.contentViews).toBe(3);
      // The phone's span moves elsewhere (another email took over): its copies go, the laptop's stay.
      await person.replace(key, phone, "[]", "request");
      const after = (await person.qualification())!;
      expect(after.counts.contentViews).toBe(1);
      expect(after.visitorIds).toEqual([laptop]);
      expect((await person.visitorIds()).sort()).toEqual([laptop].sort());
    });
  });

  it("counts an event two visitors sent once, and repeats of a copy not at all", async () => {
    const email = newEmail();
    const key = { space: "demo", email };
    const [a, b] = [newId(), newId()];
    const shared = stored(a);
    await runInDurableObject(personStub(env.PEOPLE, key), async (person) => {
      await person.add(key, a, [identify(a, email), shared], "request");
      await person.add(key, a, [shared], "request");
      await person.add(key, b, [identify(b, email), { ...shared, visitorId: b }], "request");
      expect((await person.qualification())!.counts.contentViews).toBe(1);
    });
  });

  it("takes nothing once erased, and says so: the visitor that sent it then erases itself", async () => {
    const email = newEmail();
    const key = { space: "demo", email };
    const visitor = newId();
    const stub = personStub(env.PEOPLE, key);
    await runInDurableObject(stub, (person) => person.add(key, visitor, [identify(visitor, email)], "request"));
    const erased = await api.DELETE("/v1/people", { params: { query: { email } } });
    expect(erased.response.status).toBe(200);
    await runInDurableObject(stub, async (person) => {
      expect(await person.add(key, visitor, [stored(visitor)], "ingest")).toEqual({ taken: false });
      expect(await person.replace(key, visitor, "[]", "ingest")).toEqual({ taken: false });
      expect(await person.qualification()).toBeNull();
    });
  });

  it("keeps nothing when a visitor withdraws from a person it never reached: no object holds the email", async () => {
    const key = { space: "demo", email: newEmail() };
    const stub = personStub(env.PEOPLE, key);
    expect(await stub.replace(key, newId(), "[]", "request")).toMatchObject({ taken: true });
    const tables = await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table'").toArray(),
    );
    expect(tables).toEqual([]);
  });

  it("keeps in meta only what its state schema declares", async () => {
    const email = newEmail();
    const key = { space: "demo", email };
    const visitor = newId();
    const stub = personStub(env.PEOPLE, key);
    await runInDurableObject(stub, async (person) => {
      await person.add(key, visitor, [identify(visitor, email), stored(visitor)], "request");
      await person.alarm();
    });
    const kept = await storedMetaKeys(stub);
    const declared = new Set(metaKeys(PERSON_STATE));
    expect(kept).toEqual(expect.arrayContaining(["email", "indexed", "stageChange", "indexClock", "workAt"]));
    expect(kept.filter((key) => !declared.has(key))).toEqual([]);
  });
});
