/** The content report on the synthetic population; every answer below was worked out by hand. */
import { describe, expect, it } from "vitest";
import { cohortOf } from "./cohort.ts";
import { contentReport } from "./content.ts";
import { population } from "./test-population.ts";

const march = { from: "2026-03-01", to: "2026-03-31", site: "acme" };
const third = 0.3333;

describe("contentReport", () => {
  const report = contentReport(cohortOf(population, march), march, 50);
  const item = (path: string) => report.items.find((candidate) => candidate.path === path);

  it("orders pages by influenced MQLs, then visitors, then path", () => {
    expect(report.items.map((candidate) => candidate.path)).toEqual([
      "/blog/abm",
      "/pricing",
      "/case-studies/acme",
      "/compare",
      "/webinar",
      "/blog/mql",
      "/careers",
    ]);
    expect(report.itemsTotal).toBe(7);
    expect(report.qualified).toEqual({ mql: 4, sql: 3 });
  });

  it("counts views, visitors, influence and first, last and linear credit per page", () => {
    expect(item("/blog/abm")).toEqual({
      path: "/blog/abm",
      // The latest view with a title: C's on March 3 (D's later view had none).
      title: "ABM guide (2026)",
      stage: "awareness",
      views: 6, // A 2, C 1, D 3
      visitors: 3,
      influenced: { mql: 2, sql: 1 }, // A and C before MQL; A before SQL
      conversionRate: { mql: 0.6667, sql: third },
      attributed: {
        mql: { first: 2, last: 0, linear: 1 }, // A ½ (abm, case study), C ½ (abm, webinar)
        sql: { first: 1, last: 0, linear: third }, // A: abm, case study, pricing
      },
    });
    expect(item("/pricing")).toMatchObject({
      stage: "decision",
      views: 3,
      visitors: 2,
      // A first viewed pricing after reaching MQL, before SQL; H before both.
      influenced: { mql: 1, sql: 2 },
      conversionRate: { mql: 0.5, sql: 1 },
      attributed: { mql: { first: 1, last: 1, linear: 1 }, sql: { first: 1, last: 2, linear: 1.3333 } },
    });
    expect(item("/case-studies/acme")).toMatchObject({
      influenced: { mql: 1, sql: 1 },
      attributed: { mql: { first: 0, last: 1, linear: 0.5 }, sql: { first: 0, last: 0, linear: third } },
    });
    expect(item("/compare")).toMatchObject({
      attributed: { mql: { first: 1, last: 1, linear: 1 }, sql: { first: 1, last: 1, linear: 1 } },
    });
    expect(item("/webinar")).toMatchObject({
      influenced: { mql: 1, sql: 0 },
      conversionRate: { mql: 1, sql: 0 },
      attributed: { mql: { first: 0, last: 1, linear: 0.5 }, sql: { first: 0, last: 0, linear: 0 } },
    });
    // C read it after becoming an MQL: no influence, no credit.
    expect(item("/blog/mql")).toMatchObject({ influenced: { mql: 0, sql: 0 }, conversionRate: { mql: 0, sql: 0 } });
  });

  it("shares credit so that each kind sums to the MQLs and SQLs", () => {
    for (const stage of ["mql", "sql"] as const) {
      const sum = (kind: "first" | "last" | "linear") =>
        report.items.reduce((total, candidate) => total + candidate.attributed[stage][kind], 0);
      expect(sum("first")).toBe(report.qualified[stage]);
      expect(sum("last")).toBe(report.qualified[stage]);
      expect(sum("linear")).toBeCloseTo(report.qualified[stage], 3);
    }
  });

  it("credits nothing for an MQL that viewed no page before qualifying", () => {
    const noPages = {
      ...population[1]!.facts,
      firstSeen: Date.UTC(2026, 2, 20),
      pages: [],
      lastPageBefore: { iql: null, mql: null, sql: null },
    };
    const withIt = contentReport([...cohortOf(population, march), noPages], march, 50);
    expect(withIt.qualified).toEqual({ mql: 5, sql: 4 });
    const linear = withIt.items.reduce((total, candidate) => total + candidate.attributed.mql.linear, 0);
    expect(linear).toBeCloseTo(4, 3);
  });

  it("answers at most `limit` pages, the first ones in order", () => {
    const short = contentReport(cohortOf(population, march), march, 2);
    expect(short.items.map((candidate) => candidate.path)).toEqual(["/blog/abm", "/pricing"]);
    expect(short.itemsTotal).toBe(7);
  });
});
