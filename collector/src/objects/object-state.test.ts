import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { newId } from "../../test/requests.ts";
import { ACCOUNT_STATE } from "./account/account-object.ts";
import { visitorStub } from "./object-naming.ts";
import { jsonField, metaKeys, numberField, ObjectState, stateSchema, textField } from "./object-state.ts";
import { PERSON_STATE } from "./person/person-object.ts";
import { VISITOR_STATE } from "./visitor/visitor-object.ts";

const TABLES = ["CREATE TABLE IF NOT EXISTS things (id TEXT PRIMARY KEY)"];
const site = textField("site");
const count = numberField("count");
const plan = jsonField("plan", z.object({ email: z.string().nullable(), at: z.number() }));

/** Runs `test` with an ObjectState over a fresh Durable Object's storage (a visitor's, never used). */
function withState<T>(test: (state: ObjectState, storage: DurableObjectStorage) => T | Promise<T>): Promise<T> {
  return runInDurableObject(visitorStub(env.VISITORS, newId()), (_, ctx) =>
    test(new ObjectState(ctx.storage, TABLES, "things"), ctx.storage),
  );
}

function metaRows(storage: DurableObjectStorage) {
  return storage.sql.exec<{ key: string; value: string }>("SELECT key, value FROM meta ORDER BY key").toArray();
}

describe("ObjectState", () => {
  it("creates nothing on a read: an object only read (a guessed id) keeps no database", async () => {
    await withState((state, storage) => {
      expect(state.exists).toBe(false);
      expect(state.readable()).toBeNull();
      expect(state.get(site)).toBeUndefined();
      expect(state.has(plan)).toBe(false);
      expect(storage.sql.exec("SELECT name FROM sqlite_master").toArray()).toEqual([]);
    });
  });

  it("reads back each field as the type it was written, and removes what is unset", async () => {
    await withState((state) => {
      state.set(site.to("demo"), count.to(Number.POSITIVE_INFINITY), plan.to({ email: null, at: 5 }));
      expect(state.exists).toBe(true);
      expect(state.get(site)).toBe("demo");
      expect(state.get(count)).toBe(Number.POSITIVE_INFINITY);
      expect(state.get(plan)).toEqual({ email: null, at: 5 });
      state.set(count.unset(), site.to("acme"));
      expect(state.get(count)).toBeUndefined();
      expect(state.get(site)).toBe("acme");
    });
  });

  it("keeps the texts objects always stored, so objects written by earlier versions read the same", async () => {
    await withState((state, storage) => {
      state.set(site.to("demo"), count.to(7), plan.to({ email: "ana@acme.test", at: 1 }));
      expect(metaRows(storage)).toEqual([
        { key: "count", value: "7" },
        { key: "plan", value: '{"email":"ana@acme.test","at":1}' },
        { key: "site", value: "demo" },
      ]);
      // Rows as a version before typed state wrote them by hand.
      storage.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('count', '42'), ('site', 'brief')");
      expect(state.get(count)).toBe(42);
      expect(state.get(site)).toBe("brief");
    });
  });

  it("refuses a JSON value of another shape instead of answering it as the field's type", async () => {
    await withState((state, storage) => {
      state.set(site.to("demo"));
      storage.sql.exec("INSERT INTO meta (key, value) VALUES ('plan', '{\"email\":42}')");
      expect(() => state.get(plan)).toThrow();
    });
  });

  it("resets to the tombstone alone: every table dropped and made again empty, the alarm deleted", async () => {
    await withState(async (state, storage) => {
      state.writable().exec("INSERT INTO things (id) VALUES ('a')");
      state.set(site.to("demo"), count.to(3));
      await storage.setAlarm(Date.now() + 60_000);
      await state.reset(count.to(1));
      expect(metaRows(storage)).toEqual([{ key: "count", value: "1" }]);
      expect(storage.sql.exec("SELECT id FROM things").toArray()).toEqual([]);
      expect(await storage.getAlarm()).toBeNull();
    });
  });

  it("runs serially what is handed to it serially, each from the state the one before left", async () => {
    await withState(async (state) => {
      const order: number[] = [];
      const slow = state.serially(async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push(1);
      });
      const fast = state.serially(async () => {
        order.push(2);
      });
      await Promise.all([slow, fast]);
      expect(order).toEqual([1, 2]);
    });
  });
});

describe("stateSchema", () => {
  it("merges the parts of an object's state, and refuses two parts that name a field or a key alike", () => {
    expect(metaKeys(stateSchema({ site }, { count }))).toEqual(["site", "count"]);
    expect(() => stateSchema({ site }, { site: textField("place") })).toThrow(/field site/);
    expect(() => stateSchema({ site }, { place: textField("site") })).toThrow(/key site/);
  });
});

describe("each object's state schema", () => {
  it.each([
    ["visitor", VISITOR_STATE],
    ["person", PERSON_STATE],
    ["account", ACCOUNT_STATE],
  ])("gives the %s's fields distinct keys: two parts of one object never share one", (_, schema) => {
    const keys = metaKeys(schema);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
