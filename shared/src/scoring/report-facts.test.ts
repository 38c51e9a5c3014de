/** A lead's report facts on journeys whose answers are worked out by hand. */
import { describe, expect, it } from "vitest";
import { Journey } from "./journey.ts";
import { defaultModel } from "./model.ts";
import { assessPerson, personEvents } from "./people.ts";
import { FACT_PAGES_LIMIT, leadFacts } from "./report-facts.ts";
import { scoreVisitor } from "./score.ts";

const MINUTE = 60_000;
const start = Date.UTC(2026, 2, 2, 9, 0);
const ana = { email: "ana@acme.test", jobTitle: "VP of Marketing", company: "Acme", companySize: 200 };

function facts(j: Journey) {
  return leadFacts(j.events, scoreVisitor(j.events, defaultModel, j.now), defaultModel);
}

describe("leadFacts", () => {
  it("keeps its first pages only, and names no page it left out", () => {
    const j = new Journey({ start });
    for (let i = 0; i <= FACT_PAGES_LIMIT; i++) j.view(`/blog/post-${i}`, { after: 0.01 });
    j.form("demo", { intent: "demo", page: "/demo", traits: ana });
    const f = facts(j);
    expect(f.pages).toHaveLength(FACT_PAGES_LIMIT);
    expect(f.pages.at(-1)!.path).toBe(`/blog/post-${FACT_PAGES_LIMIT - 1}`);
    // The last page viewed before SQL was the 201st: left out, so the last kept one is named.
    expect(f.lastPageBefore.sql).toBe(`/blog/post-${FACT_PAGES_LIMIT - 1}`);
  });

  it("dates each stage first reached and the last page before it", () => {
    const j = new Journey({ start });
    j.view("/blog/abm/?utm_source=newsletter&utm_medium=email", { stage: "awareness" }); // 09:01
    j.view("/blog/mql-vs-sql"); // 09:02
    j.form("newsletter", { intent: "newsletter", page: "/blog/mql-vs-sql", traits: { email: ana.email } }); // 09:03 iql
    j.view("/blog/inbound"); // 09:04: a third content view → mql
    j.pricing(); // 09:05
    j.form("demo", { intent: "demo", page: "/demo", traits: ana }); // 09:06 sql
    expect(facts(j)).toEqual({
      firstSeen: start + MINUTE,
      reached: { iql: start + 3 * MINUTE, mql: start + 4 * MINUTE, sql: start + 6 * MINUTE },
      lastPageBefore: { iql: "/blog/mql-vs-sql", mql: "/blog/inbound", sql: "/pricing" },
      disqualified: false,
      recycled: false,
      firstTouch: expect.objectContaining({ channel: "email", landingPage: "/blog/abm" }),
      pages: [
        {
          path: "/blog/abm",
          title: null,
          stage: "awareness",
          views: 1,
          firstViewAt: start + MINUTE,
          lastViewAt: start + MINUTE,
        },
        {
          path: "/blog/mql-vs-sql",
          title: null,
          stage: "awareness",
          views: 1,
          firstViewAt: start + 2 * MINUTE,
          lastViewAt: start + 2 * MINUTE,
        },
        {
          path: "/blog/inbound",
          title: null,
          stage: "awareness",
          views: 1,
          firstViewAt: start + 4 * MINUTE,
          lastViewAt: start + 4 * MINUTE,
        },
        {
          path: "/pricing",
          title: null,
          stage: "decision",
          views: 1,
          firstViewAt: start + 5 * MINUTE,
          lastViewAt: start + 5 * MINUTE,
        },
      ],
    });
  });

  it("counts a jump from anonymous straight to SQL as reaching IQL and MQL at that moment", () => {
    const j = new Journey({ start });
    j.view("/case-studies/acme");
    j.form("demo", { intent: "demo", page: "/demo", traits: ana }); // 09:02: anonymous → sql
    const f = facts(j);
    expect(f.reached).toEqual({ iql: start + 2 * MINUTE, mql: start + 2 * MINUTE, sql: start + 2 * MINUTE });
    expect(f.lastPageBefore).toEqual({
      iql: "/case-studies/acme",
      mql: "/case-studies/acme",
      sql: "/case-studies/acme",
    });
  });

  it("keeps what was reached after decay or sales moved the lead down, and marks recycling", () => {
    const j = new Journey({ start });
    j.form("demo", { intent: "demo", page: "/demo", traits: ana }); // sql
    j.sales("rejected", "not ready"); // sql → mql, recycled
    j.wait(200); // decay takes engagement far down: still an mql (recycled)
    const f = facts(j);
    expect(f.reached).toEqual({ iql: start + MINUTE, mql: start + MINUTE, sql: start + MINUTE });
    expect(f.recycled).toBe(true);
    expect(f.disqualified).toBe(false);
    // Nothing was viewed before any stage.
    expect(f.lastPageBefore).toEqual({ iql: null, mql: null, sql: null });
  });

  it("reaches nothing in a disqualified spell", () => {
    const j = new Journey({ start });
    j.view("/blog/abm");
    j.form("newsletter", { intent: "newsletter", traits: { email: "pablo@uni.test", jobTitle: "Student" } });
    const f = facts(j);
    expect(f.reached).toEqual({ iql: null, mql: null, sql: null });
    expect(f.disqualified).toBe(true);
    expect(f.recycled).toBe(false);
  });

  it("a person's facts come from the union of its browsers, each event once", () => {
    const phone = new Journey({ visitor: 1, start });
    phone.view("/blog/abm");
    phone.identify({ email: ana.email });
    const laptop = new Journey({ visitor: 2, firstId: 100, start: start + 10 * MINUTE });
    laptop.view("/blog/abm");
    laptop.form("demo", { intent: "demo", page: "/demo", traits: ana });
    // The phone's first view arrives twice (a retry stored under both browsers): one event.
    const union = [...phone.events, ...laptop.events, { ...phone.events[0]!, visitorId: laptop.visitorId }];
    const { qualification } = assessPerson(ana.email, union, defaultModel, laptop.now)!;
    const f = leadFacts(personEvents(union), qualification, defaultModel);
    expect(f.pages).toEqual([
      {
        path: "/blog/abm",
        title: null,
        stage: "awareness",
        views: 2,
        firstViewAt: start + MINUTE,
        lastViewAt: start + 11 * MINUTE,
      },
    ]);
    expect(f.reached.iql).toBe(start + 2 * MINUTE);
    expect(f.reached.sql).toBe(start + 12 * MINUTE);
  });
});
