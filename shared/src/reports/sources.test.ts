/** The sources report on the synthetic population; every answer below was worked out by hand. */
import { describe, expect, it } from "vitest";
import type { CostItem } from "../api.ts";
import type { LeadFacts } from "../scoring/report-facts.ts";
import { cohortOf } from "./cohort.ts";
import { sourcesReport } from "./sources.ts";
import { population } from "./test-population.ts";

/** March and the first half of April: spend of both months counts. */
const period = { from: "2026-03-01", to: "2026-04-15", site: "acme" };
const spend = (month: string, source: string, campaign: string | null, amount: number, currency = "EUR"): CostItem => ({
  month,
  source,
  campaign,
  amount,
  currency,
});
const costs = [
  spend("2026-02", "linkedin", "q4-abm", 1000), // before the period
  spend("2026-03", "linkedin", "q4-abm", 1500),
  spend("2026-04", "linkedin", "q4-abm", 600),
  spend("2026-05", "linkedin", "q4-abm", 700), // after it
  spend("2026-03", "google", "brand", 300),
  spend("2026-03", "capterra", null, 200), // nobody came from it
];
const none = { cost: null, currency: null, costPerMql: null, costPerSql: null };

describe("sourcesReport", () => {
  it("groups by first touch, counts each group's funnel and divides spend over two months by it", () => {
    const report = sourcesReport(cohortOf(population, period), period, "campaign", costs);
    expect(report.groupBy).toBe("campaign");
    expect(report.items).toEqual([
      {
        channel: "paid_social",
        source: "linkedin",
        medium: "paid_social",
        campaign: "q4-abm",
        visitors: 2, // A and C
        reached: { iql: 2, mql: 2, sql: 1 },
        conversionRate: { mql: 1, sql: 0.5 },
        cost: 2100, // March 1500 + April 600
        currency: "EUR",
        costPerMql: 1050,
        costPerSql: 2100,
      },
      {
        channel: "direct",
        source: null,
        medium: null,
        campaign: null,
        visitors: 1,
        reached: { iql: 0, mql: 0, sql: 0 },
        conversionRate: { mql: 0, sql: 0 },
        ...none,
      },
      {
        channel: "email",
        source: "newsletter",
        medium: "email",
        campaign: "march",
        visitors: 1,
        reached: { iql: 0, mql: 0, sql: 0 },
        conversionRate: { mql: 0, sql: 0 },
        ...none,
      },
      {
        channel: "organic_search",
        source: "www.google.com",
        medium: null,
        campaign: null,
        visitors: 1,
        reached: { iql: 1, mql: 1, sql: 1 },
        conversionRate: { mql: 1, sql: 1 },
        ...none,
      },
      {
        channel: "paid_search",
        source: "google",
        medium: "cpc",
        campaign: "brand",
        visitors: 1,
        reached: { iql: 1, mql: 1, sql: 1 },
        conversionRate: { mql: 1, sql: 1 },
        cost: 300,
        currency: "EUR",
        costPerMql: 300,
        costPerSql: 300,
      },
    ]);
    expect(report.unattributedCost).toEqual([{ source: "capterra", campaign: null, amount: 200, currency: "EUR" }]);
    expect(report.definitions.costPerMql).toMatch(/reached\.mql/);
  });

  it("by channel and by source, counting every spend item once", () => {
    const byChannel = sourcesReport(cohortOf(population, period), period, "channel", costs);
    expect(byChannel.items.map((item) => [item.channel, item.source, item.visitors, item.cost])).toEqual([
      ["paid_social", null, 2, 2100],
      ["direct", null, 1, null],
      ["email", null, 1, null],
      ["organic_search", null, 1, null],
      ["paid_search", null, 1, 300],
    ]);
    const bySource = sourcesReport(cohortOf(population, period), period, "source", costs);
    expect(bySource.items[0]).toMatchObject({
      channel: "paid_social",
      source: "linkedin",
      medium: null,
      campaign: null,
    });
    const total = (report: typeof byChannel) => report.items.reduce((sum, item) => sum + (item.cost ?? 0), 0);
    expect(total(byChannel)).toBe(2400);
    expect(total(bySource)).toBe(2400);
  });

  it("gives a campaign's spend to one row only: its paid channel first", () => {
    // A third LinkedIn lead came from a shared post tagged with the same campaign: organic.
    const shared: LeadFacts = {
      ...population[2]!.facts,
      firstSeen: Date.UTC(2026, 2, 20),
      firstTouch: { ...population[2]!.facts.firstTouch!, channel: "organic_social", medium: "social" },
    };
    const cohort = [...cohortOf(population, period), shared, shared];
    const report = sourcesReport(cohort, period, "campaign", costs);
    const linkedin = report.items.filter((item) => item.source === "linkedin");
    // Two rows of two visitors each (in key order); the spend bought the paid one.
    expect(linkedin.map((item) => [item.channel, item.visitors, item.cost])).toEqual([
      ["organic_social", 2, null],
      ["paid_social", 2, 2100],
    ]);
  });

  it("answers no cost for a row whose spend is in two currencies", () => {
    const mixed = [spend("2026-03", "google", "brand", 300), spend("2026-04", "google", "brand", 100, "USD")];
    const report = sourcesReport(cohortOf(population, period), period, "campaign", mixed);
    expect(report.items.find((item) => item.source === "google")).toMatchObject(none);
  });
});
