/** The funnel on the synthetic population; every answer below was worked out by hand. */
import { describe, expect, it } from "vitest";
import { type CohortLead, cohortOf } from "./cohort.ts";
import { funnelReport } from "./funnel.ts";
import { population } from "./test-population.ts";

const march = { from: "2026-03-01", to: "2026-03-31", site: "acme" };

describe("funnelReport", () => {
  it("counts reached, conversions and median days for the cohort", () => {
    const report = funnelReport(cohortOf(population, march), march);
    expect(report).toMatchObject({ from: "2026-03-01", to: "2026-03-31", site: "acme" });
    expect(report.stages).toEqual([
      // A, B, C, D, E, H: F was first seen in February, G on another site.
      { stage: "anonymous", reached: 6 },
      // A, B, C, H. Waits: A 1 h, B 2 h, C 1 d, H 4 h → median of (2 h, 4 h) = 3 h = 0.125 d.
      {
        stage: "iql",
        reached: 4,
        conversionFromPrevious: 0.6667,
        conversionFromStart: 0.6667,
        medianDaysFromPrevious: 0.13,
      },
      // A 1 d 23 h, B 0 (straight to SQL counts as reaching MQL then), C 2 d, H 0 → (0 + 1.9583) / 2.
      {
        stage: "mql",
        reached: 4,
        conversionFromPrevious: 1,
        conversionFromStart: 0.6667,
        medianDaysFromPrevious: 0.98,
      },
      // A 2 d, B 0, H 1 d.
      { stage: "sql", reached: 3, conversionFromPrevious: 0.75, conversionFromStart: 0.5, medianDaysFromPrevious: 1 },
    ]);
    expect(report.disqualified).toBe(1); // E
    expect(report.recycled).toBe(1); // H
    for (const figure of ["cohort", "reached", "conversionFromPrevious", "medianDaysFromPrevious", "recycled"]) {
      expect(report.definitions[figure]).toMatch(/\w+ \w+/);
    }
  });

  it("draws the cohort from the first to the last millisecond of its UTC days", () => {
    const seenAt = (firstSeen: number): CohortLead => ({ site: "acme", facts: { ...population[3]!.facts, firstSeen } });
    const edges = [
      seenAt(Date.UTC(2026, 2, 31, 23, 59, 59, 999)), // the last millisecond of `to`: in
      seenAt(Date.UTC(2026, 3, 1)), // the first of the day after: out
      seenAt(Date.UTC(2026, 2, 1)), // the first of `from`: in
      seenAt(Date.UTC(2026, 2, 1) - 1), // the last of the day before: out
    ];
    expect(cohortOf(edges, march).map((facts) => facts.firstSeen)).toEqual([
      Date.UTC(2026, 2, 31, 23, 59, 59, 999),
      Date.UTC(2026, 2, 1),
    ]);
  });

  it("takes every site when none is given, and nothing outside the days asked", () => {
    const all = { from: "2026-03-01", to: "2026-03-31", site: null };
    const report = funnelReport(cohortOf(population, all), all);
    expect(report.stages.map((step) => step.reached)).toEqual([7, 5, 4, 3]); // G adds an IQL
    const oneDay = { from: "2026-03-02", to: "2026-03-02", site: "acme" };
    expect(funnelReport(cohortOf(population, oneDay), oneDay).stages.map((step) => step.reached)).toEqual([1, 1, 1, 1]);
    const empty = { from: "2027-01-01", to: "2027-01-31", site: null };
    expect(funnelReport(cohortOf(population, empty), empty).stages).toEqual([
      { stage: "anonymous", reached: 0 },
      {
        stage: "iql",
        reached: 0,
        conversionFromPrevious: null,
        conversionFromStart: null,
        medianDaysFromPrevious: null,
      },
      {
        stage: "mql",
        reached: 0,
        conversionFromPrevious: null,
        conversionFromStart: null,
        medianDaysFromPrevious: null,
      },
      {
        stage: "sql",
        reached: 0,
        conversionFromPrevious: null,
        conversionFromStart: null,
        medianDaysFromPrevious: null,
      },
    ]);
  });
});
