/**
 * Erasure and export through the real Worker: a person with two devices, a colleague at the same
 * company and a webhook endpoint; after `DELETE`, every read answers as if the person had never
 * been seen, and its visitors and email are refused with `suppressed`.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { WireEvent } from "@embudo/shared";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEmbudoClient } from "../../client/index.ts";
import {
  eventually,
  KEY,
  makeBatch,
  makeEvent,
  newClient,
  newId,
  postEvents,
  sendAsTheyHappened,
} from "../../test/requests.ts";
import { accountStub, personStub, visitorStub, webhooksStub } from "../objects/object-naming.ts";

/** Each request from its own client address: these tests poll, and would spend one client's budget. */
const api = createEmbudoClient({
  baseUrl: "http://collector.test",
  apiKey: KEY,
  fetch: (req: Request) => {
    req.headers.set("CF-Connecting-IP", newClient());
    return exports.default.fetch(req);
  },
});

/** Bodies the receiver got. */
const received: string[] = [];
const realFetch = globalThis.fetch;
beforeAll(() => {
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const req = new Request(input as RequestInfo, init);
    if (!new URL(req.url).hostname.endsWith(".receiver.test")) return realFetch(input as RequestInfo, init);
    received.push(await req.text());
    return new Response(null, { status: 200 });
  });
});
afterAll(() => {
  vi.restoreAllMocks();
});

const DAY = 86_400_000;
/** A month no other test writes to, so the reports over it see this file's leads alone. */
const at = (day: number, minute = 0) => Date.UTC(2025, 2, day, 10, minute);
const march = { from: "2025-03-01", to: "2025-03-31", site: "demo" };

/** The network of this file's people: their browsers at home, tied to one another. */
const HOME = newClient();

/** Sends the events as they happened (on time, in their month): one batch, so the answer's indexes are theirs. */
async function send(events: WireEvent[]) {
  const answers = await sendAsTheyHappened(events, async (batch) => {
    const response = await postEvents(makeBatch(batch), { client: HOME });
    expect(response.status).toBe(200);
    return (await response.json()) as { accepted: number; rejected: Array<{ index: number; code: string }> };
  });
  expect(answers).toHaveLength(1);
  return answers[0]!;
}

const identify = (visitorId: string, email: string, ts: number) =>
  makeEvent(visitorId, { type: "identify", ts, traits: { email, company: "Initech" } } as Partial<WireEvent>);

const demoRequest = (visitorId: string, email: string, ts: number) =>
  makeEvent(visitorId, {
    type: "form_submit",
    ts,
    formId: "demo",
    intent: "demo",
    url: "https://acme.test/demo",
    traits: { email, jobTitle: "VP Marketing", company: "Initech", companySize: 400 },
  } as Partial<WireEvent>);

/** Everything the reports answer for March, without the moment they were made. */
async function reports() {
  const query = { query: march };
  const [funnel, content, sources] = await Promise.all([
    api.GET("/v1/reports/funnel", { params: query }),
    api.GET("/v1/reports/content", { params: query }),
    api.GET("/v1/reports/sources", { params: query }),
  ]);
  return JSON.stringify([funnel.data, content.data, sources.data]);
}

async function status(path: string): Promise<number> {
  const response = await exports.default.fetch(
    new Request(`http://collector.test${path}`, {
      headers: { Authorization: `Bearer ${KEY}`, "CF-Connecting-IP": newClient() },
    }),
  );
  return response.status;
}

/** Every delivery body the webhooks object holds. */
function deliveryBodies(): Promise<string[]> {
  return runInDurableObject(webhooksStub(env.WEBHOOKS), (_, state) =>
    state.storage.sql
      .exec<{ body: string }>("SELECT body FROM deliveries")
      .toArray()
      .map((row) => row.body),
  );
}

describe("erasure", () => {
  it("erases a person everywhere; the reads answer as if it was never seen; its visitors and email are refused", async () => {
    const domain = `initech-${newId().toLowerCase()}.test`;
    const email = `peter@${domain}`;
    const colleagueEmail = `milton@${domain}`;
    const { data: endpoint } = await api.POST("/v1/webhooks", {
      body: { url: `https://erasure-${newId().toLowerCase()}.receiver.test/hook` },
    });

    // A colleague at the same company: the account outlives the person.
    const colleague = newId();
    await send([
      makeEvent(colleague, { ts: at(3), url: "https://acme.test/blog/tps-reports" }),
      demoRequest(colleague, colleagueEmail, at(3, 5)),
    ]);
    await eventually(
      () => api.GET("/v1/accounts/{domain}", { params: { path: { domain } } }),
      ({ data }) => data?.people.length === 1 && data.stage === "sqa",
    );
    const reportsBefore = await reports();
    const stageChangesBefore = (await api.GET("/v1/stage-changes", { params: { query: { limit: 200 } } })).data!.items;

    // The person: a phone that reads and identifies, a laptop that asks for a demo.
    const phone = newId();
    const laptop = newId();
    await send([
      makeEvent(phone, { ts: at(4), url: "https://acme.test/blog/abm?utm_source=newsletter" }),
      makeEvent(phone, { ts: at(4, 1), url: "https://acme.test/case-studies/globex", stage: "evaluation" }),
      identify(phone, email, at(4, 2)),
    ]);
    await send([
      makeEvent(laptop, { type: "pricing_view", ts: at(5), url: "https://acme.test/pricing", stage: undefined }),
      demoRequest(laptop, email, at(5, 1)),
    ]);
    const lead = await eventually(
      () => api.GET("/v1/leads", { params: { query: { email } } }),
      ({ data }) => data?.items[0]?.stage === "sql" && data.items[0].visitorIds.length === 2,
    );
    expect(lead.data!.items).toHaveLength(1);
    await eventually(reports, (now) => now !== reportsBefore);
    await eventually(deliveryBodies, (bodies) => bodies.some((body) => body.includes(email)));

    // The export holds every event of both devices.
    const exported = await api.GET("/v1/visitors/{visitorId}/export", { params: { path: { visitorId: laptop } } });
    expect(exported.response.status).toBe(200);
    expect(exported.data!.events).toHaveLength(5);
    expect(new Set(exported.data!.events.map((event) => event.visitorId))).toEqual(new Set([phone, laptop]));
    expect(exported.data!.qualification?.stage).toBe("sql");

    const erased = await api.DELETE("/v1/visitors/{visitorId}", { params: { path: { visitorId: phone } } });
    expect(erased.response.status).toBe(200);
    expect(erased.data).toEqual({ erased: { visitors: 2, events: 5 } });

    // Every read answers as if the person was never seen.
    for (const visitorId of [phone, laptop]) {
      expect(await status(`/v1/visitors/${visitorId}`)).toBe(404);
      expect(await status(`/v1/visitors/${visitorId}/events`)).toBe(404);
      expect(await status(`/v1/visitors/${visitorId}/export`)).toBe(404);
    }
    expect((await api.GET("/v1/leads", { params: { query: { email } } })).data!.items).toEqual([]);
    const everyone = JSON.stringify(
      await Promise.all(
        (["anonymous", "iql", "mql", "sql"] as const).map(
          async (stage) => (await api.GET("/v1/leads", { params: { query: { stage, limit: 200 } } })).data,
        ),
      ),
    );
    for (const trace of [email, phone, laptop]) expect(everyone).not.toContain(trace);
    // The account, its listing and its object's outbox hold nothing of the person once the
    // erasure answered: no waiting for the index.
    const account = await api.GET("/v1/accounts/{domain}", { params: { path: { domain } } });
    expect(account.data!.people).toHaveLength(1);
    expect(account.data!.stage).toBe("sqa");
    const listed = await api.GET("/v1/accounts", { params: { query: { limit: 200 } } });
    expect(JSON.stringify(listed.data)).toContain(domain);
    const outbox = await runInDurableObject(accountStub(env.ACCOUNTS, { space: "demo", domain }), (_, state) =>
      JSON.stringify(state.storage.sql.exec("SELECT * FROM index_outbox").toArray()),
    );
    for (const trace of [email, phone, laptop]) {
      expect(JSON.stringify([account.data, listed.data])).not.toContain(trace);
      expect(outbox).not.toContain(trace);
    }
    await eventually(reports, (now) => now === reportsBefore);
    const stageChanges = (await api.GET("/v1/stage-changes", { params: { query: { limit: 200 } } })).data!.items;
    expect(stageChanges.filter((change) => [phone, laptop].includes(change.visitorId))).toEqual([]);
    expect(stageChanges.length).toBeLessThanOrEqual(stageChangesBefore.length + 1);

    // Deliveries: none names the person; lead.erased says which visitors went, and nothing else.
    const bodies = await deliveryBodies();
    expect(bodies.filter((body) => body.includes(email))).toEqual([]);
    const erasedNotice = bodies.map((body) => JSON.parse(body)).find((body) => body.type === "lead.erased");
    expect(new Set(erasedNotice.data.visitorIds)).toEqual(new Set([phone, laptop]));
    expect(Object.keys(erasedNotice.data).sort()).toEqual(["at", "visitorIds"]);
    const deliveries = (
      await api.GET("/v1/webhooks/{id}/deliveries", { params: { path: { id: endpoint!.id }, query: { limit: 100 } } })
    ).data!.items;
    expect(deliveries.filter((delivery) => delivery.type === "lead.stage_changed")).toHaveLength(1); // the colleague's
    await eventually(
      async () => received,
      (bodies) => bodies.some((body) => body.includes('"lead.erased"')),
    );

    // The erased visitors and the email are refused, and stored nowhere.
    const later = await send([
      makeEvent(phone, { url: "https://acme.test/pricing", type: "pricing_view", stage: undefined }),
      makeEvent(laptop, { url: "https://acme.test/blog/abm" }),
    ]);
    expect(later.accepted).toBe(0);
    expect(later.rejected.map((r) => r.code)).toEqual(["suppressed", "suppressed"]);
    const newDevice = newId();
    const comeback = await send([
      makeEvent(newDevice, { url: "https://acme.test/blog/abm" }),
      demoRequest(newDevice, email.toUpperCase(), Date.now()),
    ]);
    expect(comeback.accepted).toBe(1);
    expect(comeback.rejected).toEqual([{ index: 1, code: "suppressed", message: expect.any(String) }]);
    expect((await api.GET("/v1/leads", { params: { query: { email } } })).data!.items).toEqual([]);
    const stored = await runInDurableObject(visitorStub(env.VISITORS, phone), (_, state) =>
      state.storage.sql.exec("SELECT count(*) AS n FROM events").one(),
    );
    expect(stored.n).toBe(0);

    // Idempotent: a repeat, by visitor or by email, erases nothing more.
    for (const repeat of [
      api.DELETE("/v1/visitors/{visitorId}", { params: { path: { visitorId: laptop } } }),
      api.DELETE("/v1/people", { params: { query: { email } } }),
    ]) {
      const { data, response } = await repeat;
      expect(response.status).toBe(200);
      expect(data).toEqual({ erased: { visitors: 0, events: 0 } });
    }
  });

  it("refuses the erased mailbox in any spelling: case, plus tags, Gmail's dots, googlemail.com", async () => {
    const name = `ana.bel${newId().toLowerCase()}`;
    const erasedAs = `${name}+news@gmail.com`;
    const visitor = newId();
    await send([identify(visitor, erasedAs, Date.now() - DAY)]);
    const erased = await api.DELETE("/v1/people", { params: { query: { email: erasedAs } } });
    expect(erased.response.status).toBe(200);

    const spellings = [
      erasedAs.toUpperCase(),
      `${name}@gmail.com`,
      `${name.replaceAll(".", "")}@gmail.com`,
      `${name.replace("ana.", "a.na.")}+jobs@googlemail.com`,
    ];
    const stranger = newId();
    const comeback = await send(spellings.map((email, i) => demoRequest(stranger, email, Date.now() + i)));
    expect(comeback.accepted).toBe(0);
    expect(comeback.rejected.map((rejection) => rejection.code)).toEqual(spellings.map(() => "suppressed"));
    for (const email of spellings) {
      expect((await api.GET("/v1/leads", { params: { query: { email: email.toLowerCase() } } })).data!.items).toEqual(
        [],
      );
    }
    // Asked again in another spelling, the erasure answers that nothing is left, not "never seen".
    const again = await api.DELETE("/v1/people", {
      params: { query: { email: `${name.replaceAll(".", "")}@googlemail.com` } },
    });
    expect(again.response.status).toBe(200);
    expect(again.data).toEqual({ erased: { visitors: 0, events: 0 } });
    // Another mailbox at the same provider is not refused.
    expect((await send([demoRequest(stranger, `other${newId().toLowerCase()}@gmail.com`, Date.now())])).accepted).toBe(
      1,
    );
  });

  it("erases a visitor that gave no email alone, and answers 404 for one never seen", async () => {
    const visitor = newId();
    await send([makeEvent(visitor, { ts: Date.now() - DAY }), makeEvent(visitor)]);
    const erased = await api.DELETE("/v1/visitors/{visitorId}", { params: { path: { visitorId: visitor } } });
    expect(erased.data).toEqual({ erased: { visitors: 1, events: 2 } });
    expect(await status(`/v1/visitors/${visitor}`)).toBe(404);
    const anonymous = await api.GET("/v1/leads", { params: { query: { stage: "anonymous", limit: 200 } } });
    expect(JSON.stringify(anonymous.data)).not.toContain(visitor);
    expect((await send([makeEvent(visitor)])).rejected[0]?.code).toBe("suppressed");

    const unknown = await api.DELETE("/v1/visitors/{visitorId}", { params: { path: { visitorId: newId() } } });
    expect(unknown.response.status).toBe(404);
    const nobody = await api.DELETE("/v1/people", { params: { query: { email: `nobody-${newId()}@example.test` } } });
    expect(nobody.response.status).toBe(404);
  });

  it("removes an account whose only person was erased", async () => {
    const domain = `solo-${newId().toLowerCase()}.test`;
    const visitor = newId();
    await send([makeEvent(visitor), demoRequest(visitor, `joanna@${domain}`, Date.now())]);
    await eventually(
      () => api.GET("/v1/accounts", { params: { query: { limit: 200 } } }),
      ({ data }) => JSON.stringify(data).includes(domain),
    );
    // Its stage changes (each naming the person) wait in the account's outbox until they land.
    const outbox = () =>
      runInDurableObject(accountStub(env.ACCOUNTS, { space: "demo", domain }), (_, state) =>
        JSON.stringify(state.storage.sql.exec("SELECT * FROM index_outbox").toArray()),
      );
    expect(await outbox()).toContain(`joanna@${domain}`);
    await api.DELETE("/v1/people", { params: { query: { email: `joanna@${domain}` } } });
    // Answered once the index no longer lists the account and its outbox names nobody.
    const { data } = await api.GET("/v1/accounts", { params: { query: { limit: 200 } } });
    expect(JSON.stringify(data)).not.toContain(domain);
    expect(await outbox()).not.toContain(`joanna@${domain}`);
    expect(await status(`/v1/accounts/${domain}`)).toBe(404);
  });

  it("finishes an erasure cut short: the person's alarm runs the stored plan to the end", async () => {
    const email = `cut-${newId().toLowerCase()}@short.test`;
    const visitor = newId();
    await send([makeEvent(visitor), demoRequest(visitor, email, Date.now())]);
    await eventually(
      () => api.GET("/v1/leads", { params: { query: { email } } }),
      ({ data }) => data?.items.length === 1,
    );
    // The request stored its plan and ran its first step, then the collector stopped.
    const person = personStub(env.PEOPLE, { space: "demo", email });
    await runInDurableObject(person, (_, state) => {
      const plan = { email, space: "demo", visitorIds: [visitor], at: Date.now() };
      state.storage.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('erasure', ?)", JSON.stringify(plan));
    });
    // Copies sent meanwhile are ignored, and the alarm finishes the erasure.
    await send([makeEvent(visitor, { url: "https://acme.test/pricing", type: "pricing_view", stage: undefined })]);
    expect(await runDurableObjectAlarm(person)).toBe(true);
    expect(await status(`/v1/visitors/${visitor}`)).toBe(404);
    expect((await api.GET("/v1/leads", { params: { query: { email } } })).data!.items).toEqual([]);
    expect((await send([makeEvent(visitor)])).rejected[0]?.code).toBe("suppressed");
    const repeat = await api.DELETE("/v1/people", { params: { query: { email } } });
    expect(repeat.data).toEqual({ erased: { visitors: 0, events: 0 } });
  });
});
