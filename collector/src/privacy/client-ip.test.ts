/**
 * Client IP addresses are used only as the rate limiters' key, in memory: a full journey sent from
 * one address (ingestion, identification, an account, a webhook, sales feedback, every read)
 * leaves it in no Durable Object, no D1 table and no log line.
 */
import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { WireEvent } from "@embudo/shared";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eventually, KEY, makeBatch, makeEvent, newId, ORIGIN } from "../../test/requests.ts";
import { accountStub, personStub, visitorStub, webhooksStub } from "../objects/object-naming.ts";

/** A documentation address (RFC 5737) no other test uses. */
const CLIENT_IP = "198.51.100.73";

const logged: string[] = [];
const realFetch = globalThis.fetch;
beforeAll(() => {
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "));
      original(...args);
    });
  }
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const req = new Request(input as RequestInfo, init);
    if (new URL(req.url).hostname.endsWith(".receiver.test")) return new Response(null, { status: 200 });
    return realFetch(input as RequestInfo, init);
  });
});
afterAll(() => {
  vi.restoreAllMocks();
});

/** A request from the one client address, as a browser behind a proxy would send it. */
function fromClient(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  return exports.default.fetch(
    new Request(`http://collector.test${path}`, {
      ...init,
      headers: { "CF-Connecting-IP": CLIENT_IP, "X-Forwarded-For": `${CLIENT_IP}, 10.0.0.1`, ...init.headers },
    }),
  );
}

const authorized = { Authorization: `Bearer ${KEY}` };

/** Every row of every table of a Durable Object's SQLite, as text. */
function dumpObject(stub: DurableObjectStub): Promise<string> {
  return runInDurableObject(stub, (_, state) => {
    const tables = state.storage.sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '_cf_%'")
      .toArray();
    return JSON.stringify(tables.map(({ name }) => state.storage.sql.exec(`SELECT * FROM "${name}"`).toArray()));
  });
}

/** Every row of every D1 table, as text. */
async function dumpDatabase(): Promise<string> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'",
  ).all<{ name: string }>();
  const rows = await Promise.all(results.map(({ name }) => env.DB.prepare(`SELECT * FROM "${name}"`).all()));
  return JSON.stringify(rows.map((r) => r.results));
}

describe("client IP addresses", () => {
  it("are stored nowhere and logged nowhere on a full journey", async () => {
    const domain = `ip-${newId().toLowerCase()}.test`;
    const email = `ana@${domain}`;
    const visitor = newId();
    const hook = await fromClient("/v1/webhooks", {
      method: "POST",
      headers: { ...authorized, "Content-Type": "application/json" },
      body: JSON.stringify({ url: `https://ip-${newId().toLowerCase()}.receiver.test/in` }),
    });
    expect(hook.status).toBe(201);
    const events: WireEvent[] = [
      makeEvent(visitor, { url: "https://acme.test/blog/abm", referrer: "https://www.google.com/" }),
      makeEvent(visitor, { type: "pricing_view", url: "https://acme.test/pricing", stage: undefined }),
      makeEvent(visitor, {
        type: "form_submit",
        formId: "demo",
        intent: "demo",
        url: "https://acme.test/demo",
        traits: { email, jobTitle: "CMO", company: "IP Test", companySize: 300 },
      } as Partial<WireEvent>),
    ];
    const ingested = await fromClient("/v1/events", {
      method: "POST",
      headers: { "Content-Type": "text/plain", Origin: ORIGIN },
      body: JSON.stringify(makeBatch(events)),
    });
    expect(await ingested.json()).toMatchObject({ accepted: 3, rejected: [] });
    // Invalid input too: its error must not echo the address either.
    expect((await fromClient("/v1/events", { method: "POST", body: "{" })).status).toBe(400);
    await eventually(
      () => fromClient(`/v1/accounts/${domain}`, { headers: authorized }),
      (response) => response.status === 200,
    );
    for (const path of [
      `/v1/visitors/${visitor}`,
      `/v1/visitors/${visitor}/events`,
      `/v1/visitors/${visitor}/export`,
      `/v1/leads?email=${email}`,
      "/v1/stage-changes",
      "/v1/reports/funnel",
    ]) {
      const response = await fromClient(path, { headers: authorized });
      expect(response.status, path).toBe(200);
      expect(await response.text()).not.toContain(CLIENT_IP);
    }
    const feedback = await fromClient(`/v1/visitors/${visitor}/feedback`, {
      method: "POST",
      headers: { ...authorized, "Content-Type": "application/json" },
      body: JSON.stringify({ outcome: "accepted" }),
    });
    expect(feedback.status).toBe(200);
    // The stage change reached the webhook's receiver.
    const webhooks = webhooksStub(env.WEBHOOKS);
    await eventually(
      () => dumpObject(webhooks),
      (dump) => dump.includes("lead.stage_changed") && dump.includes('"succeeded"'),
    );

    const stores = await Promise.all([
      dumpObject(visitorStub(env.VISITORS, visitor)),
      dumpObject(personStub(env.PEOPLE, { space: "demo", email })),
      dumpObject(accountStub(env.ACCOUNTS, { space: "demo", domain })),
      dumpObject(webhooks),
      dumpDatabase(),
    ]);
    // The journey is there (the check can fail), and the address is not.
    expect(stores.join("\n")).toContain(email);
    for (const store of stores) expect(store).not.toContain(CLIENT_IP);
    expect(logged.filter((line) => line.includes(CLIENT_IP))).toEqual([]);
  });
});
