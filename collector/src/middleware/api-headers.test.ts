import { listDurableObjectIds } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { KEY, makeBatch, makeEvent, newId, postEvents, request } from "../../test/requests.ts";
import { visitorObjectName } from "../objects/object-naming.ts";

const auth = { Authorization: `Bearer ${KEY}` };

describe("API answers", () => {
  it.each([
    ["a qualification", () => postEvents(makeBatch([makeEvent(newId())])), (id: string) => `/v1/visitors/${id}`],
    ["a leads page", null, () => "/v1/leads"],
    ["a 404", null, () => `/v1/visitors/${newId()}`],
    ["a 400", null, () => "/v1/leads?stage=hot"],
    ["a 401", null, () => "/v1/leads"],
    ["an unknown route", null, () => "/v1/nothing"],
    ["the health check", null, () => "/health"],
  ])("are not stored or sniffed: %s", async (what, setup, path) => {
    const visitor = newId();
    if (setup) await postEvents(makeBatch([makeEvent(visitor)]));
    const response = await request(path(visitor), { headers: what === "a 401" ? {} : auth });
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it("are not stored or sniffed from ingestion either", async () => {
    const response = await postEvents(makeBatch([makeEvent(newId())]));
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});

describe("reads of a visitor never seen", () => {
  it("leave no Durable Object behind", async () => {
    const objectOf = (visitorId: string) => env.VISITORS.idFromName(visitorObjectName(visitorId)).toString();
    const existing = async () => new Set((await listDurableObjectIds(env.VISITORS)).map((id) => id.toString()));
    const never = newId();
    expect((await request(`/v1/visitors/${never}`, { headers: auth })).status).toBe(404);
    const feedback = await request(`/v1/visitors/${never}/feedback`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ outcome: "accepted" }),
    });
    expect(feedback.status).toBe(404);
    expect((await existing()).has(objectOf(never))).toBe(false);

    // A visitor that sent an event has its object, as before.
    const seen = newId();
    await postEvents(makeBatch([makeEvent(seen)]));
    expect((await existing()).has(objectOf(seen))).toBe(true);
  });
});
