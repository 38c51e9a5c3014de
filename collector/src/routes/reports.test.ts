/**
 * The reports through the real Worker and the typed client: a small population ingested in June
 * 2025 (a period no other test writes to), read back with answers worked out by hand. Every
 * figure's arithmetic is tested on a larger population in shared/src/reports/.
 */
import { env } from "cloudflare:workers";
import type { WireEvent } from "@embudo/shared";
import { describe, expect, it } from "vitest";
import {
  api,
  eventually,
  KEY,
  makeBatch,
  makeEvent,
  newId,
  postEvents,
  request,
  sendAsTheyHappened,
} from "../../test/requests.ts";

const at = (day: number, minute = 0) => Date.UTC(2025, 5, day, 10, minute);
const june = { from: "2025-06-01", to: "2025-06-30", site: "demo" };

/** Sends the events as they happened (on time, in their month), none refused. */
async function send(events: WireEvent[]) {
  await sendAsTheyHappened(events, async (batch) => {
    const response = await postEvents(makeBatch(batch));
    expect(response.status).toBe(200);
    expect((await response.json()) as object).toMatchObject({ rejected: [] });
  });
}

describe("GET /v1/reports/*", () => {
  it("answers the funnel, the content and the sources of the leads first seen in a period", async () => {
    const buyer = newId();
    const reader = newId();
    const later = newId();
    const email = `ceo.${buyer.toLowerCase()}@globex-reports.test`;
    await send([
      makeEvent(buyer, {
        ts: at(2),
        url: "https://acme.test/blog/abm?utm_source=LinkedIn&utm_medium=paid_social&utm_campaign=q2",
        referrer: "https://www.linkedin.com/",
        stage: "awareness",
      }),
      makeEvent(buyer, { ts: at(2, 1), url: "https://acme.test/case-studies/acme", stage: "evaluation" }),
      makeEvent(buyer, {
        type: "form_submit",
        ts: at(2, 2),
        url: "https://acme.test/case-studies/acme",
        formId: "newsletter",
        intent: "newsletter",
        traits: { email },
      } as Partial<WireEvent>),
      makeEvent(buyer, { type: "pricing_view", ts: at(2, 3), url: "https://acme.test/pricing", stage: undefined }),
      makeEvent(buyer, {
        type: "form_submit",
        ts: at(2, 4),
        url: "https://acme.test/demo",
        formId: "demo",
        intent: "demo",
        traits: { email, jobTitle: "CEO", company: "Globex", companySize: 200 },
      } as Partial<WireEvent>),
    ]);
    await send([makeEvent(reader, { ts: at(3), url: "https://acme.test/blog/abm/", stage: "awareness" })]);
    // First seen in July: outside the cohort.
    await send([makeEvent(later, { ts: Date.UTC(2025, 6, 2), url: "https://acme.test/blog/abm" })]);
    await api.PUT("/v1/costs", {
      body: { items: [{ month: "2025-06", source: "linkedin", campaign: "q2", amount: 600, currency: "EUR" }] },
    });

    const funnel = await eventually(
      async () => (await api.GET("/v1/reports/funnel", { params: { query: june } })).data!,
      (report) => report.stages.at(-1)?.reached === 1,
    );
    expect(funnel.stages).toEqual([
      { stage: "anonymous", reached: 2 },
      // The buyer: IQL with the newsletter at 10:02, MQL with the pricing view at 10:03 (engagement
      // 3 + 6 + 20 + 15 ≥ 30), SQL with the demo request at 10:04: minutes, 0.00 days each.
      { stage: "iql", reached: 1, conversionFromPrevious: 0.5, conversionFromStart: 0.5, medianDaysFromPrevious: 0 },
      { stage: "mql", reached: 1, conversionFromPrevious: 1, conversionFromStart: 0.5, medianDaysFromPrevious: 0 },
      { stage: "sql", reached: 1, conversionFromPrevious: 1, conversionFromStart: 0.5, medianDaysFromPrevious: 0 },
    ]);
    expect(funnel).toMatchObject({ ...june, disqualified: 0, recycled: 0 });

    const { data: content } = await api.GET("/v1/reports/content", { params: { query: { ...june, limit: 2 } } });
    expect(content!.itemsTotal).toBe(3);
    expect(content!.qualified).toEqual({ mql: 1, sql: 1 });
    expect(content!.items[0]).toEqual({
      // One page, however it was linked (query and trailing slash aside).
      path: "/blog/abm",
      title: "Account-based marketing",
      stage: "awareness",
      views: 2,
      visitors: 2,
      influenced: { mql: 1, sql: 1 },
      conversionRate: { mql: 0.5, sql: 0.5 },
      attributed: { mql: { first: 1, last: 0, linear: 0.3333 }, sql: { first: 1, last: 0, linear: 0.3333 } },
    });
    expect(content!.items.map((item) => item.path)).toEqual(["/blog/abm", "/case-studies/acme"]);

    const { data: sources } = await api.GET("/v1/reports/sources", { params: { query: june } });
    expect(sources!.items).toEqual([
      {
        channel: "direct",
        source: null,
        medium: null,
        campaign: null,
        visitors: 1,
        reached: { iql: 0, mql: 0, sql: 0 },
        conversionRate: { mql: 0, sql: 0 },
        cost: null,
        currency: null,
        costPerMql: null,
        costPerSql: null,
      },
      {
        channel: "paid_social",
        source: "linkedin",
        medium: "paid_social",
        campaign: "q2",
        visitors: 1,
        reached: { iql: 1, mql: 1, sql: 1 },
        conversionRate: { mql: 1, sql: 1 },
        cost: 600,
        currency: "EUR",
        costPerMql: 600,
        costPerSql: 600,
      },
    ]);
    expect(sources!.definitions.costPerMql).toBeTruthy();
  });

  it("refuses a cohort heavier than one report reads, before reading it", async () => {
    // 25 leads of 1 MB of facts each, first seen in May 2025 on a site of their own.
    const facts = JSON.stringify({ pages: [], padding: "x".repeat(1024 * 1024) });
    const insert = env.DB.prepare(
      `INSERT INTO leads (lead_id, visitor_id, site, stage, engagement, fit, email, changed_at, qualification,
         first_seen, facts) VALUES (?1, ?1, 'heavy', 'anonymous', 0, 0, NULL, 0, '{}', ?2, ?3)`,
    );
    await env.DB.batch(
      Array.from({ length: 25 }, (_, i) => insert.bind(`visitor:heavy-${i}`, Date.UTC(2025, 4, 10), facts)),
    );
    const { error, response } = await api.GET("/v1/reports/funnel", {
      params: { query: { from: "2025-05-01", to: "2025-05-31", site: "heavy" } },
    });
    expect(response.status).toBe(400);
    expect(error!.error.code).toBe("cohort_too_large");
    expect(error!.error.message).toMatch(/fewer days or one site/);
  });

  it("covers the last 30 days by default and refuses what it cannot answer", async () => {
    const { data } = await api.GET("/v1/reports/funnel", { params: { query: {} } });
    const today = new Date().toISOString().slice(0, 10);
    expect(data!.to).toBe(today);
    expect(Date.parse(data!.to) - Date.parse(data!.from)).toBe(29 * 86_400_000);
    expect(data!.site).toBeNull();
    const backwards = await api.GET("/v1/reports/funnel", {
      params: { query: { from: "2025-06-02", to: "2025-06-01" } },
    });
    expect(backwards.error!.error.code).toBe("invalid_query");
    for (const query of ["from=2025-6-1", "groupBy=week", "limit=501", "since=2025-06-01"]) {
      const path = query.startsWith("groupBy") ? "sources" : query.startsWith("limit") ? "content" : "funnel";
      const response = await request(`/v1/reports/${path}?${query}`, { headers: { Authorization: `Bearer ${KEY}` } });
      expect(response.status, query).toBe(400);
    }
  });
});
