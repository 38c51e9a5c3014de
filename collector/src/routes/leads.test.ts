import { env } from "cloudflare:workers";
import { defaultModel, leadFacts, scoreVisitor, type TrackedEvent } from "@embudo/shared";
import { describe, expect, it } from "vitest";
import type { paths } from "../../client/index.ts";
import {
  api,
  errorCode,
  eventually,
  get,
  KEY,
  makeBatch,
  makeEvent,
  newClient,
  newId,
  postEvents,
} from "../../test/requests.ts";
import { type IndexWrite, keyOf } from "../index-projection/messages.ts";
import { applyIndexWrites } from "../index-projection/writes.ts";
import { NEW_PEOPLE_PER_NETWORK } from "../objects/network/network-budget-object.ts";
import { decodeCursor, encodeCursor } from "../params/page-cursor.ts";
import { leadRow, personLeadId } from "../storage/leads-index.ts";

type LeadsQuery = NonNullable<paths["/v1/leads"]["get"]["parameters"]["query"]>;

/** One page of `GET /v1/leads`, through the typed client. */
async function leads(query: LeadsQuery) {
  const { data, response } = await api.GET("/v1/leads", { params: { query } });
  expect(response.status).toBe(200);
  return data!;
}

/** Identifies `count` new visitors (one identify event each), 100 per request as the SDK batches. */
/**
 * `count` people, each a visitor that gives an email, sent from as many networks as needed: one
 * network starts at most `NEW_PEOPLE_PER_NETWORK` people a day.
 */
async function identifyVisitors(count: number, domain: string): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newId());
  const events = ids.map((id, i) =>
    makeEvent(id, { type: "identify", traits: { email: `lead${i}@${domain}` } } as never),
  );
  for (let i = 0; i < events.length; i += NEW_PEOPLE_PER_NETWORK) {
    const batch = events.slice(i, i + NEW_PEOPLE_PER_NETWORK);
    const response = await postEvents(makeBatch(batch), { client: newClient() });
    expect(await response.json()).toMatchObject({ accepted: batch.length, rejected: [] });
  }
  return ids;
}

async function listAll(query: LeadsQuery): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await leads({ ...query, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((item) => item.visitorId));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return { ids, pages };
}

describe("GET /v1/leads", () => {
  it("pages through 1,000 leads of a stage exactly once, ties in change time included", async () => {
    // The index is written through its real module; 1,000 Durable Objects would only slow the test.
    // Only 40 distinct change times, so most pages end inside a run of equal times.
    const base = Date.now() - 60_000;
    const ids = Array.from({ length: 1000 }, () => newId());
    for (const [i, id] of ids.entries()) {
      const identify = makeEvent(id, { type: "identify", traits: { email: `lead${i}@pages.test` } } as never);
      const events = [identify as TrackedEvent];
      const qualification = scoreVisitor(events, defaultModel, Date.now());
      const facts = leadFacts(events, qualification, defaultModel);
      const email = `lead${i}@pages.test`;
      const row = leadRow(
        { leadId: personLeadId({ space: "demo", email }), site: "demo", space: "demo" },
        qualification,
        facts,
      );
      const write: IndexWrite = { kind: "lead", row, changedAt: base + (i % 40) };
      await applyIndexWrites({ db: env.DB }, [{ key: keyOf(write), version: 1, write }]);
    }
    const { ids: listed, pages } = await listAll({ stage: "iql", limit: 37 });
    expect(pages).toBe(Math.ceil(1000 / 37));
    expect(listed).toHaveLength(1000);
    expect(new Set(listed)).toEqual(new Set(ids));
  }, 60_000);

  it("lists by engagement or fit, highest first, each lead once across pages of tied scores", async () => {
    const site = `sorted-${newId().toLowerCase()}`;
    const rows = Array.from({ length: 120 }, (_, i) => {
      const id = newId();
      const events = [
        makeEvent(id, { type: "identify", traits: { email: `s${i}@sorted.test` } } as never) as TrackedEvent,
      ];
      const qualification = scoreVisitor(events, defaultModel, Date.now());
      const person = { space: site, email: `s${i}-${site}@sorted.test` };
      const row = leadRow(
        { leadId: personLeadId(person), site, space: site },
        qualification,
        leadFacts(events, qualification, defaultModel),
      );
      // Ten engagement values and seven fits, so most pages end inside a tie.
      return { ...row, engagement: (i % 10) * 7.5, fit: (i % 7) * 10 };
    });
    for (const row of rows) {
      const write: IndexWrite = { kind: "lead", row, changedAt: Date.now() };
      await applyIndexWrites({ db: env.DB }, [{ key: keyOf(write), version: 1, write }]);
    }
    for (const sort of ["engagement", "fit"] as const) {
      const expected = [...rows]
        .sort((a, b) => b[sort] - a[sort] || (a.leadId < b.leadId ? 1 : -1))
        .map((row) => row.visitorId);
      const { ids } = await listAll({ site, sort, limit: 7 });
      expect(ids, sort).toEqual(expected);
    }
  });

  it("indexes visitors as they are ingested", async () => {
    const ids = await identifyVisitors(100, "ingested.test");
    // An identification reaches its person just after the request: the listing follows.
    await eventually(
      () => listAll({ stage: "iql", limit: 200 }),
      ({ ids: listed }) => ids.every((id) => listed.includes(id)),
    );
  }, 60_000);

  it("lists newest change first and filters by stage", async () => {
    // Two domains: visitors that give one email are one person.
    const [older] = await identifyVisitors(1, "order-1.test");
    await eventually(
      () => leads({ email: "lead0@order-1.test" }),
      (page) => page.items.length === 1,
    );
    await new Promise((r) => setTimeout(r, 5));
    const [newer] = await identifyVisitors(1, "order-2.test");
    const page = await eventually(
      () => leads({ stage: "iql", limit: 2 }),
      (page) => page.items[0]?.visitorId === newer,
    );
    expect(page.items.map((i) => i.visitorId)).toEqual([newer, older]);
    expect(page.items.every((i) => i.stage === "iql")).toBe(true);
    const mql = await leads({ stage: "mql" });
    expect(mql.items.map((i) => i.visitorId)).not.toContain(newer);
  });

  it("finds a lead by email, case-insensitively", async () => {
    const [id] = await identifyVisitors(1, "email.test");
    const page = await eventually(
      () => leads({ email: "LEAD0@Email.Test" }),
      (page) => page.items.length > 0,
    );
    expect(page.items.map((i) => i.visitorId)).toEqual([id]);
    expect(page.items[0]!.identity.email).toBe("lead0@email.test");
    expect(page.nextCursor).toBeNull();
  });

  it("keeps anonymous visitors out unless asked for", async () => {
    const anonymous = newId();
    await postEvents(makeBatch([makeEvent(anonymous)]));
    const all = await leads({ limit: 200 });
    expect(all.items.map((i) => i.visitorId)).not.toContain(anonymous);
    // Its row follows the request through the index queue.
    await eventually(
      () => leads({ stage: "anonymous", limit: 200 }),
      (listed) => listed.items.some((i) => i.visitorId === anonymous),
    );
  });

  it.each([
    ["an unknown stage", "stage=hot", "invalid_query"],
    ["a limit over 200", "limit=500", "invalid_query"],
    ["a limit of 0", "limit=0", "invalid_query"],
    ["a malformed email", "email=nope", "invalid_query"],
    ["an unknown parameter", "score=high", "invalid_query"],
    ["an unknown order", "sort=score", "invalid_query"],
    ["a forged cursor", "cursor=bm90LWEtY3Vyc29y", "invalid_cursor"],
  ])("refuses %s with 400", async (_, query, code) => {
    // Raw query strings: these are invalid on purpose, past what the typed client allows.
    const response = await get(`/v1/leads?${query}`, KEY);
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe(code);
  });

  it("round-trips its cursors, and refuses one of another order", () => {
    const cursor = { value: 1_790_000_000_123, key: "person:ñandú@globex.com" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    const byScore = { value: 72.5, key: "person:ana@globex.com" };
    expect(decodeCursor(encodeCursor(byScore, "engagement"), "engagement")).toEqual(byScore);
    expect(() => decodeCursor(encodeCursor(byScore, "engagement"), "fit")).toThrow(/cursor/);
    expect(() => decodeCursor(encodeCursor(byScore, "engagement"))).toThrow(/cursor/);
    expect(() => decodeCursor(encodeCursor(cursor), "engagement")).toThrow(/cursor/);
  });
});
