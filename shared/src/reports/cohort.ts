/**
 * What every report shares: its period and site, the cohort it reads (the leads first seen in the
 * period, and everything they did since), and a few small numeric helpers.
 */
import { z } from "zod";
import type { LeadFacts } from "../scoring/report-facts.ts";
import { DAY } from "../time.ts";

/** A UTC calendar day, `YYYY-MM-DD`. */
export const daySchema = z.iso.date().describe("A UTC day, YYYY-MM-DD.");

/** What a report is about, as every report answers it. */
export const reportScopeFields = {
  from: daySchema.describe("The first day of the cohort (UTC, inclusive)."),
  to: daySchema.describe("The last day of the cohort (UTC, inclusive)."),
  site: z.string().nullable().describe("The site key the cohort is limited to, or null for every site."),
};

/** Who a report counts, as every report's `definitions.cohort` says it. */
export const COHORT_DEFINITION =
  "The people (every visitor that gave one email, as one) and anonymous visitors first seen between from and to " +
  "(UTC days, inclusive), on the site when one is given; everything they did since counts.";

/** Plain sentences, one per figure, saying how it is computed. */
export const definitionsSchema = z
  .record(z.string(), z.string())
  .describe("How each figure is computed, in one plain sentence per figure.");

/** A report's period and site. */
export interface ReportScope {
  from: string;
  to: string;
  site: string | null;
}

/** A lead as a report reads it: its facts, and the site of its (primary) visitor. */
export interface CohortLead {
  site: string;
  facts: LeadFacts;
}

/** The period in milliseconds: from the start of `from` to the end of `to` (UTC). */
export function periodOf(scope: ReportScope): { start: number; end: number } {
  return { start: Date.parse(`${scope.from}T00:00:00.000Z`), end: Date.parse(`${scope.to}T00:00:00.000Z`) + DAY - 1 };
}

/** The cohort: leads of the site (any, when null) first seen within the period. */
export function cohortOf(leads: readonly CohortLead[], scope: ReportScope): LeadFacts[] {
  const { start, end } = periodOf(scope);
  const inCohort = (lead: CohortLead) =>
    (scope.site === null || lead.site === scope.site) && lead.facts.firstSeen >= start && lead.facts.firstSeen <= end;
  return leads.filter(inCohort).map((lead) => lead.facts);
}

/** `part / whole` rounded to 4 decimals, or null when `whole` is 0. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** The median of `values`, or null when there are none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Milliseconds in days, rounded to 2 decimals. */
export function days(ms: number): number {
  return Math.round((ms / DAY) * 100) / 100;
}
