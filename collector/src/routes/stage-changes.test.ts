import type { WireEvent } from "@embudo/shared";
import { describe, expect, it } from "vitest";
import type { paths, Schema } from "../../client/index.ts";
import { api, errorCode, eventually, get, KEY, makeBatch, makeEvent, newId, postEvents } from "../../test/requests.ts";

type StageChangesQuery = NonNullable<paths["/v1/stage-changes"]["get"]["parameters"]["query"]>;
type LeadStageChange = Schema<"LeadStageChange">;

async function stageChanges(query: StageChangesQuery = {}) {
  const { data, response } = await api.GET("/v1/stage-changes", { params: { query } });
  expect(response.status).toBe(200);
  return data!;
}

/** Every recorded change of `leadId`, oldest first. */
async function changesOf(leadId: string): Promise<LeadStageChange[]> {
  const items: LeadStageChange[] = [];
  let cursor: string | null = null;
  do {
    const page = await stageChanges({ limit: 200, ...(cursor ? { cursor } : {}) });
    items.push(...page.items.filter((item) => item.leadId === leadId));
    cursor = page.nextCursor;
  } while (cursor);
  return items.sort((a, b) => a.sequence - b.sequence);
}

describe("GET /v1/stage-changes", () => {
  it("records each change of a lead once, in sequence, with its previous stage, rule and deciding event", async () => {
    const visitor = newId();
    const email = `buyer.${visitor.toLowerCase()}@initech-corp.test`;
    const leadId = `person:demo:${email}`;
    await postEvents(makeBatch([makeEvent(visitor), makeEvent(visitor, { url: "https://acme.test/blog/mql" })]));
    const identify = makeEvent(visitor, { type: "identify", traits: { email } } as Partial<WireEvent>);
    await postEvents(makeBatch([identify]));
    const [identified] = await eventually(
      () => changesOf(leadId),
      (changes) => changes.length === 1,
    );
    expect(identified).toMatchObject({
      leadId,
      visitorId: visitor,
      email,
      site: "demo",
      sequence: 1,
      previousStage: "anonymous",
      stage: "iql",
      eventId: identify.id,
    });
    // The identify's time, as the collector corrected it for the browser's clock.
    expect(Math.abs(Date.parse(identified!.at) - identify.ts)).toBeLessThan(1_000);

    const demo = makeEvent(visitor, {
      type: "form_submit",
      url: "https://acme.test/demo",
      formId: "demo-request",
      intent: "demo",
      traits: { email, jobTitle: "VP Marketing", company: "Initech", companySize: "200" },
    } as Partial<WireEvent>);
    await postEvents(makeBatch([demo]));
    const rejected = await api.POST("/v1/visitors/{visitorId}/feedback", {
      params: { path: { visitorId: visitor } },
      body: { outcome: "rejected", reason: "not ready" },
    });
    expect(rejected.data?.stage).toBe("mql");
    const changes = await eventually(
      () => changesOf(leadId),
      (found) => found.length === 3,
    );
    expect(changes.map((c) => [c.sequence, c.previousStage, c.stage])).toEqual([
      [1, "anonymous", "iql"],
      [2, "iql", "sql"],
      [3, "sql", "mql"],
    ]);
    expect(changes[1]!.eventId).toBe(demo.id);
    expect(changes[2]!.reason).toBe("sales rejected: not ready");
    // The visitor's own anonymous spell recorded nothing: every visitor starts there.
    expect(await changesOf(`visitor:${visitor}`)).toEqual([]);

    // Filtered by the new stage, newest first.
    const toSql = await stageChanges({ stage: "sql", site: "demo", limit: 200 });
    expect(toSql.items.every((item) => item.stage === "sql" && item.site === "demo")).toBe(true);
    expect(toSql.items.map((item) => item.eventId)).toContain(demo.id);
    expect((await stageChanges({ site: "elsewhere" })).items).toEqual([]);
  });

  it("pages newest first, each change once", async () => {
    const visitors = Array.from({ length: 7 }, () => newId());
    await postEvents(
      makeBatch(
        visitors.map((visitor, i) =>
          makeEvent(visitor, {
            type: "identify",
            traits: { email: `page${i}.${visitor.toLowerCase()}@paging.test` },
          } as Partial<WireEvent>),
        ),
      ),
    );
    const leads = new Set(visitors.map((visitor, i) => `person:demo:page${i}.${visitor.toLowerCase()}@paging.test`));
    await eventually(
      () => stageChanges({ stage: "iql", limit: 200 }),
      (page) => page.items.filter((item) => leads.has(item.leadId)).length === visitors.length,
    );
    const seen: LeadStageChange[] = [];
    let cursor: string | null = null;
    do {
      const page = await stageChanges({ stage: "iql", limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const ids = seen.map((item) => `${item.leadId}#${item.sequence}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(seen.filter((item) => leads.has(item.leadId))).toHaveLength(visitors.length);
    const times = seen.map((item) => Date.parse(item.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("refuses an unknown stage, parameter or cursor, and a missing key", async () => {
    for (const [query, code] of [
      ["stage=hot", "invalid_query"],
      ["email=a@b.test", "invalid_query"],
      ["cursor=nope", "invalid_cursor"],
    ]) {
      const response = await get(`/v1/stage-changes?${query}`, KEY);
      expect(response.status, query).toBe(400);
      expect(await errorCode(response)).toBe(code);
    }
    expect((await get("/v1/stage-changes")).status).toBe(401);
  });
});
