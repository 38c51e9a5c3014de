import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import {
  assessVisitor,
  defaultModel,
  leadFacts,
  type Qualification,
  type StageChange,
  type WireEvent,
} from "@embudo/shared";
import { describe, expect, it, vi } from "vitest";
import { makeEvent, newId } from "../../test/requests.ts";
import type { IndexMessage, IndexWrite } from "../index-projection/messages.ts";
import { IndexOutbox, OUTBOX_SCHEMA } from "../index-projection/outbox.ts";
import { leadRow, personLeadId } from "../storage/leads-index.ts";
import { DETAIL_DELAY_MS } from "./derived-write.ts";
import { LeadProjection, observedStageChange } from "./lead-projection.ts";
import { visitorStub } from "./object-naming.ts";
import { ObjectState } from "./object-state.ts";
import type { StoredEvent } from "./stored-events.ts";

const lead = {
  leadId: "person:ana@acme.test",
  visitorId: "01JD0000000000000000000000",
  email: "ana@acme.test",
  site: "demo",
};
const NOW = Date.UTC(2026, 11, 3, 12);

function change(stage: StageChange["stage"], minute: number, eventId: string | null = `event-${minute}`): StageChange {
  return {
    stage,
    at: new Date(Date.UTC(2026, 11, 3, 11, minute)).toISOString(),
    reason: eventId ? `form_submit at ${minute}` : "decay: engagement below 30",
    rule: `rule at ${minute}`,
    eventId,
  };
}

/** A qualification with only what stage changes read: the stage and its history. */
function scored(...history: StageChange[]): Qualification {
  return { stage: history.at(-1)!.stage, stageHistory: history } as Qualification;
}

describe("observedStageChange", () => {
  it("does not record a visitor's first stage, anonymous: every visitor starts there", () => {
    expect(observedStageChange(lead, scored(change("anonymous", 1)), null, NOW)).toBeNull();
  });

  it("records a lead's first other stage from the stage the engine had before", () => {
    const q = scored(change("anonymous", 1), change("iql", 2));
    expect(observedStageChange(lead, q, null, NOW)).toEqual({
      ...lead,
      sequence: 1,
      previousStage: "anonymous",
      stage: "iql",
      at: change("iql", 2).at,
      reason: "form_submit at 2",
      rule: "rule at 2",
      eventId: "event-2",
      recordedAt: new Date(NOW).toISOString(),
    });
    // A lead whose very first stage was already past anonymous had none before.
    expect(observedStageChange(lead, scored(change("mql", 1)), null, NOW)).toMatchObject({
      sequence: 1,
      previousStage: null,
      stage: "mql",
    });
  });

  it("records nothing while the stage is the one last recorded, whatever else moved", () => {
    const q = scored(change("anonymous", 1), change("mql", 2), change("sql", 3), change("mql", 4));
    expect(observedStageChange(lead, q, { stage: "mql", sequence: 4 }, NOW)).toBeNull();
  });

  it("collapses the changes between two scores into one, with the latest's time, reason and event", () => {
    const q = scored(change("anonymous", 1), change("iql", 2), change("mql", 3), change("sql", 4));
    expect(observedStageChange(lead, q, { stage: "iql", sequence: 1 }, NOW)).toMatchObject({
      sequence: 2,
      previousStage: "iql",
      stage: "sql",
      at: change("sql", 4).at,
      eventId: "event-4",
    });
  });

  it("records a change time alone made, with no deciding event", () => {
    const q = scored(change("anonymous", 1), change("mql", 2), change("anonymous", 30, null));
    expect(observedStageChange(lead, q, { stage: "mql", sequence: 7 }, NOW)).toMatchObject({
      sequence: 8,
      previousStage: "mql",
      stage: "anonymous",
      reason: "decay: engagement below 30",
      eventId: null,
    });
  });
});

/** A person's lead scored by the engine from `events` (content views, then whatever is given). */
function scoredLead(email: string, visitorId: string, events: Partial<WireEvent>[], now: number) {
  const stored = events.map((overrides, i) => {
    const event = makeEvent(visitorId, { ts: now - (events.length - i) * 1000, ...overrides });
    return { ...event, site: "demo", receivedAt: now, clientTs: event.ts } as StoredEvent;
  });
  const { qualification, events: scored } = assessVisitor(stored, defaultModel, now);
  const lead = { leadId: personLeadId({ space: "demo", email }), site: "demo", space: "demo" };
  const row = leadRow(lead, qualification, leadFacts(scored, qualification, defaultModel));
  return { row, qualification };
}

/**
 * Runs `test` with a projection in a fresh Durable Object's storage; `send` sends what it staged
 * and answers the writes that went out.
 */
function withProjection<T>(
  test: (projection: LeadProjection, send: () => Promise<IndexWrite[]>) => Promise<T>,
): Promise<T> {
  const messages: IndexMessage[] = [];
  const queue = { send: vi.fn(async (message: IndexMessage) => void messages.push(structuredClone(message))) };
  return runInDurableObject(visitorStub(env.VISITORS, newId()), async (_, ctx) => {
    const state = new ObjectState(ctx.storage, [OUTBOX_SCHEMA], "index_outbox");
    const outbox = new IndexOutbox(state, queue as unknown as Queue, { db: env.DB });
    return test(new LeadProjection(state, outbox), async () => {
      await outbox.send(Date.now());
      const writes = messages.flatMap((message) => message.writes.map((w) => w.write));
      messages.length = 0;
      return writes;
    });
  });
}

describe("LeadProjection", () => {
  const identify = (email: string) => ({ type: "identify", traits: { email } }) as Partial<WireEvent>;

  it("writes the row and records the stage change once; the same lead again writes nothing", async () => {
    const email = `ana-${newId().toLowerCase()}@acme.test`;
    const visitor = newId();
    const now = Date.now();
    await withProjection(async (projection, send) => {
      // A page read anonymously, then the identification: the first change reads anonymous → iql.
      const { row, qualification } = scoredLead(email, visitor, [{}, identify(email)], now);
      expect(projection.listed).toBe(false);
      await projection.project(row, qualification, now, "ingest");
      const writes = await send();
      expect(writes.map((write) => write.kind)).toEqual(["lead", "stage_change"]);
      expect(writes[1]).toMatchObject({ change: { sequence: 1, previousStage: "anonymous", stage: "iql" } });
      expect(projection.listed).toBe(true);
      await projection.project(row, qualification, now + 1, "ingest");
      expect(await send()).toEqual([]);
    });
  });

  it("defers a change of details alone during ingestion, and writes a change of stage at once", async () => {
    const email = `ana-${newId().toLowerCase()}@acme.test`;
    const visitor = newId();
    const now = Date.now();
    await withProjection(async (projection, send) => {
      const first = scoredLead(email, visitor, [identify(email)], now);
      await projection.project(first.row, first.qualification, now, "ingest");
      await send();
      // A title changes what the row shows, not its stage or scores: it waits for the alarm.
      const details = scoredLead(
        email,
        visitor,
        [identify(email), { title: "Pricing", url: "https://acme.test/x" }],
        now,
      );
      details.row = { ...details.row, stage: first.row.stage, engagement: first.row.engagement, fit: first.row.fit };
      expect(await projection.project(details.row, details.qualification, now, "ingest")).toBe(now + DETAIL_DELAY_MS);
      expect(await send()).toEqual([]);
      // The alarm writes it.
      await projection.project(details.row, details.qualification, now + DETAIL_DELAY_MS, "alarm");
      expect((await send()).map((write) => write.kind)).toEqual(["lead"]);
    });
  });

  it("leaves the index with its history, and a lead seen again numbers its changes on", async () => {
    const email = `ana-${newId().toLowerCase()}@acme.test`;
    const visitor = newId();
    const now = Date.now();
    await withProjection(async (projection, send) => {
      const { row, qualification } = scoredLead(email, visitor, [identify(email)], now);
      await projection.project(row, qualification, now, "ingest");
      await send();
      projection.leave(row.leadId, now + 1);
      expect(await send()).toEqual([
        { kind: "lead_removed", leadId: row.leadId },
        { kind: "history_removed", leadId: row.leadId },
      ]);
      expect(projection.listed).toBe(false);
      await projection.project(row, qualification, now + 2, "ingest");
      const again = await send();
      expect(again.map((write) => write.kind)).toEqual(["lead", "stage_change"]);
      expect(again[1]).toMatchObject({ change: { sequence: 2, stage: "iql" } });
    });
  });
});
