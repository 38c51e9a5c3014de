/**
 * The five stage rules of design §6, first match wins:
 * disqualified → sql → mql → iql → anonymous.
 *
 * {@link decideStage} is a function of a snapshot and the time, so the same rules classify the
 * visitor after every event (for `stageHistory`) and at `now`; {@link nextTimedChange} finds when
 * the stage would change with no new event (decay below a threshold, the pricing window closing).
 */
import type { DecayingSum } from "./decay.ts";
import { DAY } from "./engagement.ts";
import type { SalesOutcome } from "./events.ts";
import type { ScoringModel } from "./model.ts";

/** A visitor's qualification stage. */
export const QUALIFICATION_STAGES = ["anonymous", "iql", "mql", "sql", "disqualified"] as const;
export type QualificationStage = (typeof QUALIFICATION_STAGES)[number];

/** Everything the stage rules read, except engagement, which depends on the time. */
export interface StageInputs {
  identified: boolean;
  fit: number;
  /** A fit disqualifier that holds ("job title "Student" matches "student""), or null. */
  disqualifier: string | null;
  /** The latest sales feedback, or null. */
  sales: { outcome: SalesOutcome; at: number; reason: string | undefined } | null;
  /** A hand-raise came after sales' latest rejection (or there was no rejection and one exists). */
  handRaiseCounts: boolean;
  /** Raw decayed engagement. */
  engagement: DecayingSum;
  lastPricingViewAt: number | null;
  contentViews: number;
  sessions: number;
  downloads: number;
}

/** A stage and the rule that gave it, in words sales can read. */
export interface StageDecision {
  stage: QualificationStage;
  rule: string;
}

const format = (n: number) => String(Math.round(n * 10) / 10);

/** Engagement at `t`, clamped to 0..max as the API shows it. */
export function engagementAt(inputs: StageInputs, t: number, model: ScoringModel): number {
  return Math.min(model.engagement.max, Math.max(0, inputs.engagement.valueAt(t)));
}

/** Applies the stage rules at time `t` (thresholds on exact, unrounded values). */
export function decideStage(inputs: StageInputs, t: number, model: ScoringModel): StageDecision {
  const { sql, mql } = model.stages;
  if (inputs.disqualifier) return { stage: "disqualified", rule: `disqualifier: ${inputs.disqualifier}` };
  const sales = inputs.sales;
  if (sales?.outcome === "disqualified") {
    return { stage: "disqualified", rule: `sales disqualified${sales.reason ? `: ${sales.reason}` : ""}` };
  }
  if (sales?.outcome === "accepted") return { stage: "sql", rule: "sales accepted" };
  if (!inputs.identified) return { stage: "anonymous", rule: "no email yet" };

  const engagement = engagementAt(inputs, t, model);
  // After a rejection the lead needs a new hand-raise; until then neither SQL path is open.
  const recycled = sales?.outcome === "rejected" && !inputs.handRaiseCounts;
  if (!recycled && inputs.fit >= sql.minFit) {
    if (inputs.handRaiseCounts) return { stage: "sql", rule: `hand-raise with fit ${format(inputs.fit)} ≥ ${sql.minFit}` };
    const pricingRecent =
      inputs.lastPricingViewAt !== null && t - inputs.lastPricingViewAt <= sql.pricingWindowDays * DAY;
    if (engagement >= sql.minEngagement && pricingRecent) {
      return {
        stage: "sql",
        rule: `engagement ${format(engagement)} ≥ ${sql.minEngagement} with a pricing view in the last ${sql.pricingWindowDays} days, fit ${format(inputs.fit)} ≥ ${sql.minFit}`,
      };
    }
  }
  if (recycled) return { stage: "mql", rule: `recycled: sales rejected${sales.reason ? ` (${sales.reason})` : ""}` };
  if (engagement >= mql.minEngagement) return { stage: "mql", rule: `engagement ${format(engagement)} ≥ ${mql.minEngagement}` };
  if (inputs.contentViews >= mql.minContentViews) return { stage: "mql", rule: `${inputs.contentViews} content views ≥ ${mql.minContentViews}` };
  if (inputs.sessions >= mql.minSessions) return { stage: "mql", rule: `${inputs.sessions} sessions ≥ ${mql.minSessions}` };
  if (inputs.downloads >= mql.minDownloads) return { stage: "mql", rule: `${inputs.downloads} download(s) ≥ ${mql.minDownloads}` };
  return { stage: "iql", rule: "identified" };
}

/** A stage change that happens with no new event. */
export interface TimedChange extends StageDecision {
  at: number;
  /** Why, for `stageHistory`: "decay: engagement below 70". */
  reason: string;
}

/**
 * The first stage change strictly after `from` that needs no new event, or null when the stage
 * holds forever. Only three things change with time alone: engagement crossing the SQL and MQL
 * thresholds on its way down (it only decays between events) and the pricing window closing, so
 * checking those instants in order is exact.
 */
export function nextTimedChange(inputs: StageInputs, from: number, current: QualificationStage, model: ScoringModel): TimedChange | null {
  const { sql, mql } = model.stages;
  const candidates: Array<{ at: number; reason: string }> = [];
  for (const threshold of new Set([sql.minEngagement, mql.minEngagement])) {
    if (threshold > model.engagement.max) continue;
    const at = inputs.engagement.firstTimeBelow(threshold, from);
    if (at !== null) candidates.push({ at, reason: `decay: engagement below ${threshold}` });
  }
  if (inputs.lastPricingViewAt !== null) {
    const at = inputs.lastPricingViewAt + sql.pricingWindowDays * DAY + 1;
    if (at > from) candidates.push({ at, reason: `pricing view older than ${sql.pricingWindowDays} days` });
  }
  candidates.sort((a, b) => a.at - b.at);
  for (const candidate of candidates) {
    const decision = decideStage(inputs, candidate.at, model);
    if (decision.stage !== current) return { ...decision, ...candidate };
  }
  return null;
}
