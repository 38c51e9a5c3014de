import { env } from "cloudflare:workers";
import type { LeadStageChange, Qualification } from "@embudo/shared";
import { afterEach, describe, expect, it, vi } from "vitest";
import { newId } from "../../test/requests.ts";
import type { LeadRow } from "../storage/leads-index.ts";
import { type IndexWrite, keyOf, type VersionedWrite } from "./messages.ts";
import { applyIndexWrites, landedVersions } from "./writes.ts";

/** A lead row whose listed qualification is just a marker, to tell writes apart. */
function row(leadId: string, marker: string): LeadRow {
  return {
    leadId,
    visitorId: newId(),
    site: "demo",
    space: "demo",
    stage: "anonymous",
    engagement: 1,
    fit: 0,
    email: null,
    qualification: JSON.stringify({ marker }),
    firstSeen: Date.now(),
    facts: "{}",
  };
}

function versioned(write: IndexWrite, version: number): VersionedWrite {
  return { key: keyOf(write), version, write };
}

async function markerOf(leadId: string): Promise<string | null> {
  const found = await env.DB.prepare("SELECT qualification FROM leads WHERE lead_id = ?")
    .bind(leadId)
    .first<string>("qualification");
  return found === null ? null : (JSON.parse(found) as { marker: string }).marker;
}

/**
 * The test's D1, except that a batch with a statement bound to a value containing `marker` fails
 * as D1 fails a row over its limits (local D1 does not enforce Cloudflare's 2 MB).
 */
function refusing(marker: string): D1Database {
  const poisoned = new WeakSet<D1PreparedStatement>();
  return {
    prepare(query: string) {
      const statement = env.DB.prepare(query);
      return {
        bind(...values: unknown[]) {
          const bound = statement.bind(...values);
          if (values.some((value) => typeof value === "string" && value.includes(marker))) poisoned.add(bound);
          return bound;
        },
      };
    },
    batch(statements: D1PreparedStatement[]) {
      if (statements.some((statement) => poisoned.has(statement))) {
        return Promise.reject(new Error("D1_ERROR: string or blob too big: SQLITE_TOOBIG"));
      }
      return env.DB.batch(statements);
    },
  } as unknown as D1Database;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("applyIndexWrites", () => {
  it("keeps the newest write of a row whatever order the writes arrive in, copies included", async () => {
    const leadId = `visitor:${newId()}`;
    const v1 = versioned({ kind: "lead", row: row(leadId, "v1"), changedAt: 1 }, 100);
    const v2 = versioned({ kind: "lead", row: row(leadId, "v2"), changedAt: 2 }, 200);
    await applyIndexWrites({ db: env.DB }, [v2]);
    await applyIndexWrites({ db: env.DB }, [v1]); // late, from a retried batch
    expect(await markerOf(leadId)).toBe("v2");
    await applyIndexWrites({ db: env.DB }, [v2, v1, v2]); // copies in one batch
    expect(await markerOf(leadId)).toBe("v2");
    expect(await landedVersions(env.DB, [keyOf(v1.write)])).toEqual(new Map([[keyOf(v1.write), 200]]));
  });

  it("never brings back a removed row from a late copy of an older write", async () => {
    const leadId = `visitor:${newId()}`;
    const upsert = versioned({ kind: "lead", row: row(leadId, "anonymous row"), changedAt: 1 }, 100);
    const removal = versioned({ kind: "lead_removed", leadId }, 101);
    await applyIndexWrites({ db: env.DB }, [upsert]);
    await applyIndexWrites({ db: env.DB }, [removal]);
    await applyIndexWrites({ db: env.DB }, [upsert]);
    expect(await markerOf(leadId)).toBeNull();
  });

  it("moves a visitor's link only forward", async () => {
    const visitorId = newId();
    const toPerson = versioned({ kind: "link", visitorId, leadId: "person:ana@acme.test" }, 300);
    const toItself = versioned({ kind: "link", visitorId, leadId: `visitor:${visitorId}` }, 200);
    await applyIndexWrites({ db: env.DB }, [toPerson, toItself]);
    const linked = await env.DB.prepare("SELECT lead_id FROM lead_visitors WHERE visitor_id = ?")
      .bind(visitorId)
      .first<string>("lead_id");
    expect(linked).toBe("person:ana@acme.test");
  });

  it("records a stage change once, however often it is delivered", async () => {
    const change: LeadStageChange = {
      leadId: `person:${newId().toLowerCase()}@once.test`,
      visitorId: newId(),
      email: "x@once.test",
      site: "demo",
      sequence: 1,
      previousStage: "anonymous",
      stage: "iql",
      at: new Date().toISOString(),
      reason: "identify",
      rule: "identified",
      eventId: newId(),
      recordedAt: new Date().toISOString(),
    };
    const qualification = { visitorId: change.visitorId, visitorIds: [change.visitorId] } as Qualification;
    const write = versioned({ kind: "stage_change", change, qualification }, 500);
    await applyIndexWrites({ db: env.DB }, [write, write]);
    await applyIndexWrites({ db: env.DB }, [write]);
    const { results } = await env.DB.prepare("SELECT change FROM stage_changes WHERE lead_id = ?")
      .bind(change.leadId)
      .all<{ change: string }>();
    expect(results.map((r) => JSON.parse(r.change))).toEqual([change]);
  });

  it("logs a write D1 refuses for good once, records it as landed, and applies the rest of its batch", async () => {
    const good = `visitor:${newId()}`;
    const refused = `visitor:${newId()}`;
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const writes = [
      versioned({ kind: "lead", row: row(refused, "too big"), changedAt: 1 }, 100),
      versioned({ kind: "lead", row: row(good, "good"), changedAt: 1 }, 100),
    ];
    await applyIndexWrites({ db: refusing("too big") }, writes);
    expect(await markerOf(good)).toBe("good");
    expect(await markerOf(refused)).toBeNull();
    expect(logged.mock.calls.map((call) => String(call[0])).filter((line) => line.includes("for good"))).toHaveLength(
      1,
    );
    // Landed, as far as any sweep can tell: nobody sends it again.
    expect((await landedVersions(env.DB, [`lead:${refused}`])).get(`lead:${refused}`)).toBe(100);
  });

  it("throws when D1 fails in a way a retry may fix, so the caller retries", async () => {
    const failing = {
      prepare: env.DB.prepare.bind(env.DB),
      batch: () => Promise.reject(new Error("D1_ERROR: Network connection lost.")),
    } as unknown as D1Database;
    const write = versioned({ kind: "lead", row: row(`visitor:${newId()}`, "x"), changedAt: 1 }, 1);
    await expect(applyIndexWrites({ db: failing }, [write])).rejects.toThrow(/Network connection lost/);
  });
});

describe("applyIndexWrites with webhooks", () => {
  it("raises a stage change's version only after webhooks have it, so a failed hand-over is applied again", async () => {
    const change: LeadStageChange = {
      leadId: `person:${newId().toLowerCase()}@handover.test`,
      visitorId: newId(),
      email: "x@handover.test",
      site: "demo",
      sequence: 1,
      previousStage: null,
      stage: "mql",
      at: new Date().toISOString(),
      reason: "download x.pdf",
      rule: "engagement 40 ≥ 30",
      eventId: newId(),
      recordedAt: new Date().toISOString(),
    };
    const qualification = { visitorId: change.visitorId, visitorIds: [change.visitorId] } as Qualification;
    const write = versioned({ kind: "stage_change", change, qualification }, 700);
    const account = versioned(
      {
        kind: "account_stage_change",
        change: {
          domain: "handover.test",
          space: "demo",
          previousStage: null,
          stage: "known",
          at: change.at,
          sequence: 1,
          account: { people: [] } as never,
        },
      },
      701,
    );
    const published: string[] = [];
    const down = () => Promise.reject(new Error("webhooks object unavailable"));
    await expect(applyIndexWrites({ db: env.DB, publish: down }, [write, account])).rejects.toThrow(/unavailable/);
    // The row is there, but the change has not landed: the sweep will apply it again.
    expect(await landedVersions(env.DB, [write.key, account.key])).toEqual(new Map());
    const publish = async (events: { type: string; messageId: string }[]) => {
      published.push(...events.map((event) => `${event.type} ${event.messageId}`));
    };
    await applyIndexWrites({ db: env.DB, publish }, [write, account]);
    await applyIndexWrites({ db: env.DB, publish }, [write, account]);
    expect(await landedVersions(env.DB, [write.key, account.key])).toEqual(
      new Map([
        [write.key, 700],
        [account.key, 701],
      ]),
    );
    // Published twice with the same ids: the webhooks object keeps one delivery per id.
    expect(published).toHaveLength(4);
    expect(new Set(published).size).toBe(2);
    expect(published[0]).toMatch(/^lead\.stage_changed msg_[0-9a-f]{32}$/);
  });
});

describe("writes staged before people spaces", () => {
  it("apply in the space from before spaces, where their rows and keys stayed", async () => {
    const leadId = `person:${newId().toLowerCase()}@before.test`;
    const { space: _, ...lead } = row(leadId, "before spaces");
    const domain = `${newId().toLowerCase()}.before.test`;
    const account = { domain, stage: "known", engagement: 1, fit: 0, account: "{}" };
    const staged = [
      { key: `lead:${leadId}`, version: 1, write: { kind: "lead", row: lead, changedAt: Date.now() } },
      { key: `account:${domain}`, version: 1, write: { kind: "account", row: account, changedAt: Date.now() } },
    ] as unknown as VersionedWrite[];
    await applyIndexWrites({ db: env.DB }, staged);
    expect(await env.DB.prepare("SELECT space FROM leads WHERE lead_id = ?").bind(leadId).first("space")).toBe("");
    expect(
      await env.DB.prepare("SELECT space, domain FROM accounts WHERE account_id = ?").bind(domain).first(),
    ).toEqual({ space: "", domain });
    const removed = { kind: "account_removed", domain } as unknown as IndexWrite;
    await applyIndexWrites({ db: env.DB }, [{ key: `account:${domain}`, version: 2, write: removed }]);
    expect(await env.DB.prepare("SELECT 1 FROM accounts WHERE account_id = ?").bind(domain).first()).toBeNull();
  });
});
