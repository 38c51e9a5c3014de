/**
 * People spaces: which space a site is in, and, through the real Worker, what that means for
 * people, accounts, erasure and a visitor whose people were formed before spaces.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { WireEvent } from "@embudo/shared";
import { describe, expect, it } from "vitest";
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
  storedMetaKeys,
} from "../test/requests.ts";
import { parseSites } from "./config.ts";
import { accountStub, personStub, visitorStub } from "./objects/object-naming.ts";
import { configuredSpaces, inSpace, spaceOf, UNSPACED } from "./spaces.ts";

describe("spaceOf", () => {
  const sites = parseSites({
    shop: { group: "acme" },
    blog: { group: "acme" },
    acme: {},
    other: {},
  });

  it("is a site's group, or else the site itself; a group named like a site is that site's space", () => {
    expect(spaceOf(sites, "shop")).toBe("acme");
    expect(spaceOf(sites, "blog")).toBe("acme");
    expect(spaceOf(sites, "acme")).toBe("acme");
    expect(spaceOf(sites, "other")).toBe("other");
    expect(configuredSpaces(sites).sort()).toEqual(["acme", "other"]);
  });

  it("names things in a space, and the space from before spaces without one", () => {
    expect(inSpace("acme", "ana@globex.com")).toBe("acme:ana@globex.com");
    expect(inSpace(UNSPACED, "ana@globex.com")).toBe("ana@globex.com");
  });

  it("refuses a group that could not name a space, and an empty site key", () => {
    expect(() => parseSites({ shop: { group: "a b" } })).toThrow(/group/);
    expect(() => parseSites({ shop: { group: "" } })).toThrow(/group/);
    expect(() => parseSites({ "": {} })).toThrow(/EMBUDO_SITES/);
  });
});

/** Sends a batch to `site` from `client` (one network), every event accepted. */
async function send(site: string, events: WireEvent[], client: string): Promise<void> {
  const response = await postEvents(makeBatch(events, { site }), { client });
  expect(await response.json()).toMatchObject({ accepted: events.length, rejected: [] });
}

function identify(visitorId: string, email: string, traits: Record<string, unknown> = {}): WireEvent {
  return makeEvent(visitorId, { type: "identify", traits: { email, ...traits } } as Partial<WireEvent>);
}

/** The leads of `email`, once `count` are listed. */
function leadsOf(email: string, count: number) {
  return eventually(
    async () => (await api.GET("/v1/leads", { params: { query: { email } } })).data!.items,
    (items) => items.length === count,
  );
}

describe("people spaces through the Worker", () => {
  it("makes one person of a site group's browsers: a laptop on one brand's site, a phone on the other's", async () => {
    const email = `ana-${newId().toLowerCase()}@globex-brands.com`;
    const [laptop, phone] = [newId(), newId()];
    const home = newClient();
    await send("brand-a", [identify(laptop, email)], home);
    await send("brand-b", [identify(phone, email)], home);
    const [lead] = await eventually(
      async () => (await api.GET("/v1/leads", { params: { query: { email } } })).data!.items,
      (items) => items.length === 1 && items[0]!.visitorIds.length === 2,
    );
    expect(lead!.visitorIds.sort()).toEqual([laptop, phone].sort());
    const changes = await api.GET("/v1/stage-changes", { params: { query: { limit: 200 } } });
    expect(changes.data!.items.find((change) => change.email === email)?.leadId).toBe(`person:brands:${email}`);
    const account = await eventually(
      async () => (await api.GET("/v1/accounts/{domain}", { params: { path: { domain: "globex-brands.com" } } })).data,
      (found) => found?.people.some((person) => person.email === email) === true,
    );
    expect(account!.space).toBe("brands");
  });

  it("keeps one domain's accounts apart per space: a read must say which when there are several", async () => {
    const domain = `initech-${newId().toLowerCase()}.com`;
    const client = newClient();
    await send("demo", [identify(newId(), `ana@${domain}`)], client);
    await send("brief", [identify(newId(), `bob@${domain}`)], client);
    const listed = await eventually(
      async () => (await api.GET("/v1/accounts", { params: { query: { limit: 200 } } })).data!.items,
      (items) => items.filter((item) => item.domain === domain).length === 2,
    );
    expect(
      listed
        .filter((item) => item.domain === domain)
        .map((item) => item.space)
        .sort(),
    ).toEqual(["brief", "demo"]);
    const ambiguous = await get(`/v1/accounts/${domain}`, KEY);
    expect(ambiguous.status).toBe(409);
    expect(await errorCode(ambiguous)).toBe("space_required");
    const demo = await api.GET("/v1/accounts/{domain}", { params: { path: { domain }, query: { space: "demo" } } });
    expect(demo.data!.people.map((person) => person.email)).toEqual([`ana@${domain}`]);
    const inBrief = await api.GET("/v1/accounts", { params: { query: { space: "brief", limit: 200 } } });
    expect(inBrief.data!.items.filter((item) => item.domain === domain).map((item) => item.space)).toEqual(["brief"]);
    const nowhere = await get(`/v1/accounts/${domain}?space=brands`, KEY);
    expect(nowhere.status).toBe(404);
  });

  it("erases an email in every space, whether asked by email or by one visitor", async () => {
    for (const by of ["email", "visitor"] as const) {
      const email = `eve-${by}-${newId().toLowerCase()}@globex-erased.com`;
      const [onDemo, onBrief] = [newId(), newId()];
      await send("demo", [identify(onDemo, email), makeEvent(onDemo)], newClient());
      await send("brief", [identify(onBrief, email)], newClient());
      await leadsOf(email, 2);
      const erased =
        by === "email"
          ? await api.DELETE("/v1/people", { params: { query: { email } } })
          : await api.DELETE("/v1/visitors/{visitorId}", { params: { path: { visitorId: onBrief } } });
      expect(erased.data).toEqual({ erased: { visitors: 2, events: 3 } });
      await leadsOf(email, 0);
      // And the mailbox is refused in every space.
      const again = await postEvents(makeBatch([identify(newId(), email)], { site: "brief" }));
      expect(((await again.json()) as { rejected: Array<{ code: string }> }).rejected[0]?.code).toBe("suppressed");
    }
  });

  it("moves a visitor's people from before spaces into its site's space with its next event", async () => {
    const email = `old-${newId().toLowerCase()}@globex-moved.com`;
    const visitor = newId();
    const client = newClient();
    await send("demo", [identify(visitor, email)], client);
    await leadsOf(email, 1);
    // As a collector before spaces left it: the person unspaced, and the visitor's spans shared there.
    const unspaced = { space: UNSPACED, email };
    const span = await runInDurableObject(visitorStub(env.VISITORS, visitor), (_, state) => {
      state.storage.sql.exec("DELETE FROM meta WHERE key = 'sharedSpace'");
      state.storage.sql.exec("UPDATE meta SET value = ? WHERE key = 'lead'", `person:${email}`);
      return JSON.stringify(
        state.storage.sql
          .exec<{ body: string }>("SELECT body FROM events")
          .toArray()
          .map((row) => JSON.parse(row.body)),
      );
    });
    await personStub(env.PEOPLE, { space: "demo", email }).replace({ space: "demo", email }, visitor, "[]", "request");
    await personStub(env.PEOPLE, unspaced).replace(unspaced, visitor, span, "request");
    await env.DB.prepare("UPDATE lead_visitors SET lead_id = ? WHERE visitor_id = ?")
      .bind(`person:${email}`, visitor)
      .run();
    // Its account is the unspaced one, read with an empty space.
    const domain = "globex-moved.com";
    const unspacedAccount = await eventually(
      async () => (await api.GET("/v1/accounts/{domain}", { params: { path: { domain }, query: { space: "" } } })).data,
      (account) => account?.people.some((person) => person.email === email) === true,
    );
    expect(unspacedAccount!.space).toBe("");
    const before = await eventually(
      async () => (await api.GET("/v1/stage-changes", { params: { query: { limit: 200 } } })).data!.items,
      (items) => items.some((change) => change.leadId === `person:${email}`),
    );
    expect(before.some((change) => change.leadId === `person:${email}`)).toBe(true);

    await send("demo", [makeEvent(visitor)], client);
    const { data: lead } = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: visitor } } });
    expect(lead).toMatchObject({ visitorIds: [visitor], counts: { contentViews: 1 } });
    // The unspaced person was left with nothing: it left the index, and the lead is the space's.
    expect(await personStub(env.PEOPLE, unspaced).qualification()).toBeNull();
    const listed = await eventually(
      async () => (await api.GET("/v1/leads", { params: { query: { email } } })).data!.items,
      (items) => items.length === 1 && items[0]!.counts.contentViews === 1,
    );
    expect(listed[0]!.visitorIds).toEqual([visitor]);
    const changes = await api.GET("/v1/stage-changes", { params: { query: { limit: 200 } } });
    expect(changes.data!.items.some((change) => change.leadId === `person:${email}`)).toBe(false);
    await eventually(
      () => env.DB.prepare("SELECT lead_id FROM lead_visitors WHERE visitor_id = ?").bind(visitor).first("lead_id"),
      (lead) => lead === `person:demo:${email}`,
    );

    // The unspaced person, left with nothing, went as an erasure would: its account's history
    // names it no more, and its object forgot its email.
    const history = await runInDurableObject(accountStub(env.ACCOUNTS, { space: UNSPACED, domain }), (_, state) =>
      state.storage.sql
        .exec<{ body: string }>("SELECT body FROM stage_history")
        .toArray()
        .map((row) => row.body)
        .join("\n"),
    );
    expect(history).toContain("a person who left");
    expect(history).not.toContain(email);
    expect(await storedMetaKeys(personStub(env.PEOPLE, unspaced))).not.toContain("email");
    expect((await api.DELETE("/v1/people", { params: { query: { email } } })).data).toEqual({
      erased: { visitors: 1, events: 2 },
    });
  });
});
