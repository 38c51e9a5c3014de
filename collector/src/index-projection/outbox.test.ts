import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { newId } from "../../test/requests.ts";
import { visitorStub } from "../objects/object-naming.ts";
import { ObjectState } from "../objects/object-state.ts";
import type { IndexMessage, IndexWrite } from "./messages.ts";
import { IndexOutbox, OUTBOX_SCHEMA, SWEEP_AFTER_MS } from "./outbox.ts";
import { applyIndexWrites } from "./writes.ts";

/** A queue that keeps what it is sent, or refuses everything. */
function fakeQueue({ refuse = false } = {}) {
  const sent: IndexMessage[] = [];
  const queue = {
    send: vi.fn(async (message: IndexMessage) => {
      if (refuse) throw new Error("Queue send failed: queue unavailable");
      sent.push(structuredClone(message));
    }),
  };
  return { sent, queue: queue as unknown as Queue };
}

/** Runs `test` with an outbox in a fresh Durable Object's storage. */
function withOutbox<T>(queue: Queue, test: (outbox: IndexOutbox) => Promise<T>, db = env.DB): Promise<T> {
  return runInDurableObject(visitorStub(env.VISITORS, newId()), (_, state) =>
    test(new IndexOutbox(new ObjectState(state.storage, [OUTBOX_SCHEMA], "index_outbox"), queue, { db })),
  );
}

function link(visitorId: string, leadId = `visitor:${visitorId}`): IndexWrite {
  return { kind: "link", visitorId, leadId };
}

async function linkOf(visitorId: string): Promise<string | null> {
  return env.DB.prepare("SELECT lead_id FROM lead_visitors WHERE visitor_id = ?").bind(visitorId).first("lead_id");
}

describe("IndexOutbox", () => {
  it("sends what it staged as one message, versions rising, and keeps it until the sweep sees it landed", async () => {
    const { sent, queue } = fakeQueue();
    const [a, b] = [newId(), newId()];
    const now = Date.now();
    await withOutbox(queue, async (outbox) => {
      outbox.stage([link(a), link(b)], now);
      await outbox.send(now);
      expect(sent).toHaveLength(1);
      const [first, second] = sent[0]!.writes;
      expect(second!.version).toBeGreaterThan(first!.version);
      expect(outbox.nextSweepAt()).toBe(now + SWEEP_AFTER_MS);
      // Nothing left unsent: a second send sends nothing.
      await outbox.send(now);
      expect(sent).toHaveLength(1);
      // The consumer applies the message; the sweep then forgets it without writing again.
      await applyIndexWrites({ db: env.DB }, sent[0]!.writes);
      await outbox.sweep(now + SWEEP_AFTER_MS);
      expect(outbox.size).toBe(0);
      expect(outbox.nextSweepAt()).toBe(Number.POSITIVE_INFINITY);
    });
    expect(await linkOf(a)).toBe(`visitor:${a}`);
  });

  it("writes to D1 itself what the queue lost, and only that", async () => {
    const { sent, queue } = fakeQueue();
    const [delivered, lost] = [newId(), newId()];
    const now = Date.now();
    await withOutbox(queue, async (outbox) => {
      outbox.stage([link(delivered)], now);
      await outbox.send(now);
      outbox.stage([link(lost)], now + 1);
      await outbox.send(now + 1);
      // The first message is delivered; the second is lost, as a restart loses local queues.
      await applyIndexWrites({ db: env.DB }, sent[0]!.writes);
      // Changed by someone else since: the sweep must not write the delivered one again.
      await env.DB.prepare("UPDATE lead_visitors SET lead_id = 'touched' WHERE visitor_id = ?").bind(delivered).run();
      await outbox.sweep(now + SWEEP_AFTER_MS - 1);
      expect(await linkOf(lost)).toBeNull(); // not due yet
      await outbox.sweep(now + 1 + SWEEP_AFTER_MS);
      expect(outbox.size).toBe(0);
    });
    expect(await linkOf(lost)).toBe(`visitor:${lost}`);
    expect(await linkOf(delivered)).toBe("touched");
  });

  it("keeps only the newest write of a row, and sends it", async () => {
    const { sent, queue } = fakeQueue();
    const visitorId = newId();
    const now = Date.now();
    await withOutbox(queue, async (outbox) => {
      outbox.stage([link(visitorId)], now);
      outbox.stage([link(visitorId, "person:ana@acme.test")], now);
      expect(outbox.size).toBe(1);
      await outbox.send(now);
    });
    expect(sent[0]!.writes.map((w) => w.write)).toEqual([link(visitorId, "person:ana@acme.test")]);
  });

  it("leaves a message the queue refuses for the sweep, due at once", async () => {
    const { queue } = fakeQueue({ refuse: true });
    const visitorId = newId();
    const now = Date.now();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await withOutbox(queue, async (outbox) => {
        outbox.stage([link(visitorId)], now);
        await outbox.send(now);
        expect(outbox.nextSweepAt()).toBe(now);
        await outbox.sweep(now);
        expect(outbox.size).toBe(0);
      });
    } finally {
      logged.mockRestore();
    }
    expect(await linkOf(visitorId)).toBe(`visitor:${visitorId}`);
  });

  it("writes at once what a request must not answer without, leaving it staged if D1 fails", async () => {
    const { sent, queue } = fakeQueue();
    const visitorId = newId();
    const now = Date.now();
    await withOutbox(queue, async (outbox) => {
      await outbox.writeNow([link(visitorId)], now);
      expect(outbox.size).toBe(0);
    });
    expect(sent).toHaveLength(0);
    expect(await linkOf(visitorId)).toBe(`visitor:${visitorId}`);

    const down = { batch: () => Promise.reject(new Error("D1_ERROR: Network connection lost.")) };
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await withOutbox(
        queue,
        async (outbox) => {
          await outbox.writeNow([link(newId())], now);
          expect(outbox.size).toBe(1);
          expect(outbox.nextSweepAt()).toBe(now);
        },
        { prepare: env.DB.prepare.bind(env.DB), ...down } as unknown as D1Database,
      );
    } finally {
      logged.mockRestore();
    }
  });

  it("gives versions above every earlier one even when the clock goes back", async () => {
    const { sent, queue } = fakeQueue();
    const visitorId = newId();
    const now = Date.now();
    await withOutbox(queue, async (outbox) => {
      outbox.stage([link(visitorId)], now);
      await outbox.send(now);
      outbox.stage([link(visitorId, "person:ana@acme.test")], now - 60_000);
      await outbox.send(now - 60_000);
    });
    expect(sent[1]!.writes[0]!.version).toBeGreaterThan(sent[0]!.writes[0]!.version);
  });
});
