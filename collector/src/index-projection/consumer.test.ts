import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { newId } from "../../test/requests.ts";
import { consumeIndexWrites } from "./consumer.ts";
import { type IndexMessage, type IndexWrite, keyOf } from "./messages.ts";

function message(write: IndexWrite, version: number) {
  const body: IndexMessage = { writes: [{ key: keyOf(write), version, write }] };
  return { id: newId(), timestamp: new Date(), attempts: 1, body };
}

describe("the index queue's consumer", () => {
  it("applies a batch from many objects in one go, the newest write of each row winning", async () => {
    const [a, b] = [newId(), newId()];
    const batch = createMessageBatch<IndexMessage>("embudo-index", [
      message({ kind: "link", visitorId: a, leadId: "person:late@acme.test" }, 300),
      message({ kind: "link", visitorId: b, leadId: `visitor:${b}` }, 100),
      message({ kind: "link", visitorId: a, leadId: `visitor:${a}` }, 200), // older, arriving later
    ]);
    const ctx = createExecutionContext();
    await consumeIndexWrites(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toHaveLength(0);
    expect(result.ackAll).toBe(true);
    const links = await env.DB.prepare("SELECT visitor_id, lead_id FROM lead_visitors WHERE visitor_id IN (?, ?)")
      .bind(a, b)
      .all<{ visitor_id: string; lead_id: string }>();
    expect(Object.fromEntries(links.results.map((r) => [r.visitor_id, r.lead_id]))).toEqual({
      [a]: "person:late@acme.test",
      [b]: `visitor:${b}`,
    });
  });

  it("acknowledges a message of the webhook queue of earlier versions with the rest, rather than failing the batch", async () => {
    const visitor = newId();
    const old = { id: newId(), timestamp: new Date(), attempts: 1, body: { deliveryId: "dlv_x", attempt: 1 } };
    const batch = createMessageBatch<IndexMessage>("embudo-index", [
      old as unknown as ReturnType<typeof message>,
      message({ kind: "link", visitorId: visitor, leadId: `visitor:${visitor}` }, 1),
    ]);
    const ctx = createExecutionContext();
    await consumeIndexWrites(batch, env);
    expect((await getQueueResult(batch, ctx)).ackAll).toBe(true);
    const link = await env.DB.prepare("SELECT lead_id FROM lead_visitors WHERE visitor_id = ?").bind(visitor).first();
    expect(link).toEqual({ lead_id: `visitor:${visitor}` });
  });

  it("has the queue deliver the batch again when D1 fails", async () => {
    const batch = createMessageBatch<IndexMessage>("embudo-index", [
      message({ kind: "link", visitorId: newId(), leadId: "person:x@acme.test" }, 1),
    ]);
    const down = {
      ...env,
      DB: { prepare: env.DB.prepare.bind(env.DB), batch: () => Promise.reject(new Error("D1_ERROR: overloaded")) },
    };
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const ctx = createExecutionContext();
      await consumeIndexWrites(batch, down as unknown as Env);
      const result = await getQueueResult(batch, ctx);
      expect(result.ackAll).toBe(false);
      expect(result.retryBatch).toMatchObject({ retry: true });
    } finally {
      logged.mockRestore();
    }
  });
});
