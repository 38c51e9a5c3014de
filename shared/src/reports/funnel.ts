/**
 * The funnel report: how many leads of a cohort reached each stage, how many of them converted
 * from the stage before, and how long that took.
 */
import { z } from "zod";
import type { LeadFacts } from "../scoring/report-facts.ts";
import { FUNNEL_STAGES, type FunnelStage } from "../scoring/stage-names.ts";
import {
  COHORT_DEFINITION,
  days,
  definitionsSchema,
  median,
  type ReportScope,
  ratio,
  reportScopeFields,
} from "./cohort.ts";

const funnelStepSchema = z.object({
  stage: z.enum(FUNNEL_STAGES),
  reached: z.number().int().nonnegative(),
  conversionFromPrevious: z.number().nullable(),
  conversionFromStart: z.number().nullable(),
  medianDaysFromPrevious: z.number().nullable(),
});

/** `GET /v1/reports/funnel`: how far the cohort went down the funnel, and how fast. */
export const funnelReportSchema = z
  .object({
    ...reportScopeFields,
    stages: z
      .array(
        z.union([
          z.object({ stage: z.literal("anonymous"), reached: z.number().int().nonnegative() }),
          funnelStepSchema,
        ]),
      )
      .describe("anonymous (the whole cohort), then iql, mql and sql."),
    disqualified: z.number().int().nonnegative(),
    recycled: z.number().int().nonnegative(),
    definitions: definitionsSchema,
  })
  .meta({ id: "FunnelReport", description: "How far the leads first seen in a period went down the funnel." });
/** A funnel report, as answered. */
export type FunnelReport = z.infer<typeof funnelReportSchema>;

const DEFINITIONS = {
  cohort: COHORT_DEFINITION,
  reached:
    "How many of the cohort were ever at that stage or a later one (iql < mql < sql), whatever happened after; a " +
    "lead that jumped stages reached each one it skipped at that moment; disqualified spells reach nothing. " +
    "anonymous is the whole cohort.",
  conversionFromPrevious: "reached at this stage divided by reached at the previous stage (null when that is 0).",
  conversionFromStart: "reached at this stage divided by the cohort (null when the cohort is empty).",
  medianDaysFromPrevious:
    "Over the leads that reached this stage, the median of the days between first reaching the previous stage " +
    "(first seen, for iql) and first reaching this one; null when none did.",
  disqualified: "How many of the cohort were ever disqualified, by a fit rule or by sales.",
  recycled: "How many of the cohort sales sent back from SQL to MQL (rejected as not ready).",
} as const;

/** The funnel of `cohort` (see {@link DEFINITIONS}). */
export function funnelReport(cohort: readonly LeadFacts[], scope: ReportScope): FunnelReport {
  const start = cohort.length;
  const previousAt = (lead: LeadFacts, stage: FunnelStage) =>
    stage === "iql" ? lead.firstSeen : lead.reached[FUNNEL_STAGES[FUNNEL_STAGES.indexOf(stage) - 1]!];
  let before = start;
  const steps = FUNNEL_STAGES.map((stage) => {
    const waits: number[] = [];
    for (const lead of cohort) {
      const at = lead.reached[stage];
      if (at !== null) waits.push(at - previousAt(lead, stage)!);
    }
    const waitMedian = median(waits);
    const step = {
      stage,
      reached: waits.length,
      conversionFromPrevious: ratio(waits.length, before),
      conversionFromStart: ratio(waits.length, start),
      medianDaysFromPrevious: waitMedian === null ? null : days(waitMedian),
    };
    before = waits.length;
    return step;
  });
  return {
    ...scope,
    stages: [{ stage: "anonymous", reached: start }, ...steps],
    disqualified: cohort.filter((lead) => lead.disqualified).length,
    recycled: cohort.filter((lead) => lead.recycled).length,
    definitions: DEFINITIONS,
  };
}
